use leptos::prelude::*;
use leptos_meta::Link;

use crate::{
    i18n::{t, tr, LocalText, Msg},
    light::Asset,
    server_fns::new_captcha,
};

/// The CAPTCHA: a proof of work the browser does by itself (see `accounts::captcha`). Nothing
/// to read, type or hear; its progress is announced politely. Each answer is good for one
/// submission, so a new challenge is solved whenever `round` changes (pass the action's
/// version). On a light page, which is not hydrated, the page's CAPTCHA script
/// (`app/scripts/captcha.js`) does the same with this markup (`data-captcha`): the challenge
/// comes in the page, and the search runs in the small wasm named by `data-solver`, which a
/// preload starts fetching beside the script.
#[component]
pub fn CaptchaField(
    #[prop(optional, into)] round: Option<Signal<usize>>,
    #[prop(into)] error: Signal<Option<LocalText>>,
    /// Where the answer goes for a caller that sends it itself, not in a form.
    #[prop(optional)]
    answer: Option<RwSignal<String>>,
) -> impl IntoView {
    let answer = answer.unwrap_or_else(|| RwSignal::new(String::new()));
    let embedded = crate::light::embedded_challenge();
    let solver = embedded.is_some().then(|| Asset::CaptchaSolver.href());
    let preload = solver.clone().map(|href| {
        view! { <Link rel="preload" href=href as_="fetch" type_="application/wasm" crossorigin="anonymous"/> }
    });
    let round = round.unwrap_or_else(|| Signal::derive(|| 0));
    let solved = RwSignal::new(false);
    let failed = RwSignal::new(false);
    // Effects run only in the browser, after hydration.
    Effect::new(move |_| {
        round.track();
        answer.set(String::new());
        solved.set(false);
        failed.set(false);
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            match new_captcha().await {
                Ok(challenge) => {
                    let n = crate::accounts::solve(&challenge.salt, challenge.bits);
                    answer.set(challenge.answer(n));
                    solved.set(true);
                }
                Err(_) => failed.set(true),
            }
        });
    });
    let status = move || {
        if failed.get() {
            t(Msg::CaptchaFailed)
        } else if solved.get() {
            t(Msg::CaptchaDone)
        } else {
            t(Msg::CaptchaWorking)
        }
    };
    view! {
        <div class="flex flex-col gap-1" data-captcha="" data-solver=solver.clone()
            data-token=embedded.as_ref().map(|(c, _)| c.token.clone()) data-salt=embedded.as_ref().map(|(c, _)| c.salt.clone())
            data-bits=embedded.as_ref().map(|(c, _)| c.bits) data-seconds=embedded.as_ref().map(|(_, s)| *s)>
            {preload}
            <input type="hidden" name="captcha" prop:value=move || answer.get()/>
            <p class="flex items-center gap-2 text-sm text-slate-700" role="status" aria-live="polite" data-testid="captcha-status" data-solved=move || solved.get().to_string()
                data-done=t(Msg::CaptchaDone) data-failed=t(Msg::CaptchaFailed)>
                <span aria-hidden="true" class="inline-block h-3 w-3 rounded-full" class:bg-green-700=move || solved.get() class:bg-slate-400=move || !solved.get()></span>
                <span data-captcha-text="">{status}</span>
            </p>
            <noscript><p class="text-sm font-semibold text-red-800">{t(Msg::CaptchaNeedsScript)}</p></noscript>
            <p class="text-sm font-semibold text-red-800" aria-live="polite">{move || error.get().map(|e| tr(&e))}</p>
        </div>
    }
}
