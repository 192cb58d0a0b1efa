use leptos::{html, prelude::*};

use crate::{
    i18n::t,
    inventory::{Column, Kind},
};

/// How an edit ended: keep it and move (down for Enter, across for Tab), or drop it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditEnd {
    Down,
    Right,
    Left,
    Cancel,
}

/// The editor inside the active cell: a list of the allowed values for a fixed-value column,
/// a text box otherwise. Takes focus when it appears.
#[component]
pub fn GridEditor(column: Column, draft: RwSignal<String>, done: Callback<EditEnd>) -> impl IntoView {
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let end = match ev.key().as_str() {
            "Enter" => Some(EditEnd::Down),
            "Tab" if ev.shift_key() => Some(EditEnd::Left),
            "Tab" => Some(EditEnd::Right),
            "Escape" => Some(EditEnd::Cancel),
            _ => None,
        };
        if let Some(end) = end {
            ev.prevent_default();
            ev.stop_propagation();
            done.run(end);
        }
    };
    let label = t(column.label());
    match column.kind() {
        Kind::Choice(values) => {
            let select = NodeRef::<html::Select>::new();
            select.on_load(|el| {
                let _ = el.focus();
            });
            view! {
                <select
                    node_ref=select
                    aria-label=label
                    class="h-full w-full bg-white px-1 text-base"
                    on:keydown=on_keydown
                    on:change=move |ev| {
                        draft.set(event_target_value(&ev));
                    }
                >
                    <option value="" selected=move || draft.get().is_empty()>""</option>
                    {values
                        .iter()
                        .map(|v| {
                            let v = *v;
                            view! { <option value=v selected=move || draft.get() == v>{v}</option> }
                        })
                        .collect_view()}
                </select>
            }
            .into_any()
        }
        _ => {
            let input = NodeRef::<html::Input>::new();
            input.on_load(|el| {
                let _ = el.focus();
                let len = el.value().chars().count() as u32;
                let _ = el.set_selection_range(len, len);
            });
            view! {
                <input
                    node_ref=input
                    type="text"
                    aria-label=label
                    class="h-full w-full bg-white px-1 text-base"
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:keydown=on_keydown
                />
            }
            .into_any()
        }
    }
}
