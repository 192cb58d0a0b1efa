use serde::{Deserialize, Serialize};

use super::Actor;
use crate::password::PasswordPolicy;

/// How far a session has come, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SessionStage {
    /// The password passed; a second factor is due (or must be bound).
    Password,
    /// A linked account at an outside provider (Google) stood in for the password; a second
    /// factor is due. The password was not proved: what needs it (the emergency reset) is not
    /// offered.
    External,
    /// Signed in.
    Full,
}

super::stored_as_text!(SessionStage, "session stage", { Password => "password", External => "external", Full => "full" });

/// How far the current session has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ViewerStage {
    /// Password accepted; the authenticator code is still due.
    NeedsCode,
    /// Password accepted and no second factor bound: binding is all this session may do.
    NeedsBinding,
    /// Signed in.
    Full,
}

/// Who is signed in, as pages need it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    /// Its role, organization and grants: what `permissions` decides on, so that menus and
    /// gates ask the server's rules (`Viewer::may`) instead of comparing roles.
    pub actor: Actor,
    pub org_name: String,
    /// The password policy the server checks this account's new password against.
    pub password_policy: PasswordPolicy,
    pub stage: ViewerStage,
    /// The password is older than the policy allows: it must be changed before anything else.
    pub password_expired: bool,
    /// The terms of use in force (用戶約定條款) wait for this account's agreement.
    pub terms_pending: bool,
    /// A security key or passkey is bound: the second step and the step-up offer it beside
    /// the code.
    pub key_bound: bool,
    /// At the second step: whether 重設登入綁定 is offered, or why not.
    pub emergency_reset: super::EmergencyReset,
}

impl Viewer {
    pub fn is_signed_in(&self) -> bool {
        self.stage == ViewerStage::Full
    }

    /// The page this viewer must finish before any other, if any.
    pub fn required_path(&self) -> Option<&'static str> {
        match self.stage {
            ViewerStage::NeedsCode => Some("/sign-in/verify"),
            ViewerStage::NeedsBinding => Some("/account/bind"),
            ViewerStage::Full if self.password_expired => Some("/account/password"),
            ViewerStage::Full if self.terms_pending => Some("/terms"),
            ViewerStage::Full => None,
        }
    }
}

/// Where a sign-in step sends the user next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignInNext {
    EnterCode,
    BindFactor,
    ChangePassword,
    /// The terms of use in force, to agree to (用戶約定條款).
    AgreeTerms,
    Home,
    /// Back to the provider's authorization, which a subsystem asked for before the sign-in.
    Resume,
}

impl SignInNext {
    pub fn path(self) -> &'static str {
        match self {
            SignInNext::EnterCode => "/sign-in/verify",
            SignInNext::BindFactor => "/account/bind",
            SignInNext::ChangePassword => "/account/password",
            SignInNext::AgreeTerms => "/terms",
            SignInNext::Home => "/",
            SignInNext::Resume => "/oidc/resume",
        }
    }

    /// Whether the next page is a server route outside the app (a full page load).
    pub fn leaves_the_app(self) -> bool {
        self == SignInNext::Resume
    }
}
