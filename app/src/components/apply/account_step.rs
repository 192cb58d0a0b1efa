use leptos::prelude::*;

use crate::{
    accounts::{check_new_username, ApplicationView, Profile},
    components::{classes, field_error, live_error, FormAlert, NewPasswordFields, TextField},
    error::AppError,
    i18n::{t, Msg},
    password::PasswordPolicy,
    server_fns::SubmitApplication,
};

/// Step 5, the account form: username and password, the name, email and mobile already proved
/// (shown, not editable), and the office details. 送出申請.
#[component]
pub fn AccountStep(view: ApplicationView, action: ServerAction<SubmitApplication>) -> impl IntoView {
    let outcome = action.value();
    let username = RwSignal::new(view.username.clone());
    let p = &view.profile;
    let title = RwSignal::new(p.title.clone());
    let unit = RwSignal::new(p.unit.clone());
    let address = RwSignal::new(p.address.clone());
    let office_phone = RwSignal::new(p.office_phone.clone());
    let office_ext = RwSignal::new(p.office_ext.clone());
    let fax = RwSignal::new(p.fax.clone());
    let username_error = live_error(username, check_new_username, field_error(outcome, "username"));
    // The profile's rules as the user types, each said at its own field: the other required
    // fields are given a stand-in while empty, so that only this field's own rule speaks.
    let profile_error = move |field: &'static str, value: RwSignal<String>| {
        let rule = move |_: &str| {
            let or = |s: RwSignal<String>, stand_in: &str| {
                Some(s.get()).filter(|v| !v.is_empty()).unwrap_or(stand_in.into())
            };
            let typed = Profile {
                title: or(title, "-"),
                unit: or(unit, "-"),
                address: address.get(),
                office_phone: or(office_phone, "0"),
                office_ext: office_ext.get(),
                fax: fax.get(),
            };
            match typed.check() {
                Err(AppError::Invalid { field: f, message }) if f == field => {
                    Err(AppError::Invalid { field: f, message })
                }
                _ => Ok(()),
            }
        };
        live_error(value, rule, field_error(outcome, field))
    };
    let proved = move |label: Msg, value: String| {
        view! {
            <div class="flex flex-col">
                <dt class="font-semibold text-slate-900">{t(label)}</dt>
                <dd class="break-all">{value}</dd>
            </div>
        }
    };
    view! {
        <ActionForm action=action attr:class=classes::CARD attr:novalidate=true>
            <h2 class="text-xl font-bold">{t(Msg::ApplyStepAccount)}</h2>
            <dl class="grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-3" aria-describedby="proved-note">
                {proved(Msg::ApplyRealName, view.display_name.clone())}
                {proved(Msg::ApplyOfficialEmail, view.email.clone())}
                {proved(Msg::ApplyMobile, view.mobile.clone())}
            </dl>
            <p id="proved-note" class="-mt-2 text-sm text-slate-700">{t(Msg::ApplyProvedNote)}</p>
            <TextField id="apply-username" name="username" label=Msg::Username value=username autocomplete="username"
                hint=Msg::ApplyUsernameHint error=username_error required=true mono=true/>
            <NewPasswordFields policy=PasswordPolicy::application() username=username
                server_password_error=field_error(outcome, "password") server_confirm_error=field_error(outcome, "confirm")/>
            <div class="grid gap-3 sm:grid-cols-2">
                <TextField id="apply-title" name="title" label=Msg::ApplyJobTitle value=title autocomplete="organization-title"
                    error=profile_error("title", title) required=true/>
                <TextField id="apply-unit" name="unit" label=Msg::ApplyUnit value=unit error=profile_error("unit", unit) required=true/>
            </div>
            <TextField id="apply-address" name="address" label=Msg::ApplyAddress value=address autocomplete="street-address"
                hint=Msg::Optional error=profile_error("address", address)/>
            <div class="grid grid-cols-3 gap-3">
                <div class="col-span-2">
                    <TextField id="apply-phone" name="office_phone" label=Msg::ApplyOfficePhone value=office_phone input_type="tel"
                        autocomplete="tel" inputmode="tel" error=profile_error("office_phone", office_phone) required=true/>
                </div>
                <TextField id="apply-ext" name="office_ext" label=Msg::ApplyOfficeExt value=office_ext inputmode="numeric"
                    hint=Msg::Optional error=profile_error("office_ext", office_ext)/>
            </div>
            <TextField id="apply-fax" name="fax" label=Msg::ApplyFax value=fax input_type="tel" inputmode="tel"
                hint=Msg::Optional error=profile_error("fax", fax)/>
            <FormAlert outcome fields=&["username", "password", "confirm", "title", "unit", "address", "office_phone", "office_ext", "fax"]/>
            <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::ApplySubmit)}</button>
        </ActionForm>
    }
}
