use leptos::prelude::*;

use super::{ChannelChoice, ContactSelect};
use crate::{
    accounts::{check_mobile, check_official_email, check_real_name, ApplicationView, ContactChoice, Proof},
    components::{classes, field_error, live_error, CaptchaField, FormAlert, OrgPicker, TextField},
    directory::is_school_code,
    i18n::{t, LocalText, Msg},
    oid::Oid,
    server_fns::{registered_contacts, StartApplication},
};

/// Steps 1–3: the organization, who is applying, and the CAPTCHA. When the organization has
/// registered contacts who may still apply, the page offers both ways (申請方式): a contact
/// picks the name and proves the email or the mobile on record with one code; a new
/// applicant (新增帳號) gives name, email and mobile and is sent both codes, and the page says
/// why both are needed.
#[component]
pub fn ContactStep(view: ApplicationView, action: ServerAction<StartApplication>) -> impl IntoView {
    let outcome = action.value();
    let org_code = RwSignal::new(view.org_code.clone());
    let name = RwSignal::new(if view.proof == Proof::Both { view.display_name.clone() } else { String::new() });
    let email = RwSignal::new(view.email.clone());
    let mobile = RwSignal::new(view.mobile.clone());
    // A new applicant coming back stays one; otherwise the contacts' way comes first, as in
    // the old system, whenever the organization has any.
    let registered = RwSignal::new(!(view.reached.is_some() && view.proof == Proof::Both));
    let contacts = RwSignal::new(Vec::<ContactChoice>::new());
    // Asked only for a whole OID or school code (effects run only in the browser). The lookup
    // is dropped with the step (or a newer query): its signals are gone once the step is left.
    Effect::new(move |_| {
        let code = org_code.get().trim().to_string();
        if Oid::parse(&code).is_err() && !is_school_code(&code) {
            contacts.set(Vec::new());
            return;
        }
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let found = registered_contacts(code.clone()).await.unwrap_or_default();
            if org_code.get_untracked().trim() == code {
                contacts.set(found);
            }
        });
    });
    let as_contact = Signal::derive(move || registered.get() && !contacts.with(Vec::is_empty));
    let domains = view.email_domains.clone();
    // The shared rules, as the user types; the server's answer otherwise.
    let name_error = live_error(name, check_real_name, field_error(outcome, "name"));
    let mobile_error = live_error(mobile, |m| check_mobile(m).map(|_| ()), field_error(outcome, "mobile"));
    let email_error = live_error(email, move |e| check_official_email(e, &domains), field_error(outcome, "email"));
    let domain_list = view.email_domains.join(" / ");
    // The hint describes the choice; only the title names it.
    let mode = move |value: &'static str, label: Msg, hint: Msg, on: bool| {
        let (id, hint_id) = (format!("apply-mode-{value}"), format!("apply-mode-{value}-hint"));
        view! {
            <div class="flex items-start gap-3">
                <input type="radio" id=id.clone() name="mode" value=value aria-describedby=hint_id.clone()
                    prop:checked=move || as_contact.get() == on on:change=move |_| registered.set(on)
                    class="mt-1 h-5 w-5 shrink-0"/>
                <div>
                    <label for=id class="font-semibold">{t(label)}</label>
                    <p id=hint_id class="text-sm text-slate-700">{t(hint)}</p>
                </div>
            </div>
        }
    };
    view! {
        <ActionForm action=action attr:class=classes::CARD attr:novalidate=true>
            <h2 class="text-xl font-bold">{t(Msg::ApplyStepContact)}</h2>
            <OrgPicker id="apply-org" code_field="org_code" name_field="org_name" code=org_code
                initial_code=view.org_code.clone() initial_name=view.org_name.clone() error=field_error(outcome, "org_code")/>
            <Show when=move || !contacts.with(Vec::is_empty)>
                <fieldset class="flex flex-col gap-2" data-testid="apply-mode">
                    <legend class="mb-2 font-semibold">{t(Msg::ApplyModeLegend)}</legend>
                    {mode("registered", Msg::ApplyModeRegistered, Msg::ApplyModeRegisteredHint, true)}
                    {mode("new", Msg::ApplyModeNew, Msg::ApplyModeNewHint, false)}
                </fieldset>
            </Show>
            <Show when=move || as_contact.get()
                fallback=move || view! {
                    <TextField id="apply-name" name="name" label=Msg::ApplyRealName value=name autocomplete="name"
                        hint=Msg::ApplyRealNameHint error=name_error required=true/>
                }>
                <ContactSelect contacts=contacts.into() error=field_error(outcome, "contact")/>
            </Show>
            <TextField id="apply-email" name="email" label=Msg::ApplyOfficialEmail value=email input_type="email"
                autocomplete="email" error=email_error required=true/>
            <p class="-mt-3 text-sm text-slate-700">{LocalText::new(Msg::ApplyEmailHint).arg("domains", domain_list).render(crate::i18n::use_locale())}</p>
            <TextField id="apply-mobile" name="mobile" label=Msg::ApplyMobile value=mobile input_type="tel"
                autocomplete="tel" inputmode="tel" hint=Msg::ApplyMobileHint error=mobile_error required=true/>
            <Show when=move || as_contact.get()>
                <ChannelChoice/>
            </Show>
            <Show when=move || !as_contact.get()>
                <div class="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
                    <p class="font-semibold">{t(Msg::ApplyBothCodesTitle)}</p>
                    <p>{t(Msg::ApplyBothCodesBody)}</p>
                </div>
            </Show>
            <CaptchaField round=action.version() error=field_error(outcome, "captcha")/>
            <FormAlert outcome fields=&["org_code", "contact", "name", "email", "mobile", "captcha"]/>
            <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::ApplySendCodes)}</button>
        </ActionForm>
    }
}
