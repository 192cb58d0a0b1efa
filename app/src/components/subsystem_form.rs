use leptos::{prelude::*, server_fn::ServerFn};

use super::{
    classes, field_error, live_error, subsystem_draft::registration_rule, ClientKindChoice, FormAlert,
    IdTokenAlgChoice, ProfileFieldChoice, SecretOnce, StepUpForm, SubsystemDraft, TextAreaField, TextField,
};
use crate::{
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
    provider::REGISTRATION_FIELDS,
    server_fns::SaveSubsystem,
};

/// 登錄子系統, or 編輯 one (its code fixed): each field checked as it is typed by the rule the
/// server runs, the server's answer said at its field. A fresh verification is asked when
/// the server wants it, then the form is sent again. A new confidential subsystem's first
/// secret is shown once.
#[component]
pub fn SubsystemForm(
    draft: SubsystemDraft,
    save: ServerAction<SaveSubsystem>,
    /// The codes registered already, which a new subsystem cannot take.
    #[prop(into)]
    taken: Signal<Vec<String>>,
) -> impl IntoView {
    let outcome = save.value();
    // The code of what was sent, for the secret and the notice that answer it.
    let sent_code = RwSignal::new(String::new());
    let secret = RwSignal::new(None::<(String, String)>);
    Effect::new(move |_| {
        if let Some(Ok(answer)) = outcome.get() {
            if let Some(value) = answer {
                secret.set(Some((sent_code.get_untracked(), value)));
            }
            draft.clear();
        }
    });
    let editing = draft.editing;
    // A code of the right form (never an empty one: the list is read only then), not taken.
    let code_rule = move |code: &str| {
        registration_rule("code", code)?;
        if !editing.get() && taken.with(|codes| codes.iter().any(|c| c == code.trim())) {
            return Err(AppError::invalid("code", Msg::SubsystemsCodeTaken));
        }
        Ok(())
    };
    let error = move |field: &'static str, value: RwSignal<String>| {
        live_error(value, move |v| registration_rule(field, v), field_error(outcome, field))
    };
    let code_server_error = field_error(outcome, "code");
    let code_error = live_error(draft.code, code_rule, code_server_error);
    let send = move || {
        let registration = draft.registration();
        if code_rule(&registration.code).is_err() && !registration.code.is_empty() {
            return;
        }
        sent_code.set(registration.code.trim().to_string());
        save.dispatch(SaveSubsystem { registration });
    };
    let needs_step_up = move || matches!(outcome.get(), Some(Err(AppError::StepUpRequired)));
    let saved = move || match outcome.get() {
        Some(Ok(_)) => Some(tr(&LocalText::new(Msg::SubsystemsSaved).arg("code", sent_code.get()))),
        _ => None,
    };
    let heading = move || match editing.get() {
        true => tr(&LocalText::new(Msg::SubsystemsEditing).arg("code", draft.code.get())),
        false => t(Msg::SubsystemsRegister).to_string(),
    };
    view! {
        <section class="flex flex-col gap-3" aria-labelledby="subsystem-form-heading" data-testid="subsystem-form">
            <h2 id="subsystem-form-heading" node_ref=draft.heading tabindex="-1" class="text-xl font-bold">{heading}</h2>
            <p role="status" aria-live="polite">{move || saved().map(|s| view! { <span class=classes::NOTICE>{s}</span> })}</p>
            {move || secret.get().map(|(code, value)| view! {
                <SecretOnce code secret=value on_done=move |_| secret.set(None)/>
            })}
            <form method="post" action=SaveSubsystem::url() class=classes::CARD novalidate
                on:submit=move |ev| { ev.prevent_default(); send(); }>
                <Show when=move || editing.get() fallback=move || view! {
                    <TextField id="subsystem-code" name="code" label=Msg::SubsystemsCode value=draft.code mono=true
                        hint=Msg::SubsystemsCodeHint error=code_error required=true/>
                }>
                    <input type="hidden" name="code" value=move || draft.code.get()/>
                    <p role="alert" class="text-sm font-semibold text-red-800">{move || code_server_error.get().map(|e| tr(&e))}</p>
                </Show>
                <div class="grid gap-3 sm:grid-cols-2">
                    <TextField id="subsystem-name-zh" name="name_zh" label=Msg::SubsystemsNameZh value=draft.name_zh
                        error=error("name_zh", draft.name_zh) required=true/>
                    <TextField id="subsystem-name-en" name="name_en" label=Msg::SubsystemsNameEn value=draft.name_en
                        error=error("name_en", draft.name_en) required=true/>
                </div>
                <TextAreaField id="subsystem-description-zh" name="description_zh" label=Msg::SubsystemsDescriptionZh
                    value=draft.description_zh rows=2 hint=Msg::Optional/>
                <TextAreaField id="subsystem-description-en" name="description_en" label=Msg::SubsystemsDescriptionEn
                    value=draft.description_en rows=2 hint=Msg::Optional/>
                <ClientKindChoice kind=draft.kind/>
                <TextField id="subsystem-home-url" name="home_url" label=Msg::SubsystemsHomeUrl value=draft.home_url mono=true
                    input_type="url" hint=Msg::SubsystemsHomeUrlHint error=error("home_url", draft.home_url) required=true/>
                <TextAreaField id="subsystem-redirect-uris" name="redirect_uris" label=Msg::SubsystemsRedirectUris
                    value=draft.redirect_uris mono=true hint=Msg::SubsystemsOnePerLine
                    error=error("redirect_uris", draft.redirect_uris) required=true/>
                <TextAreaField id="subsystem-post-logout-uris" name="post_logout_redirect_uris" label=Msg::SubsystemsPostLogoutUris
                    value=draft.post_logout_redirect_uris mono=true hint=Msg::SubsystemsOnePerLine
                    error=error("post_logout_redirect_uris", draft.post_logout_redirect_uris)/>
                <TextField id="subsystem-backchannel-uri" name="backchannel_logout_uri" label=Msg::SubsystemsBackchannelUri
                    value=draft.backchannel_logout_uri mono=true input_type="url" hint=Msg::SubsystemsBackchannelHint
                    error=error("backchannel_logout_uri", draft.backchannel_logout_uri)/>
                <div class="grid gap-3 sm:grid-cols-2">
                    <TextField id="subsystem-privacy-url" name="privacy_url" label=Msg::SubsystemsPrivacyUrl value=draft.privacy_url
                        mono=true input_type="url" error=error("privacy_url", draft.privacy_url)/>
                    <TextField id="subsystem-terms-url" name="terms_url" label=Msg::SubsystemsTermsUrl value=draft.terms_url
                        mono=true input_type="url" error=error("terms_url", draft.terms_url)/>
                </div>
                <ProfileFieldChoice fields=draft.fields/>
                <TextAreaField id="subsystem-functions" name="functions" label=Msg::SubsystemsFunctions
                    value=draft.functions mono=true hint=Msg::SubsystemsFunctionsHint
                    error=error("functions", draft.functions)/>
                <IdTokenAlgChoice alg=draft.id_token_alg/>
                <Show when=move || !needs_step_up()>
                    <FormAlert outcome fields=REGISTRATION_FIELDS/>
                </Show>
                <div class="flex flex-wrap gap-2">
                    <button type="submit" class=classes::BUTTON disabled=move || save.pending().get()>{t(Msg::Save)}</button>
                    <Show when=move || editing.get()>
                        <button type="button" class=classes::SECONDARY_BUTTON on:click=move |_| draft.clear()>
                            {t(Msg::SubsystemsCancelEdit)}
                        </button>
                    </Show>
                </div>
            </form>
            // Beside the form, not in it: the verification is a form of its own.
            <Show when=needs_step_up>
                <div role="group" class="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3">
                    <p class="font-semibold">{t(Msg::SubsystemsVerify)}</p>
                    <StepUpForm on_verified=move |_| send()/>
                </div>
            </Show>
        </section>
    }
}
