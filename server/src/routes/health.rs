use app::{error::AppError, state::AppState};
use axum::{extract::State, http::StatusCode, Json};
use diesel::connection::SimpleConnection;
use serde_json::{json, Value};

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let db = state.pool.run(|conn| conn.batch_execute("SELECT 1").map_err(AppError::from)).await;
    match db {
        Ok(()) => (StatusCode::OK, Json(json!({ "status": "ok", "database": "ok" }))),
        Err(_) => {
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "unavailable", "database": "unreachable" })))
        }
    }
}
