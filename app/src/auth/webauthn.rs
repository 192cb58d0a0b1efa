//! The relying party for security keys and passkeys (WebAuthn, SPEC §3), made once from
//! `GATEHOUSE_PUBLIC_URL`: its host is the relying party id and the URL the one origin that
//! may answer a ceremony.

use std::sync::Arc;

use webauthn_rs::prelude::{Url, Uuid, Webauthn, WebauthnBuilder};

/// The relying party, or `None` when the public URL cannot be one: an IP address is not a
/// valid relying party id (browsers refuse it), so keys are then not offered at all and the
/// log says why. Development and tests use `localhost`.
pub fn relying_party(public_url: &str) -> Option<Arc<Webauthn>> {
    let made = (|| {
        let origin = Url::parse(public_url).map_err(|e| e.to_string())?;
        let host = origin.host_str().ok_or("no host")?.to_string();
        if host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[') {
            return Err(format!("{host} is an IP address; use a host name (localhost in development)"));
        }
        WebauthnBuilder::new(&host, &origin).and_then(|b| b.rp_name("Gatehouse").build()).map_err(|e| e.to_string())
    })();
    match made {
        Ok(webauthn) => Some(Arc::new(webauthn)),
        Err(reason) => {
            tracing::warn!(%public_url, %reason, "security keys are off: the public URL cannot be a WebAuthn relying party");
            None
        }
    }
}

/// The user handle an account's keys carry: fixed per account and meaningless outside
/// Gatehouse (the account's number under our own prefix, no name or address).
pub fn user_handle(user_id: i64) -> Uuid {
    Uuid::from_u64_pair(HANDLE_PREFIX, user_id as u64)
}

/// The account a user handle names (a password-free sign-in tells who it is by its key's
/// handle); `None` for a handle that is not one of ours.
pub fn user_of_handle(handle: Uuid) -> Option<i64> {
    let (prefix, id) = handle.as_u64_pair();
    (prefix == HANDLE_PREFIX).then_some(id as i64).filter(|id| *id > 0)
}

/// "gatehous", so that our handles are told apart from any other site's.
const HANDLE_PREFIX: u64 = 0x6761_7465_686f_7573;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ip_address_is_no_relying_party_and_a_host_name_is() {
        assert!(relying_party("http://127.0.0.1:3000").is_none());
        assert!(relying_party("http://[::1]:3000").is_none());
        assert!(relying_party("not a url").is_none());
        assert!(relying_party("http://localhost:3000").is_some());
        assert!(relying_party("https://gatehouse.edu.tw").is_some());
    }

    #[test]
    fn user_handles_differ_per_account_and_stay_put() {
        assert_eq!(user_handle(7), user_handle(7));
        assert_ne!(user_handle(7), user_handle(8));
        assert_eq!(user_of_handle(user_handle(7)), Some(7));
        assert_eq!(user_of_handle(Uuid::from_u64_pair(1, 7)), None);
        assert_eq!(user_of_handle(Uuid::nil()), None);
    }
}
