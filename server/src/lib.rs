//! The Gatehouse server process: configuration, the command line, the router and its
//! handlers, database set-up, imports and the demo data.

pub mod allocator;
pub mod application_form;
pub mod backup;
pub mod cli;
pub mod config;
pub mod csv_safe;
pub mod database;
pub mod delivery;
pub mod demo;
pub mod demo_subsystem;
pub mod housekeeping;
pub mod import;
pub mod inventory_files;
pub mod member_files;
pub mod precompress;
pub mod router;
pub mod routes;
pub mod server;
pub mod telemetry;

/// What can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Database(#[from] database::DatabaseError),
    #[error(transparent)]
    Import(#[from] import::ImportError),
    #[error("{path}: {source}")]
    ImportFile { path: String, source: import::ImportError },
    #[error("{0}")]
    Io(String),
    #[error("{0}")]
    App(#[from] app::error::AppError),
    #[error(transparent)]
    SecretKey(#[from] app::auth::at_rest::KeyError),
}
