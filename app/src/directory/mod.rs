//! The organization directory: shared types and the pure rules of searching it.

mod import_report;
mod search;
mod types;

pub use import_report::{DirectoryFile, DirectoryImport, RejectedRow};
pub use search::{
    is_school_code, normalize, search_text, SearchKind, SearchQuery, DEFAULT_LIMIT, MAX_LIMIT, MAX_QUERY_CHARS,
};
pub use types::{Crumb, OrgDetail, OrgKey, OrgKind, OrgRef, OrgSummary, RenameRecord, TreeLevel, TreeNode};
