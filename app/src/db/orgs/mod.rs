//! The organization directory in the database.

mod find;
mod index;
mod model;
mod search;
mod status;
mod tree;
mod write;

pub use find::{find_detail, find_id, find_refs, find_summary, successor_oid};
pub use index::{DirectoryCache, DirectoryIndex};
pub use model::{oid_sort_key, Org, OrgFields};
pub use search::{search, search_in_database};
pub use status::{disabled, is_disabled, set_disabled};
pub use tree::tree_level;
pub use write::{all_orgs, insert_orgs, insert_rename, relink_parents, rename_exists, update_org};

diesel::define_sql_function! {
    /// Character length of a text, in both backends.
    fn length(x: diesel::sql_types::Text) -> diesel::sql_types::Integer;
}
