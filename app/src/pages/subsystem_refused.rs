use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{classes, SubsystemAskingNote},
    i18n::{t, Msg},
};

/// Why `/oidc/authorize` answered with this page, from its `?reason=` (the names are the
/// server route's, `server/src/routes/provider/authorize.rs`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reason {
    NoGrant,
    Off,
    /// The account is locked for now.
    Locked,
    /// `unknown` or `redirect`: nothing went back to the address that asked.
    Unknown,
    /// `busy`, `failed`, and any other value: trying again later is all that is left.
    Failed,
}

impl Reason {
    fn of(reason: Option<&str>) -> Reason {
        match reason {
            Some("no_grant") => Reason::NoGrant,
            Some("off") => Reason::Off,
            Some("locked") => Reason::Locked,
            Some("unknown" | "redirect") => Reason::Unknown,
            _ => Reason::Failed,
        }
    }

    /// The page's title (and h1), and what it says.
    fn texts(self) -> (Msg, Msg) {
        match self {
            Reason::NoGrant => (Msg::SubsystemRefusedNoGrantTitle, Msg::SubsystemRefusedNoGrant),
            Reason::Off => (Msg::SubsystemRefusedOffTitle, Msg::SubsystemRefusedOff),
            Reason::Locked => (Msg::SubsystemRefusedLockedTitle, Msg::SubsystemRefusedLocked),
            Reason::Unknown => (Msg::SubsystemRefusedUnknownTitle, Msg::SubsystemRefusedUnknown),
            Reason::Failed => (Msg::SubsystemRefusedFailedTitle, Msg::SubsystemRefusedFailed),
        }
    }
}

/// `?client=` as a registered code looks (a lowercase letter, then up to 31 lowercase letters,
/// digits, `-` or `_`), else nothing. Only a registered subsystem is named (whoever built the
/// link chose it, and the page must not be made to say what an outsider wants), so that the
/// user can name it when asking.
fn shown_code(client: Option<&str>) -> Option<String> {
    let code = client?;
    crate::provider::is_client_code(code).then(|| code.to_string())
}

/// Where `/oidc/authorize` sends a user it will not sign in to a subsystem, and why. Public:
/// an unknown subsystem is refused before anyone signs in.
#[component]
pub fn SubsystemRefusedPage() -> impl IntoView {
    let query = use_query_map();
    let reason = Memo::new(move |_| query.with(|q| Reason::of(q.get_str("reason"))));
    let code = Memo::new(move |_| query.with(|q| shown_code(q.get_str("client"))));
    let title = move || t(reason.get().texts().0);
    view! {
        <Title text=title/>
        <section class=classes::NARROW data-testid="subsystem-refused">
            <h1 class=classes::H1>{title}</h1>
            <SubsystemAskingNote client=code msg=Msg::SubsystemRefusedNamed/>
            {move || match reason.get() {
                Reason::NoGrant => view! { <NoGrant/> }.into_any(),
                other => view! {
                    <p>{t(other.texts().1)}</p>
                    <a href="/" rel="external" class=format!("{} self-start no-underline", classes::SECONDARY_BUTTON)>{t(Msg::BackHome)}</a>
                }
                .into_any(),
            }}
        </section>
    }
}

/// No grant for the subsystem, and what to do: ask for it, or go home. Also what the consent
/// page shows when its server call says the same.
#[component]
pub fn NoGrant() -> impl IntoView {
    view! {
        <p>{t(Msg::SubsystemRefusedNoGrant)}</p>
        <div class="flex flex-wrap gap-2">
            // 申請權限 is asked on the account page (系統使用權限).
            <a href="/account" class=format!("{} no-underline", classes::BUTTON)>{t(Msg::GrantAsk)}</a>
            <a href="/" rel="external" class=format!("{} no-underline", classes::SECONDARY_BUTTON)>{t(Msg::BackHome)}</a>
        </div>
    }
}
