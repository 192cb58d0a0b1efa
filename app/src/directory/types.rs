//! What the directory hands to the pages and to the JSON API.

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Agency,
    School,
    Other,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Agency => "agency",
            OrgKind::School => "school",
            OrgKind::Other => "other",
        }
    }

    /// The kind a stored value names; anything unknown is `Other`, so it never fails.
    pub fn from_stored(s: &str) -> OrgKind {
        match s {
            "agency" => OrgKind::Agency,
            "school" => OrgKind::School,
            _ => OrgKind::Other,
        }
    }

    pub fn label(self) -> Msg {
        match self {
            OrgKind::Agency => Msg::KindAgency,
            OrgKind::School => Msg::KindSchool,
            OrgKind::Other => Msg::KindOther,
        }
    }
}

/// How an organization is addressed in URLs: its OID, or its school code when it has no OID
/// (the Ministry of Education's school lists carry codes, not OIDs).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrgKey {
    Oid(String),
    SchoolCode(String),
}

impl OrgKey {
    /// Reads a URL segment: anything with a dot is an OID, anything else a school code.
    pub fn from_segment(segment: &str) -> OrgKey {
        let s = segment.trim();
        if s.contains('.') {
            OrgKey::Oid(s.to_string())
        } else {
            OrgKey::SchoolCode(s.to_string())
        }
    }
}

/// Just enough to name and link an organization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgRef {
    pub key: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgSummary {
    /// The segment of `/org/{key}`: the OID, or the school code.
    pub key: String,
    pub oid: Option<String>,
    pub name: String,
    pub kind: OrgKind,
    pub school_code: Option<String>,
    pub county: Option<String>,
    pub parent_oid: Option<String>,
    /// From the root down to the direct parent.
    pub parents: Vec<OrgRef>,
    /// Set when the organization was renamed to another OID.
    pub successor: Option<OrgRef>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenameRecord {
    pub old_oid: String,
    pub new_oid: String,
    pub old_name: String,
    pub new_name: String,
    pub change_date: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgDetail {
    pub summary: OrgSummary,
    pub agency_code: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub dn: Option<String>,
    pub website: Option<String>,
    pub children: Vec<OrgRef>,
    pub renames: Vec<RenameRecord>,
}

/// One step of the breadcrumb trail in the tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Crumb {
    pub oid: String,
    pub label: String,
}

/// A child in the tree: a real organization, or an arc that only groups others (a county's
/// arc has no row of its own in the official list; its label comes from the DN).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeNode {
    pub oid: String,
    pub label: String,
    pub is_org: bool,
    pub child_count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeLevel {
    /// The node being shown; `None` at the top.
    pub at: Option<String>,
    pub at_is_org: bool,
    pub crumbs: Vec<Crumb>,
    pub nodes: Vec<TreeNode>,
}
