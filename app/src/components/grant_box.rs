use leptos::prelude::*;

/// One checkbox of a member's grants, a subsystem's or a function's. Its visible text is short
/// (the subsystem or the function); `label` names the member too, since the list repeats the
/// same boxes for every account.
#[component]
pub fn GrantBox(
    label: String,
    #[prop(into)] text: String,
    checked: bool,
    disabled: bool,
    /// Runs with the box's new state.
    on_change: Callback<bool>,
) -> impl IntoView {
    view! {
        <label class="flex min-h-11 items-center gap-2">
            <input type="checkbox" class="h-5 w-5" checked=checked disabled=disabled aria-label=label
                on:change=move |ev| on_change.run(event_target_checked(&ev))/>
            <span>{text}</span>
        </label>
    }
}
