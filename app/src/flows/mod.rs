//! The server's flows, one folder per feature (accounts, inventory): they hold the rules, and
//! server functions and routes call them. Beside them what every feature uses: sessions,
//! authorization (asking `permissions`), and the audit log. Server-only.

pub mod accounts;
pub mod applications;
pub mod audit;
mod authorize;
pub mod inventory;
pub mod members;
pub mod organizations;
pub mod provider;
mod sending;
pub mod session;
pub mod work;

pub use authorize::{authorize, authorize_fresh};
