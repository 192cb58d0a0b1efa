//! What the 子系統管理 form holds while it is being filled: one signal per field, so that
//! 編輯 in the list can fill it and the form can send it again after a verification.

use leptos::{html, prelude::*};

use crate::{
    error::AppError,
    provider::{ClientKind, IdTokenAlg, Registration},
};

/// The fields a new registration starts with.
const DEFAULT_FIELDS: &str = "username name email organization";

/// The form's fields, and whether it changes a registered subsystem (its code fixed) rather
/// than registering one.
#[derive(Clone, Copy)]
pub struct SubsystemDraft {
    pub editing: RwSignal<bool>,
    pub code: RwSignal<String>,
    pub name_zh: RwSignal<String>,
    pub name_en: RwSignal<String>,
    pub description_zh: RwSignal<String>,
    pub description_en: RwSignal<String>,
    pub kind: RwSignal<ClientKind>,
    pub home_url: RwSignal<String>,
    pub redirect_uris: RwSignal<String>,
    pub post_logout_redirect_uris: RwSignal<String>,
    pub backchannel_logout_uri: RwSignal<String>,
    pub privacy_url: RwSignal<String>,
    pub terms_url: RwSignal<String>,
    pub fields: RwSignal<String>,
    pub functions: RwSignal<String>,
    pub id_token_alg: RwSignal<IdTokenAlg>,
    /// The form's heading, focused when 編輯 fills the form.
    pub heading: NodeRef<html::H2>,
}

impl Default for SubsystemDraft {
    fn default() -> Self {
        SubsystemDraft::new()
    }
}

impl SubsystemDraft {
    pub fn new() -> SubsystemDraft {
        let text = || RwSignal::new(String::new());
        SubsystemDraft {
            editing: RwSignal::new(false),
            code: text(),
            name_zh: text(),
            name_en: text(),
            description_zh: text(),
            description_en: text(),
            kind: RwSignal::new(ClientKind::Confidential),
            home_url: text(),
            redirect_uris: text(),
            post_logout_redirect_uris: text(),
            backchannel_logout_uri: text(),
            privacy_url: text(),
            terms_url: text(),
            fields: RwSignal::new(DEFAULT_FIELDS.to_string()),
            functions: text(),
            id_token_alg: RwSignal::new(IdTokenAlg::Rs256),
            heading: NodeRef::new(),
        }
    }

    /// Fills the form with `r` to change it (`editing`), or empties it for a new one.
    fn set(&self, r: Registration, editing: bool) {
        self.editing.set(editing);
        self.code.set(r.code);
        self.name_zh.set(r.name_zh);
        self.name_en.set(r.name_en);
        self.description_zh.set(r.description_zh);
        self.description_en.set(r.description_en);
        self.kind.set(r.kind);
        self.home_url.set(r.home_url);
        self.redirect_uris.set(r.redirect_uris);
        self.post_logout_redirect_uris.set(r.post_logout_redirect_uris);
        self.backchannel_logout_uri.set(r.backchannel_logout_uri);
        self.privacy_url.set(r.privacy_url);
        self.terms_url.set(r.terms_url);
        self.fields.set(r.fields);
        self.functions.set(r.functions);
        self.id_token_alg.set(r.id_token_alg);
    }

    /// The registered subsystem `r` in the form, to change it; the form's heading focused.
    pub fn edit(&self, r: Registration) {
        self.set(r, true);
        if let Some(heading) = self.heading.get_untracked() {
            let _ = heading.focus();
        }
    }

    /// An empty form, to register a new subsystem.
    pub fn clear(&self) {
        self.set(Registration { fields: DEFAULT_FIELDS.into(), ..Default::default() }, false);
    }

    /// What the form holds.
    pub fn registration(&self) -> Registration {
        Registration {
            code: self.code.get_untracked(),
            name_zh: self.name_zh.get_untracked(),
            name_en: self.name_en.get_untracked(),
            description_zh: self.description_zh.get_untracked(),
            description_en: self.description_en.get_untracked(),
            kind: self.kind.get_untracked(),
            home_url: self.home_url.get_untracked(),
            redirect_uris: self.redirect_uris.get_untracked(),
            post_logout_redirect_uris: self.post_logout_redirect_uris.get_untracked(),
            backchannel_logout_uri: self.backchannel_logout_uri.get_untracked(),
            privacy_url: self.privacy_url.get_untracked(),
            terms_url: self.terms_url.get_untracked(),
            fields: self.fields.get_untracked(),
            functions: self.functions.get_untracked(),
            id_token_alg: self.id_token_alg.get_untracked(),
        }
    }
}

/// The shared rule for `field` alone, as the user types: `value` among stand-ins that pass
/// (`Registration::check` says only the first problem, which would otherwise be another
/// field's).
pub fn registration_rule(field: &'static str, value: &str) -> Result<(), AppError> {
    let mut r = Registration {
        code: "ab".into(),
        name_zh: "-".into(),
        name_en: "-".into(),
        home_url: "https://example.org/".into(),
        redirect_uris: "https://example.org/cb".into(),
        ..Default::default()
    };
    let slot = match field {
        "code" => &mut r.code,
        "name_zh" => &mut r.name_zh,
        "name_en" => &mut r.name_en,
        "home_url" => &mut r.home_url,
        "redirect_uris" => &mut r.redirect_uris,
        "post_logout_redirect_uris" => &mut r.post_logout_redirect_uris,
        "backchannel_logout_uri" => &mut r.backchannel_logout_uri,
        "privacy_url" => &mut r.privacy_url,
        "terms_url" => &mut r.terms_url,
        "functions" => &mut r.functions,
        _ => return Ok(()),
    };
    *slot = value.to_string();
    match r.normalized().check() {
        Err(AppError::Invalid { field: f, message }) if f == field => Err(AppError::Invalid { field: f, message }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_is_checked_alone() {
        assert!(registration_rule("code", "ismg").is_ok());
        assert!(registration_rule("code", "Bad code").is_err());
        assert!(registration_rule("redirect_uris", "https://a.example/cb\nhttp://localhost:3001/cb").is_ok());
        assert!(registration_rule("redirect_uris", "http://example.org/cb").is_err());
        // A bad address elsewhere is not this field's problem.
        assert!(registration_rule("terms_url", "https://example.org/terms").is_ok());
        assert!(registration_rule("terms_url", "ftp://example.org/terms").is_err());
        assert!(registration_rule("description_zh", "anything").is_ok());
        assert!(registration_rule("functions", "view | 查詢 | View").is_ok());
        assert!(registration_rule("functions", "View | 查詢").is_err());
    }
}
