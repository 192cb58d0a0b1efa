//! The one error type that crosses from server functions into the browser.
//!
//! It carries message keys, not text, so the browser renders it in the reader's language,
//! and it never carries internals: database and I/O failures are logged on the server and
//! reach the user as `Internal` or `Unavailable`.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

use crate::i18n::{LocalText, Msg};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// A field the user filled in is wrong; `field` is the form field's name.
    #[error("invalid {field}")]
    Invalid { field: String, message: LocalText },
    /// Values in rows the user sent are wrong (a sheet's cells in a save or an import): each by
    /// row and field.
    #[error("{} invalid cells", .0.len())]
    InvalidCells(Vec<RowProblem>),
    /// What the request was based on has changed meanwhile (someone else saved these rows), or
    /// the thing is locked (a submitted inventory). Nothing was changed.
    #[error("conflict")]
    Conflict { rows: Vec<i64>, message: LocalText },
    /// The request itself could not be read (a malformed or missing argument).
    #[error("bad request")]
    BadRequest,
    #[error("not found")]
    NotFound,
    /// Not signed in, or the session has ended.
    #[error("not signed in")]
    Unauthorized,
    /// Signed in, but this is not yours to see or do.
    #[error("forbidden")]
    Forbidden,
    /// The subsystem asks for its 同意授權 first (its page shows the consent).
    #[error("consent required")]
    ConsentRequired,
    /// A credential change needs a second factor proved in the last minutes (step-up).
    #[error("step-up required")]
    StepUpRequired,
    /// The password has expired: this session may only change it.
    #[error("password expired")]
    PasswordExpired,
    /// The terms of use in force (用戶約定條款) must be agreed to first.
    #[error("terms required")]
    TermsRequired,
    /// Too many requests are waiting for the same scarce work (the password hashing queue is
    /// full, or this client already holds its share of it). Nothing was done; try again after
    /// `retry_after` seconds (also sent as `Retry-After`).
    #[error("busy")]
    Busy { retry_after: u32 },
    /// The database or another dependency is down or overloaded; trying later may work.
    #[error("temporarily unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
    /// The request never reached the handler, or its answer could not be read.
    #[error("request failed: {0}")]
    Transport(String),
    /// A subsystem's OpenID Connect request is refused, with the protocol's error code
    /// (RFC 6749 §5.2: `invalid_grant`, `invalid_client`, …) and a description for its
    /// developers.
    #[error("{error}: {description}")]
    OAuth { error: String, description: String },
}

pub type AppResult<T> = Result<T, AppError>;

/// One wrong value in rows the user sent: its row, its field (a key that the module which
/// checked it reads back, such as a sheet's column header), and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    pub row: usize,
    pub field: String,
    pub message: LocalText,
}

impl AppError {
    pub fn invalid(field: &str, message: impl Into<LocalText>) -> Self {
        AppError::Invalid { field: field.to_string(), message: message.into() }
    }

    /// An OpenID Connect refusal with its protocol code.
    pub fn oauth(error: &str, description: impl Into<String>) -> Self {
        AppError::OAuth { error: error.to_string(), description: description.into() }
    }

    /// What to tell the user.
    pub fn message(&self) -> LocalText {
        match self {
            AppError::Invalid { message, .. } | AppError::Conflict { message, .. } => message.clone(),
            AppError::InvalidCells(problems) => LocalText::new(Msg::InvCellsWrong).arg("count", problems.len()),
            AppError::BadRequest => Msg::ErrorBadRequest.into(),
            AppError::NotFound => Msg::ErrorNotFound.into(),
            AppError::Unauthorized => Msg::ErrorUnauthorized.into(),
            AppError::Forbidden => Msg::ErrorForbidden.into(),
            AppError::ConsentRequired => Msg::ErrorConsentRequired.into(),
            AppError::StepUpRequired => Msg::ErrorStepUp.into(),
            AppError::PasswordExpired => Msg::ErrorPasswordExpired.into(),
            AppError::TermsRequired => Msg::ErrorTermsRequired.into(),
            AppError::Busy { retry_after } => LocalText::new(Msg::ErrorBusy).arg("seconds", retry_after),
            AppError::Unavailable => Msg::ErrorUnavailable.into(),
            AppError::Internal => Msg::ErrorInternal.into(),
            AppError::Transport(_) => Msg::ErrorTransport.into(),
            AppError::OAuth { error, .. } => LocalText::new(Msg::ErrorSubsystemRequest).arg("error", error),
        }
    }

    /// A stable, machine-readable code for the JSON API.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid { .. } => "invalid_input",
            AppError::InvalidCells(_) => "invalid_cells",
            AppError::Conflict { .. } => "conflict",
            AppError::BadRequest => "bad_request",
            AppError::NotFound => "not_found",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::ConsentRequired => "consent_required",
            AppError::StepUpRequired => "step_up_required",
            AppError::PasswordExpired => "password_expired",
            AppError::TermsRequired => "terms_required",
            AppError::Busy { .. } => "busy",
            AppError::Unavailable => "unavailable",
            AppError::Internal => "internal",
            AppError::Transport(_) => "transport",
            AppError::OAuth { .. } => "oauth",
        }
    }

    pub fn status(&self) -> http::StatusCode {
        match self {
            AppError::Invalid { .. } | AppError::InvalidCells(_) => http::StatusCode::BAD_REQUEST,
            AppError::Conflict { .. } => http::StatusCode::CONFLICT,
            AppError::BadRequest => http::StatusCode::BAD_REQUEST,
            AppError::NotFound => http::StatusCode::NOT_FOUND,
            AppError::Unauthorized => http::StatusCode::UNAUTHORIZED,
            AppError::Forbidden
            | AppError::ConsentRequired
            | AppError::StepUpRequired
            | AppError::PasswordExpired
            | AppError::TermsRequired => http::StatusCode::FORBIDDEN,
            AppError::Busy { .. } | AppError::Unavailable => http::StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal | AppError::Transport(_) => http::StatusCode::INTERNAL_SERVER_ERROR,
            // A client that could not be authenticated, or a bearer token that is not (or no
            // longer) good, is 401; every other refusal 400 (RFC 6749 §5.2, RFC 6750 §3.1).
            AppError::OAuth { error, .. } if error == "invalid_client" || error == "invalid_token" => {
                http::StatusCode::UNAUTHORIZED
            }
            AppError::OAuth { .. } => http::StatusCode::BAD_REQUEST,
        }
    }

    /// Seconds to wait before trying again, for a `Retry-After` header.
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            AppError::Busy { retry_after } => Some(*retry_after),
            _ => None,
        }
    }
}

/// The answer of a route (not a server function) that fails: the status, the error as JSON
/// (what server functions answer, so the browser reads both alike), and `Retry-After` when
/// busy. Routes return `Result<_, AppError>` and use `?`.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let retry_after = self.retry_after();
        let mut response = (self.status(), axum::Json(self)).into_response();
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(http::header::RETRY_AFTER, seconds.into());
        }
        response
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // On the server these arise only from decoding the request's arguments.
        #[cfg(feature = "ssr")]
        if matches!(
            value,
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_)
        ) {
            return AppError::BadRequest;
        }
        AppError::Transport(value.to_string())
    }
}
