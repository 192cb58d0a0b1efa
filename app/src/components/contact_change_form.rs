use leptos::prelude::*;

use super::{classes, field_error, live_error, FormAlert, StepUpForm, TextField};
use crate::{
    accounts::{check_mobile, check_official_email, check_sent_code, Channel},
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
    server_fns::{ConfirmContactChange, RequestContactChange},
};

/// 變更公務信箱 or 變更手機號碼: the new value and 寄送驗證碼 (after a step-up, which the form
/// asks for when the server wants it), then the code it received and 確認變更.
#[component]
pub fn ContactChangeForm(
    channel: Channel,
    current: String,
    domains: Vec<String>,
    #[prop(into)] changed: Callback<()>,
) -> impl IntoView {
    let request = ServerAction::<RequestContactChange>::new();
    let confirm = ServerAction::<ConfirmContactChange>::new();
    let (asked, confirmed) = (request.value(), confirm.value());
    let value = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(())) = confirmed.get() {
            changed.run(());
        }
    });
    let (field, label, heading) = match channel {
        Channel::Email => ("email", Msg::ApplyOfficialEmail, Msg::ContactChangeEmail),
        Channel::Sms => ("mobile", Msg::ApplyMobile, Msg::ContactChangeMobile),
    };
    let rule = move |v: &str| match field {
        "email" => check_official_email(v, &domains),
        _ => check_mobile(v).map(|_| ()),
    };
    let value_error = live_error(value, rule, field_error(asked, field));
    let code_error = live_error(code, |c| check_sent_code("code", c).map(|_| ()), field_error(confirmed, "code"));
    let sent = move || matches!(asked.get(), Some(Ok(())));
    let needs_step_up = move || matches!(asked.get(), Some(Err(AppError::StepUpRequired)));
    let resend = move || {
        request.dispatch(RequestContactChange { channel, value: value.get_untracked() });
    };
    let id: &'static str = if field == "email" { "contact-email" } else { "contact-mobile" };
    view! {
        <section class=classes::CARD data-testid=id aria-labelledby=format!("{id}-heading")>
            <h2 id=format!("{id}-heading") class="text-lg font-semibold">{t(heading)}</h2>
            <p class="text-sm">
                {t(Msg::ContactNow)}" "
                <span class="break-all font-semibold">{if current.is_empty() { t(Msg::ContactNone).to_string() } else { current }}</span>
            </p>
            <Show when=move || !matches!(confirmed.get(), Some(Ok(()))) fallback=move || view! {
                <p role="status" class=classes::NOTICE>{t(Msg::ContactChanged)}</p>
            }>
                <ActionForm action=request attr:class="flex flex-col gap-3" attr:novalidate=true>
                    <input type="hidden" name="channel" value=channel.as_str()/>
                    <TextField id=format!("{id}-value") name="value" label value error=value_error required=true
                        input_type=if field == "email" { "email" } else { "tel" } autocomplete=if field == "email" { "email" } else { "tel" }/>
                    <FormAlert outcome=asked fields=&["email", "mobile"]/>
                    <button type="submit" class=format!("{} self-start", classes::SECONDARY_BUTTON) disabled=move || request.pending().get()>
                        {t(Msg::ApplySendCodes)}
                    </button>
                </ActionForm>
                <Show when=needs_step_up>
                    <StepUpForm on_verified=move |_| resend()/>
                </Show>
                <Show when=sent>
                    <ActionForm action=confirm attr:class="flex flex-col gap-3" attr:novalidate=true>
                        <p class="text-sm">{move || tr(&LocalText::new(Msg::ApplyCodeSentTo).arg("to", value.get()))}</p>
                        <input type="hidden" name="channel" value=channel.as_str()/>
                        <input type="hidden" name="value" value=move || value.get()/>
                        <TextField id=format!("{id}-code") name="code" label=Msg::ContactCode value=code inputmode="numeric"
                            autocomplete="one-time-code" error=code_error required=true mono=true/>
                        <FormAlert outcome=confirmed fields=&["code"]/>
                        <button type="submit" class=format!("{} self-start", classes::BUTTON) disabled=move || confirm.pending().get()>
                            {t(Msg::ContactConfirm)}
                        </button>
                    </ActionForm>
                </Show>
            </Show>
        </section>
    }
}
