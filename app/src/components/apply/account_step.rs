use leptos::prelude::*;

use crate::{
    accounts::{check_new_username, ApplicationView},
    components::{classes, field_error, live_error, FormAlert, NewPasswordFields, ProfileFields, TextField},
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
    let username_error = live_error(username, check_new_username, field_error(outcome, "username"));
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
            <p id="proved-note" class="-mt-2 text-sm text-slate-700">{t(if view.proof == crate::accounts::Proof::Both { Msg::ApplyProvedNote } else { Msg::ApplyRecordNote })}</p>
            <TextField id="apply-username" name="username" label=Msg::Username value=username autocomplete="username"
                hint=Msg::ApplyUsernameHint error=username_error required=true mono=true/>
            <NewPasswordFields policy=PasswordPolicy::application() username=username
                server_password_error=field_error(outcome, "password") server_confirm_error=field_error(outcome, "confirm")/>
            <ProfileFields id="apply" initial=view.profile.clone() outcome/>
            <FormAlert outcome fields=&["username", "password", "confirm", "title", "unit", "address", "office_phone", "office_ext", "fax"]/>
            <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::ApplySubmit)}</button>
        </ActionForm>
    }
}
