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
