use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    accounts::{EmergencyReset, SignInNext},
    components::{classes, field_error, Access, FormAlert, KeyForm, Protected, TextField},
    i18n::{t, Msg},
    light::{posted_outcome, posted_value, Asset, LightPage, LightScript, PrefetchApp},
};

/// The second step: the 6-digit code from the authenticator app, or a bound key. A light page
/// (`crate::light`): its forms post to `/sign-in/verify`.
#[component]
pub fn VerifyCodePage() -> impl IntoView {
    view! {
        <LightPage>
            <Title text=t(Msg::VerifyTitle)/>
            <Protected access=Access::CodeStep render=|viewer| {
                // While the code is typed, the app that the next pages need arrives.
                view! { <CodeForm key_bound=viewer.key_bound emergency=viewer.emergency_reset/> <PrefetchApp/> }.into_any()
            }/>
            <LightScript script=Asset::Passkey/>
        </LightPage>
    }
}

#[component]
fn CodeForm(key_bound: bool, emergency: EmergencyReset) -> impl IntoView {
    let outcome = posted_outcome::<SignInNext>("code");
    let code = RwSignal::new(posted_value("code"));
    view! {
        <section class=classes::NARROW>
            <h1 class=classes::H1>{t(Msg::VerifyTitle)}</h1>
            {key_bound.then(|| view! {
                <div class=classes::CARD>
                    <KeyForm action="/sign-in/verify" form="key" ceremony="key_challenge" test_id="key-check"
                        label=Msg::UseKey hint=Msg::UseKeyHint primary=true/>
                </div>
                <h2 class="text-lg font-semibold">{t(Msg::OrEnterCode)}</h2>
            })}
            <form method="post" action="/sign-in/verify" class=classes::CARD novalidate=true>
                <TextField id="code" name="code" label=Msg::TotpCode value=code autocomplete="one-time-code" inputmode="numeric"
                    hint=Msg::TotpCodeHint error=field_error(outcome, "code") required=true autofocus=!key_bound mono=true/>
                <FormAlert outcome fields=&["code"]/>
                <button type="submit" class=classes::BUTTON>{t(Msg::Verify)}</button>
            </form>
            // 重設登入綁定 only after the password itself was proved in this sign-in (SPEC §3);
            // otherwise what to do instead.
            {match emergency.refusal() {
                None => view! { <a href="/sign-in/reset-binding" class="self-start">{t(Msg::ResetBindingLink)}</a> }.into_any(),
                Some(instead) => view! {
                    <p class="text-sm text-slate-700" data-testid="no-emergency-reset">{t(Msg::ResetBindingLink)}" "{t(instead)}</p>
                }.into_any(),
            }}
        </section>
    }
}
