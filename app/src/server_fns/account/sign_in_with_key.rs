use leptos::prelude::*;
use webauthn_rs_proto::PublicKeyCredential;

use crate::{accounts::SignInNext, error::AppError};

/// The key's signed answer, completing the sign-in. JSON, for its nested binary fields.
#[server(prefix = "/api/fn", endpoint = "sign_in_with_key", input = server_fn::codec::Json)]
pub async fn sign_in_with_key(credential: PublicKeyCredential) -> Result<SignInNext, AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    flows::key_sign_in::sign_in(&state, RequestInfo::current(&state.auth), credential).await
}
