use leptos::prelude::*;

use super::{classes, Outcome, StepUpForm};
use crate::{
    error::AppError,
    i18n::{t, Msg},
};

/// The question asked in a member's entry before what cannot be taken back (handing on the main
/// role, resetting the bindings), naming the account. When the server answers the yes with a
/// request for a fresh verification, the verification takes the buttons' place, here rather
/// than at the top of the page, and sends the action again once given.
#[component]
pub fn MemberConfirm<T: Send + Sync + 'static>(
    /// Whether the question is shown; its cancel closes it.
    open: RwSignal<bool>,
    question: String,
    yes: Msg,
    /// Said above the verification: why it is asked.
    verify: Msg,
    #[prop(into)] pending: Signal<bool>,
    /// The action's last answer, to see whether it asks for the verification.
    outcome: Outcome<T>,
    on_yes: Callback<()>,
) -> impl IntoView {
    let needs_step_up = move || open.get() && outcome.with(|o| matches!(o, Some(Err(AppError::StepUpRequired))));
    view! {
        <Show when=move || open.get()>
            <div role="group" class="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3">
                <p>{question.clone()}</p>
                <Show when=needs_step_up fallback=move || view! {
                    <div class="flex flex-wrap gap-2">
                        <button type="button" class=classes::BUTTON disabled=move || pending.get()
                            on:click=move |_| on_yes.run(())>{t(yes)}</button>
                        <button type="button" class=classes::SECONDARY_BUTTON on:click=move |_| open.set(false)>{t(Msg::MembersCancel)}</button>
                    </div>
                }>
                    <p class="font-semibold">{t(verify)}</p>
                    <StepUpForm on_verified=on_yes/>
                </Show>
            </div>
        </Show>
    }
}
