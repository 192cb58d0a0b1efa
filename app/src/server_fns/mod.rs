//! Server functions, one per file, named verb_noun, in folders by feature. Reads are GETs;
//! everything that changes state is a POST (and so passes the cross-origin check in the
//! router). Each reads the request and hands it to a flow (`crate::flows`), which decides; a
//! few plain reads (the directory, the viewer) query the database themselves.

mod account;
mod admin;
mod apply;
mod dev;
mod directory;
mod inventory;
mod members;

pub use account::*;
pub use admin::*;
pub use apply::*;
pub use dev::*;
pub use directory::*;
pub use inventory::*;
pub use members::*;
