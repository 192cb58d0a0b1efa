use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use crate::{
    accounts::Viewer,
    components::{classes, field_error, use_viewer, Access, FormAlert, NewPasswordFields, Protected, TextField},
    i18n::{t, Msg},
    server_fns::ChangePassword,
};

/// 變更密碼; also where an expired password sends the user.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::ChangePasswordTitle)/>
        <Protected access=Access::SignedInAnyPassword render=|viewer| view! { <ChangeForm viewer/> }.into_any()/>
    }
}

#[component]
fn ChangeForm(viewer: Viewer) -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let outcome = action.value();
    let resource = use_viewer();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = outcome.get() {
            resource.refetch();
            navigate("/account?changed=1", Default::default());
        }
    });
    let current = RwSignal::new(String::new());
    let expired = viewer.password_expired;
    let username = viewer.username.clone();
    view! {
        <section class=classes::NARROW>
            <h1 class=classes::H1>{t(Msg::ChangePasswordTitle)}</h1>
            {expired.then(|| view! { <p role="alert" class="rounded-md border border-amber-300 bg-amber-50 px-4 py-3">{t(Msg::PasswordExpired)}</p> })}
            <ActionForm action=action attr:class=classes::CARD attr:novalidate=true>
                <TextField id="current-password" name="current" label=Msg::CurrentPassword value=current input_type="password"
                    autocomplete="current-password" error=field_error(outcome, "current") required=true/>
                <NewPasswordFields policy=viewer.password_policy.clone() username=Signal::derive(move || username.clone())
                    server_password_error=field_error(outcome, "password") server_confirm_error=field_error(outcome, "confirm")/>
                <FormAlert outcome fields=&["current", "password", "confirm"]/>
                <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::Save)}</button>
            </ActionForm>
        </section>
    }
}
