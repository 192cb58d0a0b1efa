//! The demo subsystem's memory: sign-ins under way, signed-in browsers, and browsers whose
//! session Gatehouse ended (so that the home page can say so). In memory only: a demo forgets
//! everything when it restarts, and its users simply sign in again.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

use axum::http::{header, HeaderMap, HeaderValue};
use openidconnect::CsrfToken;

use super::provider::DemoIdToken;

/// The browser's session cookie.
pub const SESSION_COOKIE: &str = "demo_rp";
/// The cookie that ties a sign-in under way to the browser that began it.
pub const TRIP_COOKIE: &str = "demo_rp_trip";
/// The cookie that holds the `state` of an RP-initiated logout until Gatehouse sends the
/// browser back with it.
pub const LOGOUT_COOKIE: &str = "demo_rp_logout";
/// How long a sign-in may take at Gatehouse (signing in, consenting).
pub const TRIP_SECONDS: u64 = 600;
/// How long the note "Gatehouse signed you out" is kept for a browser that has not come back.
const ENDED_KEPT: Duration = Duration::from_secs(24 * 60 * 60);

/// What a sign-in under way must keep to finish: the request's `state`, `nonce` and PKCE
/// verifier.
pub struct Trip {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub begun: Instant,
}

/// A signed-in browser.
#[derive(Clone)]
pub struct Session {
    /// Gatehouse's session (`sid`), which a back-channel logout names.
    pub sid: String,
    /// Sent back as `id_token_hint` at logout.
    pub id_token: DemoIdToken,
    /// The ID token's claims, as verified.
    pub claims: serde_json::Value,
    /// The userinfo endpoint's answer, as received.
    pub userinfo: serde_json::Value,
}

#[derive(Default)]
struct Memory {
    trips: HashMap<String, Trip>,
    signed_in: HashMap<String, Session>,
    /// Session ids Gatehouse ended by back-channel, and when.
    ended: HashMap<String, Instant>,
}

#[derive(Default)]
pub struct Sessions(Mutex<Memory>);

/// A new unguessable id (256 bits).
fn new_id() -> String {
    CsrfToken::new_random_len(32).secret().clone()
}

impl Sessions {
    fn memory(&self) -> std::sync::MutexGuard<'_, Memory> {
        // A panic while holding the lock leaves nothing half-written worth refusing.
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Keeps `trip`; the id goes in the trip cookie.
    pub fn begin(&self, trip: Trip) -> String {
        let id = new_id();
        let mut memory = self.memory();
        memory.trips.retain(|_, t| t.begun.elapsed().as_secs() < TRIP_SECONDS);
        memory.trips.insert(id.clone(), trip);
        id
    }

    /// The trip `id`, once, if it has not expired.
    pub fn take_trip(&self, id: &str) -> Option<Trip> {
        self.memory().trips.remove(id).filter(|t| t.begun.elapsed().as_secs() < TRIP_SECONDS)
    }

    /// Keeps `session`; the id goes in the session cookie.
    pub fn sign_in(&self, session: Session) -> String {
        let id = new_id();
        self.memory().signed_in.insert(id.clone(), session);
        id
    }

    pub fn get(&self, id: &str) -> Option<Session> {
        self.memory().signed_in.get(id).cloned()
    }

    pub fn sign_out(&self, id: &str) -> Option<Session> {
        self.memory().signed_in.remove(id)
    }

    /// Ends every session of Gatehouse's session `sid` (a browser may have signed in more than
    /// once) and remembers them; how many there were.
    pub fn end_sid(&self, sid: &str) -> usize {
        let mut memory = self.memory();
        let ids: Vec<String> =
            memory.signed_in.iter().filter(|(_, s)| s.sid == sid).map(|(id, _)| id.clone()).collect();
        memory.ended.retain(|_, at| at.elapsed() < ENDED_KEPT);
        for id in &ids {
            memory.signed_in.remove(id);
            memory.ended.insert(id.clone(), Instant::now());
        }
        ids.len()
    }

    /// Whether Gatehouse ended the session `id` by back-channel.
    pub fn ended_by_gatehouse(&self, id: &str) -> bool {
        self.memory().ended.contains_key(id)
    }
}

/// The value of the cookie `name` the browser sent.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    let sent = headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join("; ");
    app::url::cookie_value(&sent, &[name]).map(str::to_string)
}

/// A `Set-Cookie` for the cookie `name`: HttpOnly (no script needs it), SameSite=Lax (sent on
/// the top-level navigation back from Gatehouse, not on other sites' requests); `None` deletes
/// it. Not `Secure`: the demo is served over plain HTTP on this machine.
pub fn set_cookie(name: &str, value: Option<&str>, max_age: Option<u64>) -> HeaderValue {
    let text = match value {
        Some(value) => {
            let age = max_age.map(|s| format!("; Max-Age={s}")).unwrap_or_default();
            format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax{age}")
        }
        None => format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
    };
    // Names and values are ours: letters, digits, `-` and `_`.
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}
