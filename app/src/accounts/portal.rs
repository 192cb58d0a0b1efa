use serde::{Deserialize, Serialize};

pub const ANNOUNCEMENTS_PER_PAGE: usize = 10;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announcement {
    pub id: i64,
    /// Members only (會員公告) when true; everyone (訪客公告) otherwise.
    pub members_only: bool,
    pub title: String,
    pub body: String,
    pub published_at: i64,
}

/// A subsystem the viewer may open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubsystemEntry {
    pub code: String,
    pub name: String,
    pub description: String,
    pub path: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalHome {
    pub announcements: Vec<Announcement>,
    pub page: usize,
    pub pages: usize,
    pub subsystems: Vec<SubsystemEntry>,
    /// Account applications and access requests waiting for this viewer's review.
    pub waiting_reviews: usize,
}

/// The profile fields a subsystem is given once its user consents (同意授權, SPEC §4): what
/// the consent page names, and all the subsystem may read of the account.
pub fn shared_fields(code: &str) -> &'static [crate::i18n::Msg] {
    use crate::i18n::Msg;
    match code {
        "assets" => &[
            Msg::DisplayName,
            Msg::Organization,
            Msg::ApplyUnit,
            Msg::ApplyJobTitle,
            Msg::ApplyOfficialEmail,
            Msg::ApplyOfficePhone,
        ],
        _ => &[Msg::DisplayName, Msg::Organization],
    }
}

/// A subsystem's consent as its user sees it: what it is given, and since when (none yet).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub code: String,
    pub name: String,
    pub accepted_at: Option<i64>,
}
