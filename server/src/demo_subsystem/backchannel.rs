//! `POST /backchannel-logout`: Gatehouse says that one of its sessions ended (OpenID Connect
//! Back-Channel Logout 1.0). The logout token is checked as §2.6 asks (signature by a key of
//! Gatehouse's JWKS, `typ`, issuer, audience, times, the event, `sid`, no `nonce`) before the
//! demo ends every session of that `sid`: an unchecked token would let anyone sign anyone out.

use axum::{
    extract::{rejection::FormRejection, Form, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use base64::Engine;
use openidconnect::{core::CoreJwsSigningAlgorithm, JsonWebKey};
use serde::Deserialize;
use serde_json::Value;

use super::Demo;

const EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";
/// How far Gatehouse's clock may be from ours.
const LEEWAY_SECONDS: i64 = 60;

#[derive(Deserialize)]
pub struct LogoutForm {
    logout_token: String,
}

#[derive(Deserialize)]
struct Header {
    alg: String,
    kid: Option<String>,
    typ: Option<String>,
}

pub async fn receive(State(demo): State<Demo>, form: Result<Form<LogoutForm>, FormRejection>) -> Response {
    let checked = match form {
        Ok(Form(form)) => check(&demo, &form.logout_token).await,
        Err(e) => Err(format!("no logout_token: {e}")),
    };
    match checked {
        Ok(sid) => {
            let ended = demo.sessions.end_sid(&sid);
            tracing::info!(ended, "demo subsystem: Gatehouse signed a session out (back-channel logout)");
            (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")]).into_response()
        }
        Err(why) => {
            tracing::warn!(%why, "demo subsystem: a logout token was refused");
            let body = serde_json::json!({ "error": "invalid_request", "error_description": why });
            (StatusCode::BAD_REQUEST, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
        }
    }
}

fn decode(part: &str) -> Result<Vec<u8>, String> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).map_err(|e| format!("not base64url: {e}"))
}

/// The `sid` a good logout token names.
async fn check(demo: &Demo, token: &str) -> Result<String, String> {
    let parts: Vec<&str> = token.split('.').collect();
    let [header, payload, signature] = parts[..] else { return Err("not a signed JWT (three parts)".into()) };
    let header: Header = serde_json::from_slice(&decode(header)?).map_err(|e| format!("header: {e}"))?;
    // The algorithm Gatehouse signs with, and no other ("none" above all).
    if header.alg != "RS256" {
        return Err(format!("alg {} is not RS256", header.alg));
    }
    // RFC 8725 §3.11: explicit typing keeps an ID token from passing for a logout token.
    let typ = header.typ.unwrap_or_default().to_ascii_lowercase();
    if typ.strip_prefix("application/").unwrap_or(&typ) != "logout+jwt" {
        return Err("typ is not logout+jwt".into());
    }
    let kid = header.kid.ok_or("no kid")?;

    // The key by its id; one unknown to the demo's copy may be newer: fetch the set once more.
    let mut found = demo.provider.discovered().await.map_err(|f| f.description)?;
    let has_kid = |found: &super::provider::Discovered| {
        found.metadata.jwks().keys().iter().any(|k| k.key_id().is_some_and(|id| **id == kid))
    };
    if !has_kid(&found) {
        found = demo.provider.refresh_keys().await.map_err(|f| f.description)?;
    }
    let key = found
        .metadata
        .jwks()
        .keys()
        .iter()
        .find(|k| k.key_id().is_some_and(|id| **id == kid))
        .ok_or_else(|| format!("no key {kid} in Gatehouse's JWKS"))?;
    let signed = format!("{}.{}", parts[0], parts[1]);
    key.verify_signature(&CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256, signed.as_bytes(), &decode(signature)?)
        .map_err(|e| format!("signature: {e}"))?;

    let claims: Value = serde_json::from_slice(&decode(payload)?).map_err(|e| format!("claims: {e}"))?;
    let issuer = found.metadata.issuer().as_str();
    if claims["iss"].as_str() != Some(issuer) {
        return Err(format!("iss is not {issuer}"));
    }
    let client_id = demo.settings.client_id.as_str();
    let for_us = match &claims["aud"] {
        Value::String(aud) => aud == client_id,
        Value::Array(auds) => auds.iter().any(|a| a.as_str() == Some(client_id)),
        _ => false,
    };
    if !for_us {
        return Err(format!("aud does not name {client_id}"));
    }
    let now = app::db::now();
    match (claims["iat"].as_i64(), claims["exp"].as_i64()) {
        (Some(iat), Some(exp)) if iat <= now + LEEWAY_SECONDS && exp >= now - LEEWAY_SECONDS => {}
        (Some(_), Some(_)) => return Err("expired, or issued in the future".into()),
        _ => return Err("no iat or exp".into()),
    }
    if !claims["events"][EVENT].is_object() {
        return Err("events has no back-channel logout member".into());
    }
    if claims.get("nonce").is_some() {
        return Err("a logout token has no nonce".into());
    }
    if claims["jti"].as_str().is_none_or(str::is_empty) {
        return Err("no jti".into());
    }
    claims["sid"].as_str().filter(|s| !s.is_empty()).map(str::to_string).ok_or_else(|| "no sid".into())
}
