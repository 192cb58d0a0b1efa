use serde::{Deserialize, Serialize};

/// An authenticator to bind, shown once: a new one on every view of the binding page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpOffer {
    /// The secret in base32, grouped by 4 for typing it in by hand.
    pub secret_grouped: String,
    /// `otpauth://totp/…`, the content of the QR code.
    pub uri: String,
    /// The QR code as an SVG `data:` URI.
    pub qr: String,
}
