use leptos::prelude::*;

use crate::{
    accounts::{check_sent_code, ApplicationView, ApplyStep, Proof},
    components::{classes, field_error, live_error, FormAlert, TextField},
    i18n::{t, tr, LocalText, Msg},
    server_fns::{ResendApplicationCode, VerifyApplication},
};

/// 信箱驗證碼 and 手機驗證碼, each with 重新寄送. A channel already proved shows so instead of its
/// field.
#[component]
pub fn VerifyStep(
    view: ApplicationView,
    action: ServerAction<VerifyApplication>,
    resend: ServerAction<ResendApplicationCode>,
) -> impl IntoView {
    let outcome = action.value();
    let resent = resend.value();
    let email_code = RwSignal::new(String::new());
    let mobile_code = RwSignal::new(String::new());
    let code_error = move |value: RwSignal<String>, field: &'static str| {
        let (server, resend_error) = (field_error(outcome, field), field_error(resent, field));
        let said = Signal::derive(move || server.get().or(resend_error.get()));
        live_error(value, move |v| check_sent_code(field, v).map(|_| ()), said)
    };
    let resent_notice = move || matches!(resent.get(), Some(Ok(()))).then(|| t(Msg::ApplyCodeResent));
    let proof = view.proof;
    // A registered contact is told only that a code went out if the details matched.
    let sent_msg = if proof == Proof::Both { Msg::ApplyCodeSentTo } else { Msg::ApplyRegisteredSentTo };
    let channel = move |verified: bool,
                        id: &'static str,
                        field: &'static str,
                        label: Msg,
                        to: String,
                        value,
                        channel: &'static str| {
        if verified {
            view! {
                <p class=classes::NOTICE data-testid=format!("{id}-verified")>
                    {tr(&LocalText::new(Msg::ApplyChannelVerified).arg("to", to))}
                </p>
            }
            .into_any()
        } else {
            let sent_to = LocalText::new(sent_msg).arg("to", to);
            view! {
                <div class="flex flex-col gap-2">
                    <TextField id=id name=field label value inputmode="numeric" autocomplete="one-time-code"
                        error=code_error(value, field) required=true mono=true/>
                    <p class="text-sm text-slate-700">{tr(&sent_to)}</p>
                    <button type="submit" form=format!("{id}-resend") class=format!("{} self-start", classes::SECONDARY_BUTTON)
                        disabled=move || resend.pending().get() data-channel=channel>
                        {t(Msg::ApplyResend)}
                    </button>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <div class=classes::CARD>
            <h2 class="text-xl font-bold">{t(ApplyStep::Verify.label_for(proof))}</h2>
            <p>{t(if proof == Proof::Both { Msg::ApplyVerifyIntro } else { Msg::ApplyVerifyIntroOne })}</p>
            <ActionForm action=action attr:class="flex flex-col gap-4" attr:novalidate=true attr:id="apply-verify">
                {proof.needs_email().then(|| channel(view.email_verified, "email-code", "email_code", Msg::ApplyEmailCode, view.email.clone(), email_code, "email"))}
                {proof.needs_mobile().then(|| channel(view.mobile_verified, "mobile-code", "mobile_code", Msg::ApplyMobileCode, view.mobile.clone(), mobile_code, "sms"))}
                <FormAlert outcome fields=&["email_code", "mobile_code"]/>
                <p role="status" class="text-sm font-semibold text-green-900">{resent_notice}</p>
                <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::ApplyVerify)}</button>
            </ActionForm>
            // The resend forms sit outside the code form (forms cannot nest); their buttons
            // above name them with `form=`.
            <ActionForm action=resend attr:id="email-code-resend" attr:class="hidden">
                <input type="hidden" name="channel" value="email"/>
            </ActionForm>
            <ActionForm action=resend attr:id="mobile-code-resend" attr:class="hidden">
                <input type="hidden" name="channel" value="sms"/>
            </ActionForm>
            <FormAlert outcome=resent fields=&["email_code", "mobile_code"]/>
        </div>
    }
}
