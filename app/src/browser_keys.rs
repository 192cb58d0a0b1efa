//! The browser's side of security keys and passkeys: `navigator.credentials`, with the
//! messages of `webauthn-rs-proto` turned into and from the objects it takes and gives. Only
//! the pages that use a key reach this code, so it loads with their chunk alone.

use webauthn_rs_proto::{
    CreationChallengeResponse, PublicKeyCredential, RegisterPublicKeyCredential, RequestChallengeResponse,
};

use crate::{error::AppError, i18n::Msg};

/// What the page says when the browser gave no key: the user cancelled, the time ran out, the
/// key refused or is bound already (browsers do not tell these apart, on purpose).
fn cancelled() -> AppError {
    AppError::invalid("key", Msg::KeyCancelled)
}

fn unsupported() -> AppError {
    AppError::invalid("key", Msg::KeysNotSupported)
}

#[cfg(feature = "hydrate")]
fn container() -> Result<web_sys::CredentialsContainer, AppError> {
    let window = web_sys::window().ok_or_else(unsupported)?;
    // Older browsers, and pages not in a secure context, have no PublicKeyCredential.
    if window.get("PublicKeyCredential").is_none() {
        return Err(unsupported());
    }
    Ok(window.navigator().credentials())
}

#[cfg(feature = "hydrate")]
async fn settle(
    promise: Result<js_sys::Promise, wasm_bindgen::JsValue>,
) -> Result<web_sys::PublicKeyCredential, AppError> {
    use wasm_bindgen::JsCast;
    let value =
        wasm_bindgen_futures::JsFuture::from(promise.map_err(|_| cancelled())?).await.map_err(|_| cancelled())?;
    value.dyn_into().map_err(|_| cancelled())
}

/// Asks the browser to make a new key for the account, as the server's `options` say.
pub async fn create(options: CreationChallengeResponse) -> Result<RegisterPublicKeyCredential, AppError> {
    #[cfg(feature = "hydrate")]
    {
        let options: web_sys::CredentialCreationOptions = options.into();
        let credential = settle(container()?.create_with_options(&options)).await?;
        Ok(credential.into())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (options, cancelled());
        Err(unsupported())
    }
}

/// Asks the browser for a signature by one of the account's keys, as the server's `options` say.
pub async fn get(options: RequestChallengeResponse) -> Result<PublicKeyCredential, AppError> {
    #[cfg(feature = "hydrate")]
    {
        let options: web_sys::CredentialRequestOptions = options.into();
        let credential = settle(container()?.get_with_options(&options)).await?;
        Ok(credential.into())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (options, cancelled());
        Err(unsupported())
    }
}
