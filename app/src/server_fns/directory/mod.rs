//! The organization directory and the portal's home.

mod browse_tree;
mod get_org;
mod get_portal_home;
mod look_up_admins;
mod search_orgs;

pub use browse_tree::{browse_tree, BrowseTree};
pub use get_org::{get_org, GetOrg};
pub use get_portal_home::{get_portal_home, GetPortalHome};
pub use look_up_admins::{look_up_admins, LookUpAdmins};
pub use search_orgs::{search_orgs, SearchOrgs};
