//! What a load balancer and an operator ask of a process: `/healthz` (is it alive, and which
//! release) and `/readyz` (may it be sent traffic: the database answers and its schema is the
//! one this release expects). While a server starts (migrating, opening keys) `starting`
//! answers them instead (`crate::server`).

use app::{error::AppError, state::AppState};
use axum::{
    extract::State,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use diesel::connection::SimpleConnection;
use serde_json::{json, Value};

/// The release, as `gatehouse --version` prints it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let db = state.pool.run(|conn| conn.batch_execute("SELECT 1").map_err(AppError::from)).await;
    match db {
        Ok(()) => (StatusCode::OK, Json(json!({ "status": "ok", "database": "ok", "version": VERSION }))),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "unavailable", "database": "unreachable", "version": VERSION })),
        ),
    }
}

/// `GET /readyz`: 200 when the database answers and no migration of this release is pending;
/// 503 otherwise, saying which.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let pending = state.pool.run(|conn| crate::database::pending(conn).map_err(|_| AppError::Unavailable)).await;
    let unavailable = StatusCode::SERVICE_UNAVAILABLE;
    match pending {
        Ok(0) => (StatusCode::OK, Json(json!({ "status": "ready", "database": "ok", "version": VERSION }))),
        Ok(n) => (
            unavailable,
            Json(json!({ "status": "unavailable", "database": "ok", "pending_migrations": n, "version": VERSION })),
        ),
        Err(_) => {
            (unavailable, Json(json!({ "status": "unavailable", "database": "unreachable", "version": VERSION })))
        }
    }
}

/// The answer while the process starts: alive (`/healthz`), not ready (`/readyz`), and to
/// everyone else a 503 in both languages, to be tried again in a few seconds.
pub fn starting(path: &str) -> Response {
    let status = json!({ "status": "starting", "version": VERSION });
    match path {
        "/healthz" => (StatusCode::OK, Json(status)).into_response(),
        "/readyz" => (StatusCode::SERVICE_UNAVAILABLE, Json(status)).into_response(),
        _ => {
            use app::i18n::{Locale, Msg};
            let text = format!("{}\n{}\n", Msg::ServerStarting.raw(Locale::ZhTw), Msg::ServerStarting.raw(Locale::En));
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [
                    (header::RETRY_AFTER, "5"),
                    (header::CACHE_CONTROL, "no-store"),
                    (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                ],
                text,
            )
                .into_response()
        }
    }
}
