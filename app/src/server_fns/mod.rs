//! Server functions, one per file, named verb_noun.

mod browse_tree;
mod get_org;
mod search_orgs;

pub use browse_tree::{browse_tree, BrowseTree};
pub use get_org::{get_org, GetOrg};
pub use search_orgs::{search_orgs, SearchOrgs};
