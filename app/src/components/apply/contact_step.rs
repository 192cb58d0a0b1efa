use leptos::prelude::*;

use crate::{
    accounts::{check_mobile, check_official_email, check_real_name, ApplicationView},
    components::{classes, field_error, live_error, CaptchaField, FormAlert, OrgPicker, TextField},
    i18n::{t, LocalText, Msg},
    server_fns::StartApplication,
};

/// Steps 1–3: the organization, who is applying, and the CAPTCHA. Both codes are sent on
/// submission; the page says why both are needed.
#[component]
pub fn ContactStep(view: ApplicationView, action: ServerAction<StartApplication>) -> impl IntoView {
    let outcome = action.value();
    let name = RwSignal::new(view.display_name.clone());
    let email = RwSignal::new(view.email.clone());
    let mobile = RwSignal::new(view.mobile.clone());
    let domains = view.email_domains.clone();
    // The shared rules, as the user types; the server's answer otherwise.
    let name_error = live_error(name, check_real_name, field_error(outcome, "name"));
    let mobile_error = live_error(mobile, |m| check_mobile(m).map(|_| ()), field_error(outcome, "mobile"));
    let email_error = live_error(email, move |e| check_official_email(e, &domains), field_error(outcome, "email"));
    let domain_list = view.email_domains.join(" / ");
    view! {
        <ActionForm action=action attr:class=classes::CARD attr:novalidate=true>
            <h2 class="text-xl font-bold">{t(Msg::ApplyStepContact)}</h2>
            <OrgPicker id="apply-org" code_field="org_code" name_field="org_name"
                initial_code=view.org_code.clone() initial_name=view.org_name.clone() error=field_error(outcome, "org_code")/>
            <TextField id="apply-name" name="name" label=Msg::ApplyRealName value=name autocomplete="name"
                hint=Msg::ApplyRealNameHint error=name_error required=true/>
            <TextField id="apply-email" name="email" label=Msg::ApplyOfficialEmail value=email input_type="email"
                autocomplete="email" error=email_error required=true/>
            <p class="-mt-3 text-sm text-slate-700">{LocalText::new(Msg::ApplyEmailHint).arg("domains", domain_list).render(crate::i18n::use_locale())}</p>
            <TextField id="apply-mobile" name="mobile" label=Msg::ApplyMobile value=mobile input_type="tel"
                autocomplete="tel" inputmode="tel" hint=Msg::ApplyMobileHint error=mobile_error required=true/>
            <div class="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
                <p class="font-semibold">{t(Msg::ApplyBothCodesTitle)}</p>
                <p>{t(Msg::ApplyBothCodesBody)}</p>
            </div>
            <CaptchaField round=action.version() error=field_error(outcome, "captcha")/>
            <FormAlert outcome fields=&["org_code", "name", "email", "mobile", "captcha"]/>
            <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::ApplySendCodes)}</button>
        </ActionForm>
    }
}
