//! The browser's stops: the home page, the sign-in trip to Gatehouse and back, and the
//! sign-out through Gatehouse (RP-initiated logout).

use axum::{
    extract::{Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use openidconnect::{CsrfToken, PostLogoutRedirectUrl};
use serde::Deserialize;

use super::{
    pages::{self, SignedOut},
    provider::Failure,
    sessions::{cookie, set_cookie, LOGOUT_COOKIE, SESSION_COOKIE, TRIP_COOKIE, TRIP_SECONDS},
    Demo,
};

/// A redirect to `to` that sets `cookies`.
fn redirect(to: &str, cookies: &[HeaderValue]) -> Response {
    let mut answer = StatusCode::SEE_OTHER.into_response();
    let headers = answer.headers_mut();
    if let Ok(location) = HeaderValue::from_str(to) {
        headers.insert(header::LOCATION, location);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    for c in cookies {
        headers.append(header::SET_COOKIE, c.clone());
    }
    answer
}

fn failed(failure: Failure) -> Response {
    tracing::warn!(code = %failure.code, description = %failure.description, "demo subsystem: sign-in failed");
    pages::error(&failure.code, &failure.description)
}

#[derive(Deserialize)]
pub struct HomeQuery {
    /// The `state` of our logout, when Gatehouse sends the browser back after it.
    state: Option<String>,
}

/// `GET /`: who is signed in, or why no one is.
pub async fn home(State(demo): State<Demo>, Query(query): Query<HomeQuery>, headers: HeaderMap) -> Response {
    let id = cookie(&headers, SESSION_COOKIE);
    if let Some(session) = id.as_deref().and_then(|id| demo.sessions.get(id)) {
        return pages::signed_in(&session);
    }
    let logged_out = cookie(&headers, LOGOUT_COOKIE);
    let why = if id.as_deref().is_some_and(|id| demo.sessions.ended_by_gatehouse(id)) {
        SignedOut::ByGatehouse
    } else if query.state.is_some() && query.state == logged_out {
        SignedOut::Here
    } else {
        SignedOut::NotSignedIn
    };
    let mut answer = pages::signed_out(why);
    if logged_out.is_some() {
        answer.headers_mut().append(header::SET_COOKIE, set_cookie(LOGOUT_COOKIE, None, None));
    }
    answer
}

/// `GET /login`: to Gatehouse's authorization endpoint, with what the callback needs kept
/// here under a short-lived cookie.
pub async fn login(State(demo): State<Demo>) -> Response {
    match demo.provider.begin().await {
        Ok((url, trip)) => {
            let id = demo.sessions.begin(trip);
            redirect(&url, &[set_cookie(TRIP_COOKIE, Some(&id), Some(TRIP_SECONDS))])
        }
        Err(failure) => failed(failure),
    }
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    iss: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// `GET /callback`: Gatehouse's answer. The trip must be this browser's (`state`), the answer
/// Gatehouse's (`iss`, RFC 9207: a mix-up attack would bring another issuer's code here).
pub async fn callback(State(demo): State<Demo>, Query(q): Query<CallbackQuery>, headers: HeaderMap) -> Response {
    let trip = cookie(&headers, TRIP_COOKIE).and_then(|id| demo.sessions.take_trip(&id));
    let mut answer = match finish(&demo, q, trip).await {
        Ok(id) => redirect("/", &[set_cookie(SESSION_COOKIE, Some(&id), None)]),
        Err(failure) => failed(failure),
    };
    // The trip is over either way.
    answer.headers_mut().append(header::SET_COOKIE, set_cookie(TRIP_COOKIE, None, None));
    answer
}

async fn finish(demo: &Demo, q: CallbackQuery, trip: Option<super::sessions::Trip>) -> Result<String, Failure> {
    if let Some(error) = q.error {
        return Err(Failure::new(&error, q.error_description.unwrap_or_default()));
    }
    let trip = trip.ok_or_else(|| Failure::new("no_sign_in", "no sign-in from this browser is under way"))?;
    if q.state.as_deref() != Some(trip.state.as_str()) {
        return Err(Failure::new("state_mismatch", "the state is not this browser's"));
    }
    let issuer = demo.provider.issuer().await?;
    if q.iss.as_deref() != Some(issuer.as_str()) {
        return Err(Failure::new("issuer_mismatch", format!("iss is {:?}, not {issuer}", q.iss.unwrap_or_default())));
    }
    let code = q.code.ok_or_else(|| Failure::new("no_code", "the answer had no code"))?;
    let session = demo.provider.finish(code, trip).await?;
    Ok(demo.sessions.sign_in(session))
}

/// `GET /logout`: signs out here, then at Gatehouse (RP-initiated logout) with the ID token
/// as the hint, which brings the browser back to `/` with our `state`.
pub async fn logout(State(demo): State<Demo>, headers: HeaderMap) -> Response {
    let Some(session) = cookie(&headers, SESSION_COOKIE).and_then(|id| demo.sessions.sign_out(&id)) else {
        return redirect("/", &[]);
    };
    let forget = set_cookie(SESSION_COOKIE, None, None);
    let end_session = match demo.provider.discovered().await {
        Ok(found) => found.metadata.additional_metadata().end_session_endpoint.clone(),
        Err(failure) => return failed(failure),
    };
    let back = PostLogoutRedirectUrl::new(format!("{}/", demo.settings.base_url));
    let (Some(end_session), Ok(back)) = (end_session, back) else {
        // Nowhere to sign out at Gatehouse: signed out here only.
        return redirect("/", &[forget]);
    };
    let state = CsrfToken::new_random();
    let remember = set_cookie(LOGOUT_COOKIE, Some(state.secret()), Some(TRIP_SECONDS));
    let url = openidconnect::LogoutRequest::from(end_session)
        .set_id_token_hint(&session.id_token)
        .set_post_logout_redirect_uri(back)
        .set_state(state)
        .http_get_url();
    redirect(url.as_str(), &[forget, remember])
}
