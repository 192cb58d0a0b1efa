//! Compact JWS for tokens `openidconnect` cannot build: it signs only ID tokens (its general
//! JWT type is private), and a back-channel logout token (OpenID Connect Back-Channel Logout
//! 1.0) is not one. This is the one piece of JOSE Gatehouse assembles by hand, kept this small
//! so it can be checked at a glance: two base64url JSON parts and the same signature as ID tokens.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};

use super::{SigningKey, SigningKeyError};

/// The `typ` header of a logout token; the specification recommends it so that a logout token
/// cannot be mistaken for an ID token or accepted where one is expected.
pub const LOGOUT_TOKEN_TYP: &str = "logout+jwt";

/// `claims` signed by `key` as a compact JWS, the header naming the key's algorithm and id.
pub fn sign_jwt(key: &SigningKey, typ: Option<&str>, claims: &serde_json::Value) -> Result<String, SigningKeyError> {
    if !claims.is_object() {
        return Err(SigningKeyError::ClaimsNotAnObject);
    }
    let mut header = serde_json::json!({ "alg": key.alg().as_str(), "kid": key.kid() });
    if let Some(typ) = typ {
        header["typ"] = typ.into();
    }
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&header)?),
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims)?)
    );
    let signature = key.sign_bytes(signing_input.as_bytes())?;
    Ok(format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature)))
}
