//! The second factors, a module per kind and step: the authenticator app (binding it, its code
//! at sign-in and step-up), security keys and passkeys (what they share, binding, proving one at
//! the second step, signing in with a passkey alone), and the emergency reset of every binding.

pub mod emergency_reset;
pub mod key_binding;
pub mod key_sign_in;
pub(super) mod keys;
pub mod passkey;
pub mod totp_binding;
pub mod totp_code;
