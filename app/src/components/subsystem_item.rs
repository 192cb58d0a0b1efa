use leptos::prelude::*;

use super::{classes, DetailRow, SecretOnce, StepUpForm, SubsystemAct, SubsystemActions};
use crate::{
    error::AppError,
    i18n::{t, tr, use_locale, LocalText, Locale, Msg},
    provider::RegisteredSubsystem,
    provider::{address_list, parse_catalogue, ClientKind},
    time::taipei_datetime,
};

/// One registered subsystem: its names, code, type, state, addresses and secret's dates, with
/// 更換密鑰 (a confidential one), 停用 or 啟用, and 編輯. A new secret, a refusal, or the
/// verification the server asks for is said here.
#[component]
pub fn SubsystemItem(entry: RegisteredSubsystem, actions: SubsystemActions) -> impl IntoView {
    let r = entry.registration;
    let code = r.code.clone();
    let confidential = r.kind == ClientKind::Confidential;
    let kind = if confidential { Msg::SubsystemsConfidential } else { Msg::SubsystemsPublic };
    let (state, state_class) = match entry.active {
        true => (Msg::SubsystemsActive, "rounded bg-green-100 px-2 py-0.5 font-semibold text-green-900"),
        false => (Msg::SubsystemsInactive, "rounded bg-slate-200 px-2 py-0.5 font-semibold text-slate-800"),
    };
    let when = |msg: Msg, at: Option<i64>| at.map(|at| tr(&LocalText::new(msg).arg("at", taipei_datetime(at))));
    let secret_dates = [
        when(Msg::SubsystemsSecretMade, entry.secret_made_at).or_else(|| Some(t(Msg::SubsystemsNoSecret).into())),
        when(Msg::SubsystemsOldSecretUntil, entry.old_secret_until),
    ];
    let secret_dates: Vec<String> = secret_dates.into_iter().flatten().collect();
    let uris = |text: &str| address_list(text).join(" ");
    // Not set yet (管考系統 comes registered without addresses).
    let or_dash = |text: String| if text.is_empty() { "—".to_string() } else { text };
    let optional = |label: Msg, value: String| (!value.is_empty()).then(|| view! { <DetailRow label value/> });
    // The buttons' names say which subsystem, in the reader's language.
    let name = if use_locale() == Locale::En { r.name_en.clone() } else { r.name_zh.clone() };
    let label = |msg: Msg| format!("{} {name}", t(msg));
    let locale = use_locale();
    let functions: Vec<String> =
        parse_catalogue(&r.functions).iter().map(|f| format!("{} ({})", f.name(locale), f.code)).collect();
    let functions = functions.join("、");
    let (c1, c2, c3, c4) = (code.clone(), code.clone(), code.clone(), code.clone());
    let secret = move || actions.secret(&c1);
    let needs_step_up = move || matches!(actions.refusal(&c2), Some(AppError::StepUpRequired));
    let refused = move || actions.refusal(&c3).filter(|e| *e != AppError::StepUpRequired).map(|e| tr(&e.message()));
    let active = entry.active;
    // An old secret that still works: there was one before this rotation.
    let rotated = entry.old_secret_until.is_some();
    let edited = r.clone();
    view! {
        <li class=classes::CARD data-testid="subsystem-row">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h3 class="text-lg font-semibold">
                    {r.name_zh.clone()}" "<span class="text-base font-normal text-slate-700">{r.name_en.clone()}</span>
                </h3>
                <p class="flex flex-wrap gap-2 text-sm">
                    <span class="rounded bg-blue-50 px-2 py-0.5 font-semibold text-blue-900">{t(kind)}</span>
                    <span class=state_class data-testid="subsystem-state">{t(state)}</span>
                </p>
            </div>
            <dl class="text-sm">
                <DetailRow label=Msg::SubsystemsCode value=code.clone()/>
                <DetailRow label=Msg::SubsystemsHomeUrl value=or_dash(r.home_url.clone())/>
                <DetailRow label=Msg::SubsystemsRedirectUris value=or_dash(uris(&r.redirect_uris))/>
                {optional(Msg::SubsystemsPostLogoutUris, uris(&r.post_logout_redirect_uris))}
                {optional(Msg::SubsystemsBackchannelUri, r.backchannel_logout_uri.clone())}
                {optional(Msg::SubsystemsFunctions, functions)}
                <DetailRow label=Msg::SubsystemsIdTokenAlg value=r.id_token_alg.as_str().to_string()/>
                {confidential.then(|| view! { <DetailRow label=Msg::SubsystemsSecret value=secret_dates.join("；")/> })}
            </dl>
            {move || secret().map(|value| view! {
                <SecretOnce code=c4.clone() secret=value rotated on_done=move |_| actions.forget()/>
            })}
            <div class="flex flex-wrap gap-2">
                {confidential.then(|| {
                    let code = code.clone();
                    view! {
                        <button type="button" class=classes::SECONDARY_BUTTON disabled=move || actions.pending()
                            aria-label=label(Msg::SubsystemsRotateSecret)
                            on:click=move |_| actions.send(&code, SubsystemAct::RotateSecret)>
                            {t(Msg::SubsystemsRotateSecret)}
                        </button>
                    }
                })}
                <button type="button" disabled=move || actions.pending()
                    class=if active { classes::DANGER_BUTTON } else { classes::SECONDARY_BUTTON }
                    aria-label=label(if active { Msg::SubsystemsDisable } else { Msg::SubsystemsEnable })
                    on:click={
                        let code = code.clone();
                        move |_| actions.send(&code, SubsystemAct::SetActive(!active))
                    }>
                    {t(if active { Msg::SubsystemsDisable } else { Msg::SubsystemsEnable })}
                </button>
                <button type="button" class=classes::SECONDARY_BUTTON aria-label=label(Msg::SubsystemsEdit)
                    on:click=move |_| actions.edit.run(edited.clone())>
                    {t(Msg::SubsystemsEdit)}
                </button>
            </div>
            <p role="alert" class="font-semibold text-red-800">{refused}</p>
            <Show when=needs_step_up>
                <div role="group" class="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3">
                    <p class="font-semibold">{t(Msg::SubsystemsVerify)}</p>
                    <StepUpForm on_verified=move |_| actions.resend()/>
                </div>
            </Show>
        </li>
    }
}
