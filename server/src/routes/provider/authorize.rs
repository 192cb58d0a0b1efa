//! `GET /oidc/authorize`, and `GET /oidc/resume`, where a sign-in that a subsystem asked for
//! comes back to it. Every answer is a redirect: to the subsystem, to sign in, to the
//! consent page, or to the page that says why not.

use app::{
    auth::RequestInfo,
    flows::provider::authorize::{authorize as decide, AuthorizeRequest, Next, Refusal},
    state::AppState,
};
use axum::{
    extract::{Form, Query, State},
    http::request::Parts,
    response::Response,
};

use crate::routes::oidc::{redirect, request_info};

fn refusal(reason: Refusal) -> &'static str {
    match reason {
        Refusal::UnknownClient => "unknown",
        Refusal::UnregisteredRedirect => "redirect",
        Refusal::TurnedOff => "off",
        Refusal::NoGrant => "no_grant",
        Refusal::Locked => "locked",
    }
}

pub async fn authorize(
    State(state): State<AppState>,
    Query(request): Query<AuthorizeRequest>,
    parts: Parts,
) -> Response {
    let (info, response) = request_info(&parts, &state);
    let client = request.client_id.clone().unwrap_or_default();
    let query = parts.uri.query().unwrap_or("").to_string();
    let to = match decide(&state, &info, request).await {
        Ok(Next::Redirect(to)) => to,
        Ok(Next::SignIn) => "/sign-in".to_string(),
        Ok(Next::First(path)) => path.to_string(),
        Ok(Next::Consent) => format!("/oidc/consent?{query}"),
        Ok(Next::Refuse(reason)) => {
            let query = app::url::query_string(&[("reason", refusal(reason)), ("client", &client)]);
            format!("/oidc/refused?{query}")
        }
        Err(e) => {
            tracing::warn!(error = %e, "an authorization request failed");
            let reason = if matches!(e, app::error::AppError::Busy { .. } | app::error::AppError::Unavailable) {
                "busy"
            } else {
                "failed"
            };
            format!("/oidc/refused?reason={reason}")
        }
    };
    redirect(&to, &response)
}

/// Back to the authorization request that waited for the sign-in (its cookie), or home.
pub async fn resume(State(state): State<AppState>, parts: Parts) -> Response {
    let info: RequestInfo = RequestInfo::from_parts(&parts, &state.settings);
    let (_, response) = request_info(&parts, &state);
    match info.resume {
        Some(query) => redirect(&format!("/oidc/authorize?{query}"), &response),
        None => redirect("/", &response),
    }
}

/// 同意授權's form: the subsystem, and the authorization request the page was shown for.
#[derive(serde::Deserialize)]
pub struct AgreeForm {
    client_id: String,
    #[serde(default)]
    request: String,
}

/// `POST /oidc/agree`: the consent page's 同意授權, a plain form that needs no script. Agreed,
/// the browser asks the authorization request again (which goes on to the subsystem);
/// refused, it goes back to the page, which says why.
pub async fn agree(State(state): State<AppState>, parts: Parts, Form(form): Form<AgreeForm>) -> Response {
    let (info, response) = request_info(&parts, &state);
    let request = form.request.trim_start_matches('?').to_string();
    let to = match app::flows::provider::consent::give(&state, &info, form.client_id).await {
        Ok(()) => app::provider::authorize_again(&request, false),
        Err(e) => {
            tracing::info!(error = %e, "a consent was not given");
            format!("/oidc/consent?{request}")
        }
    };
    redirect(&to, &response)
}

/// `GET /oidc/logout`: a subsystem signs its user out of Gatehouse too.
pub async fn logout(
    State(state): State<AppState>,
    Query(request): Query<app::flows::provider::logout::LogoutRequest>,
    parts: Parts,
) -> Response {
    let (info, response) = request_info(&parts, &state);
    let to = app::flows::provider::logout::end_session(&state, &info, request).await.unwrap_or_else(|e| {
        tracing::warn!(error = %e, "a logout request failed");
        "/".to_string()
    });
    redirect(&to, &response)
}
