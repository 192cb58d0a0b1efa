use serde::{Deserialize, Serialize};

use crate::i18n::Msg;

/// Every kind of second factor. Matches on it are exhaustive, so adding security keys and
/// Google sign-in shows every place that must learn about them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FactorKind {
    /// An authenticator app (RFC 6238, 6 digits, 30 s, SHA-1).
    Totp,
    /// A security key or passkey (WebAuthn). Not bindable yet.
    SecurityKey,
    /// A Google account, offered once TOTP is bound. Not bindable yet.
    Google,
}

super::stored_as_text!(FactorKind, "factor kind", { Totp => "totp", SecurityKey => "security_key", Google => "google" });

impl FactorKind {
    pub fn label(self) -> Msg {
        match self {
            FactorKind::Totp => Msg::FactorTotp,
            FactorKind::SecurityKey => Msg::FactorSecurityKey,
            FactorKind::Google => Msg::FactorGoogle,
        }
    }
}
