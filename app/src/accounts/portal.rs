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

/// A reporting period the viewer's organization has yet to submit in, for one who may submit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuePeriod {
    pub title: String,
    pub closes_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalHome {
    /// Signed in (both factors): the page leads with what the person came for.
    pub signed_in: bool,
    pub announcements: Vec<Announcement>,
    pub page: usize,
    pub pages: usize,
    pub subsystems: Vec<SubsystemEntry>,
    /// Account applications and access requests waiting for this viewer's review.
    pub waiting_reviews: usize,
    pub due: Option<DuePeriod>,
}

/// A subsystem's consent as its user sees it: what it is given, and since when (none yet).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub code: String,
    pub name: String,
    pub accepted_at: Option<i64>,
    /// The fields agreed to (what the subsystem receives).
    #[serde(default)]
    pub fields: Vec<crate::provider::ProfileField>,
    /// When the account last signed in to it through the provider, if ever.
    #[serde(default)]
    pub last_sign_in: Option<i64>,
}

/// A registered subsystem's 同意授權 as the provider asks it: the subsystem, the fields it
/// would receive, and its privacy and terms pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubsystemConsent {
    pub code: String,
    pub name: String,
    pub fields: Vec<crate::provider::ProfileField>,
    /// An earlier consent named fewer fields: the list has grown since.
    pub asked_before: bool,
    pub privacy_url: String,
    pub terms_url: String,
    /// The origins of its redirect URIs: where agreeing ends up, which the page's
    /// Content-Security-Policy lets its form reach (a form's redirects are checked too).
    #[serde(default)]
    pub redirect_origins: Vec<String>,
}
