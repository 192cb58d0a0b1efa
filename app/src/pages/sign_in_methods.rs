use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    accounts::{FactorKind, SignInMethods, Viewer},
    components::{
        classes, Access, AddKeyForm, ErrorNotice, ExternalLink, ExternalNotice, Loading, PasswordSignInSetting,
        Protected, SignInMethodList, StepUpForm,
    },
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
    server_fns::my_sign_in_methods,
};

/// 登入設定: every bound sign-in method with its dates, and the security keys and passkeys
/// to add or remove. Shown only after a fresh verification (the server refuses the list
/// without one, and the step-up form takes its place).
#[component]
pub fn SignInMethodsPage() -> impl IntoView {
    let changed = RwSignal::new(0u32);
    // Made here, not inside `Protected` (a server render may run its content more than once).
    let methods = Resource::new(move || changed.get(), |_| my_sign_in_methods());
    view! {
        <Title text=t(Msg::SignInSettings)/>
        <Protected access=Access::SignedIn render=move |viewer| view! { <Methods methods changed viewer/> }.into_any()/>
    }
}

#[component]
fn Methods(
    methods: Resource<Result<SignInMethods, AppError>>,
    changed: RwSignal<u32>,
    viewer: Viewer,
) -> impl IntoView {
    let notice = RwSignal::new(None::<String>);
    let refresh = move |said: Option<String>| {
        notice.set(said);
        changed.update(|n| *n += 1);
    };
    let setting_changed = Callback::new(refresh);
    view! {
        <section class="mx-auto flex w-full max-w-2xl flex-col gap-6">
            <h1 class=classes::H1>{t(Msg::SignInSettings)}</h1>
            <p>{t(Msg::SignInMethodsIntro)}</p>
            <ExternalNotice/>
            <p role="status" aria-live="polite">
                {move || notice.get().map(|n| view! { <span class=classes::NOTICE>{n}</span> })}
            </p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || methods.get().map(|listed| match listed {
                    Err(AppError::StepUpRequired) => view! {
                        <StepUpForm on_verified=move |_| refresh(None)/>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    Ok(listed) => {
                        let keys_available = listed.keys_available;
                        let keys: Vec<String> = listed.methods.iter()
                            .filter(|m| m.kind == FactorKind::SecurityKey)
                            .map(|m| m.label.clone())
                            .collect();
                        let has_keys = !keys.is_empty();
                        let google = listed.methods.iter()
                            .find(|m| m.kind == FactorKind::Google)
                            .map(|m| format!("{}（{}）", t(m.kind.label()), m.label));
                        let linked = google.is_some();
                        let has_totp = listed.methods.iter().any(|m| m.kind == FactorKind::Totp);
                        let external = listed.external.clone().map(|name| view! { <ExternalLink name linked has_totp/> });
                        view! {
                            <div class=classes::CARD>
                                <h2 class="text-lg font-semibold">{t(Msg::SignInMethodsLabel)}</h2>
                                <SignInMethodList methods=listed.methods on_removed=move |name: String| {
                                    refresh(Some(tr(&LocalText::new(Msg::KeyRemoved).arg("name", name))))
                                }/>
                                {(!has_keys).then(|| view! { <p class="text-slate-700">{t(Msg::NoKeysYet)}</p> })}
                            </div>
                            <div class=classes::CARD>
                                <h2 class="text-lg font-semibold">{t(Msg::KeysHeading)}</h2>
                                <p>{t(Msg::KeysIntro)}</p>
                                {if keys_available {
                                    view! { <AddKeyForm on_added=move |name: String| {
                                        refresh(Some(tr(&LocalText::new(Msg::KeyAdded).arg("name", name))))
                                    }/> }.into_any()
                                } else {
                                    view! { <ErrorNotice error=AppError::invalid("key", Msg::KeysUnavailable)/> }.into_any()
                                }}
                            </div>
                            {external}
                            <PasswordSignInSetting enabled=listed.password_sign_in keys external=google viewer=viewer.clone()
                                on_changed=setting_changed/>
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
