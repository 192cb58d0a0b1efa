//! The versioned JSON API for other systems. Its shapes are its own, not the pages' types,
//! so that the pages can change without breaking a client.

mod error;
mod orgs;

pub use error::ApiError;
pub use orgs::{get_org, list_orgs};
