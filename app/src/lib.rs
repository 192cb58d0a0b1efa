//! What the browser and the server share: pages, components, server functions, shared
//! types and pure validation. Server-only code sits behind the `ssr` feature.

#![recursion_limit = "256"]

pub mod accounts;
mod app;
pub mod browser_keys;
pub mod components;
pub mod csp;
pub mod directory;
pub mod error;
pub mod i18n;
pub mod inventory;
pub mod light;
pub mod oid;
pub mod pages;
pub mod password;
pub mod permissions;
pub mod provider;
mod routes;
pub mod server_fns;
mod shell;
pub mod time;
#[cfg(feature = "hydrate")]
pub mod upload;
pub mod url;
pub mod window_size;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod flows;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod style;

#[cfg(test)]
mod layers_test;

pub use app::App;
pub use shell::shell;
