use leptos::prelude::*;

use crate::i18n::{t, Msg};

/// 驗證方式: where a registered contact's one code goes, the email first; the SMS says why it
/// is the weaker choice.
#[component]
pub fn ChannelChoice() -> impl IntoView {
    let radio = |value: &'static str, label: Msg, note: Option<Msg>, checked: bool| {
        let (id, note_id) = (format!("apply-channel-{value}"), format!("apply-channel-{value}-note"));
        view! {
            <div class="flex items-start gap-3">
                <input type="radio" id=id.clone() name="channel" value=value checked=checked
                    aria-describedby=note.map(|_| note_id.clone()) class="mt-1 h-5 w-5 shrink-0"/>
                <div>
                    <label for=id class="font-semibold">{t(label)}</label>
                    {note.map(|n| view! { <p id=note_id class="text-sm text-slate-700">{t(n)}</p> })}
                </div>
            </div>
        }
    };
    view! {
        <fieldset class="flex flex-col gap-2">
            <legend class="mb-2 font-semibold">{t(Msg::ApplyChannelLegend)}</legend>
            {radio("email", Msg::ApplyChannelEmail, None, true)}
            {radio("sms", Msg::ApplyChannelSms, Some(Msg::ApplyChannelSmsNote), false)}
        </fieldset>
    }
}
