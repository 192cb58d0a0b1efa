use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::classes;
use crate::i18n::{t, Msg};

/// What came of a trip to the external provider (Google), as the page it came back to says it
/// (`?google=<reason>`): a link made, or why a sign-in or link was refused.
#[component]
pub fn ExternalNotice() -> impl IntoView {
    let query = use_query_map();
    move || {
        let reason = query.with(|q| q.get("google"))?;
        let said = match reason.as_str() {
            "linked" => {
                return Some(view! { <p role="status" class=classes::NOTICE>{t(Msg::GoogleLinked)}</p> }.into_any())
            }
            "off" => Msg::GoogleOff,
            "expired" => Msg::GoogleExpired,
            "unverified" => Msg::GoogleUnverified,
            "domain" => Msg::GoogleDomain,
            "taken" => Msg::GoogleTaken,
            "session" => Msg::GoogleSession,
            "unknown" => Msg::GoogleUnknown,
            "locked" => Msg::GoogleLocked,
            "busy" => Msg::GoogleBusy,
            _ => Msg::GoogleFailed,
        };
        Some(
            view! {
                <p role="alert" class="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900" data-testid="external-notice">
                    {t(said)}
                </p>
            }
            .into_any(),
        )
    }
}
