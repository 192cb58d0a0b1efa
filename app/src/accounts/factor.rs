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

/// One bound sign-in method as 登入設定 lists it (never its secret or credential).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInMethod {
    pub id: i64,
    pub kind: FactorKind,
    /// The name the user gave a key; empty for the authenticator app.
    pub label: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// What 登入設定 shows: the bound methods, and whether keys can be added here at all (not
/// when the server's address cannot be a WebAuthn relying party).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInMethods {
    pub methods: Vec<SignInMethod>,
    pub keys_available: bool,
    /// Whether the password signs in (停用帳號密碼登入 turns it off).
    pub password_sign_in: bool,
    /// The external provider's name (Google) when accounts can be linked to it here.
    pub external: Option<String>,
}

/// A password-free sign-in's ceremony as the browser gets it: the options for
/// `navigator.credentials.get` (JSON), and the token that hands the answer back to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyChallenge {
    pub token: String,
    pub options: String,
}
