//! The browser's side of security keys and passkeys: `navigator.credentials.create/get`. The
//! server's options and the browser's answer cross as the JSON webauthn-rs reads and writes,
//! with binary fields in base64url; here they become the `ArrayBuffer`s the browser takes, and
//! back. Not webauthn-rs-proto's own `wasm` conversion: its types bring the `url` crate, whose
//! Unicode tables are data, and data is never split off with a page's chunk, so every page
//! downloaded them (+183 KB raw, +61 KB brotli on the main module; README). Only the pages
//! that use a key reach this code.

use crate::{error::AppError, i18n::Msg};

/// What the page says when the browser gave no key: the user cancelled, the time ran out, the
/// key refused or is bound already (browsers do not tell these apart, on purpose).
fn cancelled() -> AppError {
    AppError::invalid("key", Msg::KeyCancelled)
}

fn unsupported() -> AppError {
    AppError::invalid("key", Msg::KeysNotSupported)
}

/// Asks the browser to make a new key; `options` is the server's creation challenge (JSON),
/// the answer the new credential as the server reads it (JSON).
pub async fn create(options: String) -> Result<String, AppError> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let options = js::options(&options, "excludeCredentials").ok_or_else(cancelled)?;
        let made = js::settle(js::container()?.create_with_options(options.unchecked_ref())).await?;
        js::credential(&made, &["attestationObject", "clientDataJSON"]).ok_or_else(cancelled)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (options, cancelled());
        Err(unsupported())
    }
}

/// Asks the browser for a signature by one of the account's keys; JSON in, JSON out, as above.
pub async fn get(options: String) -> Result<String, AppError> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let options = js::options(&options, "allowCredentials").ok_or_else(cancelled)?;
        let signed = js::settle(js::container()?.get_with_options(options.unchecked_ref())).await?;
        js::credential(&signed, &["authenticatorData", "clientDataJSON", "signature", "userHandle"])
            .ok_or_else(cancelled)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (options, cancelled());
        Err(unsupported())
    }
}

#[cfg(feature = "hydrate")]
mod js {
    use base64::{engine::general_purpose::URL_SAFE_NO_PAD as BASE64URL, Engine};
    use js_sys::{Array, Function, Object, Reflect, Uint8Array, JSON};
    use wasm_bindgen::{JsCast, JsValue};

    use super::{cancelled, unsupported};
    use crate::error::AppError;

    fn field(value: &JsValue, key: &str) -> JsValue {
        Reflect::get(value, &key.into()).unwrap_or(JsValue::UNDEFINED)
    }

    fn set(value: &JsValue, key: &str, to: &JsValue) {
        let _ = Reflect::set(value, &key.into(), to);
    }

    /// The base64url text at `key` replaced by its bytes.
    fn decode(value: &JsValue, key: &str) -> Option<()> {
        let text = field(value, key).as_string()?;
        let bytes = BASE64URL.decode(text.trim_end_matches('=')).ok()?;
        set(value, key, &Uint8Array::from(&bytes[..]));
        Some(())
    }

    /// An `ArrayBuffer` as base64url text; null stays null (a missing user handle).
    fn encode(buffer: &JsValue) -> JsValue {
        if buffer.is_null() || buffer.is_undefined() {
            return JsValue::NULL;
        }
        JsValue::from_str(&BASE64URL.encode(Uint8Array::new(buffer).to_vec()))
    }

    /// The server's options with their challenge, user id and the credential ids of `list`
    /// as bytes.
    pub fn options(json: &str, list: &str) -> Option<JsValue> {
        let options = JSON::parse(json).ok()?;
        let public_key = field(&options, "publicKey");
        decode(&public_key, "challenge")?;
        let user = field(&public_key, "user");
        if !user.is_undefined() {
            decode(&user, "id")?;
        }
        if let Some(credentials) = field(&public_key, list).dyn_ref::<Array>() {
            for credential in credentials.iter() {
                decode(&credential, "id")?;
            }
        }
        Some(options)
    }

    /// The browser's credential as the server reads it: its id, type, the `response` fields
    /// named (as base64url) and the client extension results.
    pub fn credential(credential: &JsValue, fields: &[&str]) -> Option<String> {
        let response = field(credential, "response");
        let answer = Object::new();
        set(&answer, "id", &field(credential, "id"));
        set(&answer, "rawId", &encode(&field(credential, "rawId")));
        set(&answer, "type", &field(credential, "type"));
        let said = Object::new();
        for name in fields {
            set(&said, name, &encode(&field(&response, name)));
        }
        set(&answer, "response", &said);
        if let Ok(results) = field(credential, "getClientExtensionResults").dyn_into::<Function>() {
            set(&answer, "extensions", &results.call0(credential).unwrap_or(JsValue::NULL));
        }
        JSON::stringify(&answer).ok()?.as_string()
    }

    pub fn container() -> Result<web_sys::CredentialsContainer, AppError> {
        let window = web_sys::window().ok_or_else(unsupported)?;
        // Older browsers, and pages not in a secure context, have no PublicKeyCredential.
        if window.get("PublicKeyCredential").is_none() {
            return Err(unsupported());
        }
        Ok(window.navigator().credentials())
    }

    pub async fn settle(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, AppError> {
        let value =
            wasm_bindgen_futures::JsFuture::from(promise.map_err(|_| cancelled())?).await.map_err(|_| cancelled())?;
        if value.is_null() || value.is_undefined() {
            return Err(cancelled());
        }
        Ok(value)
    }
}
