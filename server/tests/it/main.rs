//! Integration tests, one binary. Every database test runs twice: on a fresh SQLite file and
//! on a fresh PostgreSQL database (`GATEHOUSE_TEST_PG_URL`, which `make test` sets after
//! starting its own server).

mod client;
mod crafted;
mod crashes;
mod housekeeping;
mod support;

pub mod admin;
mod api_v1;
mod applications;
mod audited;
mod backups;
mod command_line;
mod credentials;
mod demo_subsystem;
mod deploy;
mod directory;
mod google;
mod import;
pub mod inventory;
mod inventory_files;
mod light_pages;
mod lockout;
pub mod mail;
mod members;
mod metrics;
mod organizations;
mod pages;
mod passwordless;
mod provider;
mod readiness;
mod readme;
mod recovery;
mod registered;
mod request_bounds;
mod reset_binding;
mod review_lists;
mod security_keys;
mod sign_in;
mod sms;
mod stored;
mod subsystem_cli;
mod terms;
pub mod two_servers;
mod upgrades;
mod workbooks;
