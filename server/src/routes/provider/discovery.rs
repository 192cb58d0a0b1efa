//! `GET /.well-known/openid-configuration` and `GET /oidc/jwks`: public, cacheable for a
//! little while (a rotation publishes the next key a period ahead).

use app::{flows::provider, state::AppState};
use axum::{
    extract::State,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};

fn public_json(body: String) -> Response {
    (StatusCode::OK, [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "public, max-age=300")], body)
        .into_response()
}

pub async fn configuration(State(state): State<AppState>) -> Result<Response, app::error::AppError> {
    Ok(public_json(provider::discovery::document(&state.settings)?))
}

pub async fn jwks(State(state): State<AppState>) -> Result<Response, app::error::AppError> {
    Ok(public_json(provider::keys::key_set(&state).await?))
}
