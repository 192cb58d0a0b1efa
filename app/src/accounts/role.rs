use serde::{Deserialize, Serialize};

use crate::{i18n::Msg, password::PasswordPolicy};

/// What a user may do, from the spec's table of roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// The central authority (行政院資安處, 國教署 platform staff).
    Central,
    /// An organization's admin, its main account (機關管理者, 學校主帳號).
    OrgAdmin,
    /// A user, a sub-account (一般使用者, 子帳號).
    User,
}

super::stored_as_text!(Role, "role", { Central => "central", OrgAdmin => "org_admin", User => "user" });

/// A role named on the command line (`--role`): its stored text, and nothing else.
impl std::str::FromStr for Role {
    type Err = UnknownRole;

    fn from_str(text: &str) -> Result<Role, UnknownRole> {
        Role::parse(text).ok_or_else(|| UnknownRole(text.to_string()))
    }
}

/// A text that names no role; it says which names there are.
#[derive(Debug)]
pub struct UnknownRole(pub String);

impl std::fmt::Display for UnknownRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        write!(f, "no role {:?} (the roles: {})", self.0, names.join(", "))
    }
}

impl std::error::Error for UnknownRole {}

/// Whether an account may sign in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccountStatus {
    Active,
    /// Applied for (SPEC §2) and waiting for its review: not an account that can sign in by
    /// any path, nor be reminded of or reset.
    Pending,
    /// Its application was turned down; the username stays taken, for the record.
    Rejected,
    /// Turned off by an admin: no sign-in by any path, its sessions end.
    Disabled,
}

super::stored_as_text!(AccountStatus, "account status", {
    Active => "active",
    Pending => "pending",
    Rejected => "rejected",
    Disabled => "disabled",
});

impl Role {
    pub fn label(self) -> Msg {
        match self {
            Role::Central => Msg::RoleCentral,
            Role::OrgAdmin => Msg::RoleOrgAdmin,
            Role::User => Msg::RoleUser,
        }
    }

    /// Admin-side accounts get the 12-character profile, school-side ones the 8-character one.
    pub fn password_policy(self) -> PasswordPolicy {
        match self {
            Role::Central | Role::OrgAdmin => PasswordPolicy::admin(),
            Role::User => PasswordPolicy::school(),
        }
    }
}
