use app::{
    error::AppError,
    i18n::{LocalText, Locale, Msg},
};
use axum::{
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::json;

/// An API error: `{"error": {"code", "message", "field"?}}` with a fitting status. The
/// message is in the language the client asks for (`Accept-Language`), Chinese by default.
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: LocalText,
    pub field: Option<String>,
    pub locale: Locale,
}

impl ApiError {
    pub fn new(headers: &HeaderMap, error: AppError) -> ApiError {
        let field = match &error {
            AppError::Invalid { field, .. } => Some(field.clone()),
            _ => None,
        };
        ApiError {
            status: error.status(),
            code: error.code(),
            message: error.message(),
            field,
            locale: locale(headers),
        }
    }

    pub fn bad_parameter(headers: &HeaderMap, field: &str, message: Msg) -> ApiError {
        ApiError::new(headers, AppError::invalid(field, message))
    }
}

fn locale(headers: &HeaderMap) -> Locale {
    let wants_english = headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("en"));
    if wants_english {
        Locale::En
    } else {
        Locale::ZhTw
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({ "code": self.code, "message": self.message.render(self.locale) });
        if let Some(field) = self.field {
            body["field"] = json!(field);
        }
        (self.status, Json(json!({ "error": body }))).into_response()
    }
}
