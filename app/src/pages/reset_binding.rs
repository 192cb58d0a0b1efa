use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{classes, field_error, Access, CaptchaField, FormAlert, Protected, TextField},
    i18n::{t, tr, LocalText, Msg},
    light::{error_field, posted_outcome, posted_value, Asset, LightPage, LightScript},
    url::query_string,
};

/// 重設登入綁定 (the phone with the authenticator is lost): the verified email and a CAPTCHA
/// for an emergency code by mail, then the code, with the minutes it has left. The letters of
/// the newest code are shown, so that the user picks the right mail. A light page
/// (`crate::light`): both forms post to `/sign-in/reset-binding`; a sent code's letters, where
/// it went and when it ends come back in the address (`BindingResetSent::address`), so that a reload or a
/// refused code keeps them.
#[component]
pub fn ResetBindingPage() -> impl IntoView {
    view! {
        <LightPage>
            <Title text=t(Msg::ResetBindingTitle)/>
            <Protected access=Access::CodeStep render=|viewer| match viewer.emergency_reset.refusal() {
                None => view! { <ResetBinding/> }.into_any(),
                Some(instead) => view! { <NotOffered instead/> }.into_any(),
            }/>
        </LightPage>
    }
}

/// This sign-in may not reset its bindings (begun with Google, password sign-in off, or no
/// authenticator): what to do instead; the server refuses the reset all the same.
#[component]
fn NotOffered(instead: Msg) -> impl IntoView {
    view! {
        <section class=classes::NARROW>
            <a href="/sign-in/verify" class="self-start">{t(Msg::BackToVerify)}</a>
            <h1 class=classes::H1>{t(Msg::ResetBindingTitle)}</h1>
            <p role="alert" class="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950" data-testid="no-emergency-reset">
                {t(instead)}
            </p>
        </section>
    }
}

/// A sent code, as the address says it (nothing in it is trusted: it is shown, and the
/// server checks the code all the same).
struct Sent {
    to: String,
    letters: String,
    /// Seconds left when the page was rendered.
    remaining: i64,
    /// The address's query, for the code's form to post back to the same page.
    query: String,
}

fn sent_from_address() -> Option<Sent> {
    let query = use_query_map();
    query.with_untracked(|q| {
        let (to, letters, until) = (q.get("to")?, q.get("letters")?, q.get("until")?);
        let until: i64 = until.parse().ok()?;
        let letters = letters.chars().all(|c| c.is_ascii_uppercase()).then_some(letters)?;
        #[cfg(feature = "ssr")]
        let now = crate::db::now();
        #[cfg(not(feature = "ssr"))]
        let now = until;
        let remaining = (until - now).max(0);
        let query = query_string(&[("to", &to), ("letters", &letters), ("until", &until.to_string())]);
        Some(Sent { to, letters, remaining, query })
    })
}

const REQUEST_FIELDS: &[&str] = &["email", "captcha"];

#[component]
fn ResetBinding() -> impl IntoView {
    let sent = sent_from_address();
    let requested = posted_outcome::<()>("request");
    let email = RwSignal::new(posted_value("email"));
    let was_sent = sent.is_some();
    // A refused request for another code keeps the one sent before on the page.
    let action = match &sent {
        Some(sent) => format!("/sign-in/reset-binding?{}", sent.query),
        None => "/sign-in/reset-binding".to_string(),
    };
    view! {
        <section class=classes::NARROW>
            <a href="/sign-in/verify" class="self-start">{t(Msg::BackToVerify)}</a>
            <h1 class=classes::H1>{t(Msg::ResetBindingTitle)}</h1>
            <p>{t(Msg::ResetBindingIntro)}</p>
            <p class="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950">{t(Msg::ResetBindingWarning)}</p>
            <form method="post" action=action class=classes::CARD novalidate=true data-testid="emergency-request">
                <input type="hidden" name="form" value="request"/>
                <TextField id="email" name="email" label=Msg::Email value=email input_type="email" autocomplete="email"
                    hint=Msg::ResetBindingEmailHint error=field_error(requested, "email") required=true
                    autofocus=error_field("request", REQUEST_FIELDS) == Some("email")/>
                <CaptchaField error=field_error(requested, "captcha")/>
                <FormAlert outcome=requested fields=REQUEST_FIELDS/>
                <button type="submit" class=if was_sent { classes::SECONDARY_BUTTON } else { classes::BUTTON }>
                    {t(if was_sent { Msg::ResendEmergencyCode } else { Msg::SendEmergencyCode })}
                </button>
            </form>
            {sent.map(|sent| view! { <CodeForm sent/> })}
            <LightScript script=Asset::Captcha/>
        </section>
    }
}

#[component]
fn CodeForm(sent: Sent) -> impl IntoView {
    let confirmed = posted_outcome::<()>("confirm");
    let code = RwSignal::new(posted_value("code"));
    let told = tr(&LocalText::new(Msg::EmergencySent).arg("email", &sent.to).arg("letters", &sent.letters));
    let hint = LocalText::new(Msg::EmergencyCodeHint).arg("letters", &sent.letters);
    // Shown by the server as it stands; the page's line of script counts it down.
    let left = |r: i64| match r {
        0 => t(Msg::EmergencyExpired).to_string(),
        r => tr(&LocalText::new(Msg::EmergencyRemaining).arg("time", format!("{:02}:{:02}", r / 60, r % 60))),
    };
    let template = tr(&LocalText::new(Msg::EmergencyRemaining).arg("time", "{time}"));
    view! {
        <div class=classes::CARD data-testid="emergency-confirm">
            <p role="status" class=classes::NOTICE>{told}</p>
            <p role="timer" aria-live="off" class="font-semibold" data-testid="countdown" data-seconds=sent.remaining
                data-template=template data-expired=t(Msg::EmergencyExpired)>
                {left(sent.remaining)}
            </p>
            <form method="post" action=format!("/sign-in/reset-binding?{}", sent.query) class="flex flex-col gap-4" novalidate=true>
                <input type="hidden" name="form" value="confirm"/>
                <TextField id="emergency-code" name="code" label=Msg::EmergencyCode value=code autocomplete="one-time-code"
                    hint error=field_error(confirmed, "code") required=true mono=true
                    autofocus=error_field("request", REQUEST_FIELDS).is_none()/>
                <FormAlert outcome=confirmed fields=&["code"]/>
                <button type="submit" class=classes::BUTTON>{t(Msg::Verify)}</button>
            </form>
            <Countdown/>
        </div>
    }
}

/// Counts the `data-seconds` of the page's timer down, from when the page arrived (not by the
/// phone's clock, which may be off); the server decides all the same.
#[component]
fn Countdown() -> impl IntoView {
    const SCRIPT: &str = "(() => { const el = document.querySelector('[data-testid=countdown]'); \
        const end = performance.now() + 1000 * Number(el.dataset.seconds); \
        const tick = () => { const r = Math.max(0, Math.round((end - performance.now()) / 1000)); \
        const mmss = String(Math.floor(r / 60)).padStart(2, '0') + ':' + String(r % 60).padStart(2, '0'); \
        el.textContent = r > 0 ? el.dataset.template.replace('{time}', mmss) : el.dataset.expired; \
        if (r > 0) setTimeout(tick, 1000); }; tick(); })();";
    view! { <script nonce=leptos::nonce::use_nonce() inner_html=SCRIPT></script> }
}
