use leptos::prelude::*;

use crate::{
    accounts::{check_new_username, check_profile, ApplicationView, ProfileInput},
    components::{classes, field_error, FormAlert, NewPasswordFields, TextField},
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
    let title = RwSignal::new(view.title.clone());
    let unit = RwSignal::new(view.unit.clone());
    let address = RwSignal::new(view.address.clone());
    let office_phone = RwSignal::new(view.office_phone.clone());
    let office_ext = RwSignal::new(view.office_ext.clone());
    let fax = RwSignal::new(view.fax.clone());
    let username_error = {
        let server = field_error(outcome, "username");
        Signal::derive(move || {
            let u = username.get();
            match (u.is_empty(), check_new_username(&u)) {
                (false, Err(AppError::Invalid { message, .. })) => Some(message),
                _ => server.get(),
            }
        })
    };
    // The profile rules as the user types, each said at its own field once it has been typed in.
    let profile_error = move |field: &'static str, value: RwSignal<String>| {
        let server = field_error(outcome, field);
        Signal::derive(move || {
            if value.with(String::is_empty) {
                return server.get();
            }
            let (ti, un, ad, ph, ex, fa) = (title.get(), unit.get(), address.get(), office_phone.get(), office_ext.get(), fax.get());
            // Fill the empty required fields with a placeholder so only this field's own rule speaks.
            let or = |s: &str| if s.is_empty() { "-".to_string() } else { s.to_string() };
            let (ti, un, ph) = (or(&ti), or(&un), if ph.is_empty() { "0".to_string() } else { ph });
            let input = ProfileInput { title: &ti, unit: &un, address: &ad, office_phone: &ph, office_ext: &ex, fax: &fa };
            match check_profile(&input) {
                Err(AppError::Invalid { field: f, message }) if f == field => Some(message),
                _ => server.get(),
            }
        })
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
