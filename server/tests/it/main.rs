//! Integration tests, one binary. Every database test runs twice: on a fresh SQLite file and
//! on a fresh PostgreSQL database (`GATEHOUSE_TEST_PG_URL`, which `make test` sets after
//! starting its own server).

mod client;
mod crafted;
mod support;

mod admin;
mod applications;
mod audited;
mod api_v1;
mod directory;
mod import;
mod inventory;
mod inventory_files;
mod lockout;
mod credentials;
mod mail;
mod pages;
mod recovery;
mod request_bounds;
mod sign_in;
mod sms;
mod stored;
mod workbooks;
