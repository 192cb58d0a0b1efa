//! A subsystem's registration (子系統管理), and the checks that the admin page, the command
//! line and the server run alike before anything is stored.

use serde::{Deserialize, Serialize};

use super::{
    functions::{catalogue_text, check_catalogue, parse_catalogue},
    ProfileField,
};
use crate::{error::AppError, i18n::Msg};

/// How a subsystem proves itself at the token endpoint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientKind {
    /// Part of Gatehouse itself (the asset inventory): no sign-in through the provider.
    Builtin,
    /// A server-side subsystem holding a secret.
    #[default]
    Confidential,
    /// A single-page subsystem: PKCE alone, no secret.
    Public,
}

impl ClientKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClientKind::Builtin => "builtin",
            ClientKind::Confidential => "confidential",
            ClientKind::Public => "public",
        }
    }

    pub fn of(text: &str) -> Option<ClientKind> {
        [ClientKind::Builtin, ClientKind::Confidential, ClientKind::Public].into_iter().find(|k| k.as_str() == text)
    }
}

/// How a subsystem's ID tokens are signed (its `id_token_signed_response_alg`): RS256, which
/// every OpenID Connect library takes, or ES256, shorter, for a library that takes it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdTokenAlg {
    #[default]
    #[serde(rename = "RS256")]
    Rs256,
    #[serde(rename = "ES256")]
    Es256,
}

impl IdTokenAlg {
    pub const ALL: [IdTokenAlg; 2] = [IdTokenAlg::Rs256, IdTokenAlg::Es256];

    pub fn as_str(self) -> &'static str {
        match self {
            IdTokenAlg::Rs256 => "RS256",
            IdTokenAlg::Es256 => "ES256",
        }
    }

    pub fn of(text: &str) -> Option<IdTokenAlg> {
        IdTokenAlg::ALL.into_iter().find(|a| a.as_str() == text)
    }
}

/// What the central authority registers. Address lists are one per line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    #[serde(default)]
    pub description_zh: String,
    #[serde(default)]
    pub description_en: String,
    #[serde(default)]
    pub kind: ClientKind,
    /// What the portal's tile opens: the subsystem's home or sign-in start address.
    #[serde(default)]
    pub home_url: String,
    #[serde(default)]
    pub redirect_uris: String,
    #[serde(default)]
    pub post_logout_redirect_uris: String,
    #[serde(default)]
    pub backchannel_logout_uri: String,
    #[serde(default)]
    pub privacy_url: String,
    #[serde(default)]
    pub terms_url: String,
    /// The profile fields it may receive, as stored (codes, space-separated).
    #[serde(default)]
    pub fields: String,
    /// Its catalogue of functions (功能選單項目), one `code | 中文 | English` per line.
    #[serde(default)]
    pub functions: String,
    #[serde(default)]
    pub id_token_alg: IdTokenAlg,
}

/// A subsystem as 子系統管理 lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisteredSubsystem {
    pub registration: Registration,
    pub active: bool,
    /// When its current secret was made, and when the previous one stops working.
    pub secret_made_at: Option<i64>,
    pub old_secret_until: Option<i64>,
}

/// The form's fields, in the order a problem is reported.
pub const REGISTRATION_FIELDS: &[&str] = &[
    "code",
    "name_zh",
    "name_en",
    "home_url",
    "redirect_uris",
    "post_logout_redirect_uris",
    "backchannel_logout_uri",
    "privacy_url",
    "terms_url",
    "functions",
];

/// A subsystem's code, which is also its OpenID Connect `client_id`: lowercase letters,
/// digits, `-` and `_`, starting with a letter, 2 to 32 characters.
pub fn is_client_code(code: &str) -> bool {
    let mut chars = code.chars();
    (2..=32).contains(&code.len())
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// An address a browser is sent to or a server posts to: absolute, `https`, or `http` on this
/// machine only (a subsystem under development), with no fragment and no user name.
fn is_address(uri: &str) -> bool {
    let rest = if let Some(rest) = uri.strip_prefix("https://") {
        rest
    } else if let Some(rest) = uri.strip_prefix("http://") {
        let host = rest.split(['/', '?']).next().unwrap_or("");
        let name = host.rsplit_once(':').map_or(host, |(name, port)| match port.parse::<u16>() {
            Ok(_) => name,
            Err(_) => host,
        });
        if !matches!(name, "localhost" | "127.0.0.1" | "[::1]") {
            return false;
        }
        rest
    } else {
        return false;
    };
    let host = rest.split(['/', '?']).next().unwrap_or("");
    uri.len() <= 2000
        && !host.is_empty()
        && !host.contains('@')
        && !uri.contains('#')
        && !uri.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The origin (`scheme://host[:port]`) of an absolute address, as a browser sends it in
/// `Origin`.
pub fn origin_of(uri: &str) -> Option<&str> {
    let (scheme, rest) = uri.split_once("://")?;
    let host_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    (!scheme.is_empty() && host_len > 0).then(|| &uri[..scheme.len() + 3 + host_len])
}

/// The authorization request `query` (a consent page's, without `?`) asked again once the
/// consent is answered: its `prompt` dropped (it was answered), `declined=1` added when the
/// person said no. A path on this site, whatever the query holds.
pub fn authorize_again(query: &str, declined: bool) -> String {
    let mut kept: Vec<&str> = query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| !matches!(pair.split('=').next(), Some("prompt" | "declined")))
        .collect();
    if declined {
        kept.push("declined=1");
    }
    format!("/oidc/authorize?{}", kept.join("&"))
}

/// The addresses of a list, one per line, blank lines left out.
pub fn address_list(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

impl Registration {
    /// The registration with its text trimmed and its lists in their stored form.
    pub fn normalized(mut self) -> Registration {
        for text in [
            &mut self.code,
            &mut self.name_zh,
            &mut self.name_en,
            &mut self.description_zh,
            &mut self.description_en,
            &mut self.home_url,
            &mut self.backchannel_logout_uri,
            &mut self.privacy_url,
            &mut self.terms_url,
        ] {
            *text = text.trim().to_string();
        }
        self.redirect_uris = address_list(&self.redirect_uris).join("\n");
        self.post_logout_redirect_uris = address_list(&self.post_logout_redirect_uris).join("\n");
        self.fields = ProfileField::list(&ProfileField::parse_list(&self.fields));
        // A catalogue that would be refused stays as typed, so that the refusal shows it.
        self.functions = match check_catalogue(&self.functions) {
            Ok(()) => catalogue_text(&parse_catalogue(&self.functions)),
            Err(_) => self.functions.trim().to_string(),
        };
        self
    }

    /// The first problem, at its field; `Ok` when it may be stored. Call on `normalized()`.
    pub fn check(&self) -> Result<(), AppError> {
        if !is_client_code(&self.code) {
            return Err(AppError::invalid("code", Msg::SubsystemCodeInvalid));
        }
        for (field, name) in [("name_zh", &self.name_zh), ("name_en", &self.name_en)] {
            if name.is_empty() || name.chars().count() > 60 {
                return Err(AppError::invalid(field, Msg::SubsystemNameInvalid));
            }
        }
        if self.kind == ClientKind::Builtin {
            return Err(AppError::invalid("code", Msg::SubsystemBuiltin));
        }
        let single = [
            ("home_url", &self.home_url),
            ("backchannel_logout_uri", &self.backchannel_logout_uri),
            ("privacy_url", &self.privacy_url),
            ("terms_url", &self.terms_url),
        ];
        if let Some((field, _)) = single.iter().take(1).find(|(_, uri)| !is_address(uri)) {
            return Err(AppError::invalid(field, Msg::SubsystemAddressInvalid));
        }
        let redirects = address_list(&self.redirect_uris);
        if redirects.is_empty() || redirects.len() > 20 || !redirects.iter().all(|u| is_address(u)) {
            return Err(AppError::invalid("redirect_uris", Msg::SubsystemRedirectsInvalid));
        }
        let after_logout = address_list(&self.post_logout_redirect_uris);
        if after_logout.len() > 20 || !after_logout.iter().all(|u| is_address(u)) {
            return Err(AppError::invalid("post_logout_redirect_uris", Msg::SubsystemAddressInvalid));
        }
        if let Some((field, _)) = single.iter().skip(1).find(|(_, uri)| !uri.is_empty() && !is_address(uri)) {
            return Err(AppError::invalid(field, Msg::SubsystemAddressInvalid));
        }
        check_catalogue(&self.functions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> Registration {
        Registration {
            code: "ismg".into(),
            name_zh: "管考系統".into(),
            name_en: "Security reporting".into(),
            kind: ClientKind::Confidential,
            home_url: "https://ismg.example.gov.tw/".into(),
            redirect_uris: " https://ismg.example.gov.tw/callback \n\nhttp://localhost:3001/cb".into(),
            fields: "email name".into(),
            ..Default::default()
        }
        .normalized()
    }

    fn refused_at(r: Registration) -> String {
        match r.normalized().check() {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn the_request_is_asked_again_without_its_answered_prompt() {
        let query = "client_id=demo&prompt=consent&state=a%26b&declined=1";
        assert_eq!(authorize_again(query, false), "/oidc/authorize?client_id=demo&state=a%26b");
        assert_eq!(
            authorize_again(&format!("?{query}"), true),
            "/oidc/authorize?client_id=demo&state=a%26b&declined=1"
        );
        assert_eq!(authorize_again("", false), "/oidc/authorize?");
    }

    #[test]
    fn origins_are_scheme_host_and_port() {
        assert_eq!(origin_of("https://spa.example.gov.tw/cb?x=1"), Some("https://spa.example.gov.tw"));
        assert_eq!(origin_of("http://localhost:4100/callback"), Some("http://localhost:4100"));
        assert_eq!(origin_of("http://localhost:4100"), Some("http://localhost:4100"));
        assert_eq!(origin_of("/relative"), None);
        assert_eq!(origin_of("https:///x"), None);
    }

    #[test]
    fn a_good_registration_is_normalized_and_accepted() {
        let r = good();
        assert_eq!(r.redirect_uris, "https://ismg.example.gov.tw/callback\nhttp://localhost:3001/cb");
        assert_eq!(r.fields, "name email");
        let r = Registration { functions: "view|查詢\n report | 填報 | Report ".into(), ..good() }.normalized();
        assert_eq!(r.functions, "view | 查詢 | 查詢\nreport | 填報 | Report");
        assert_eq!(r.check(), Ok(()));
    }

    #[test]
    fn each_bad_field_is_named() {
        assert_eq!(refused_at(Registration { code: "Bad code".into(), ..good() }), "code");
        assert_eq!(refused_at(Registration { code: "9lives".into(), ..good() }), "code");
        assert_eq!(refused_at(Registration { name_en: " ".into(), ..good() }), "name_en");
        assert_eq!(refused_at(Registration { home_url: "ftp://x".into(), ..good() }), "home_url");
        assert_eq!(refused_at(Registration { redirect_uris: String::new(), ..good() }), "redirect_uris");
        for bad in [
            "http://ismg.example.gov.tw/cb",
            "https://ismg.example.gov.tw/cb#frag",
            "https://user@evil.example/cb",
            "https:///cb",
            "/relative",
            "http://localhost.evil.example/cb",
        ] {
            let r = Registration { redirect_uris: bad.into(), ..good() };
            assert_eq!(refused_at(r), "redirect_uris", "{bad}");
        }
        let r = Registration { backchannel_logout_uri: "http://example.org/logout".into(), ..good() };
        assert_eq!(refused_at(r), "backchannel_logout_uri");
        assert_eq!(refused_at(Registration { kind: ClientKind::Builtin, ..good() }), "code");
        assert_eq!(refused_at(Registration { functions: "view | 查詢\nview | 再查".into(), ..good() }), "functions");
    }
}
