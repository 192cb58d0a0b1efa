use leptos::prelude::*;
use webauthn_rs_proto::RegisterPublicKeyCredential;

use crate::error::AppError;

/// Finishes binding: the new key as the browser made it. JSON, for its nested binary fields.
#[server(prefix = "/api/fn", endpoint = "bind_key", input = server_fn::codec::Json)]
pub async fn bind_key(credential: RegisterPublicKeyCredential) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    flows::bind_key::finish(&state, RequestInfo::current(&state.auth), credential).await
}
