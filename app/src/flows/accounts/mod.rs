//! The account flows, one file each. Server functions call these; they hold the rules.
//! Every write of a flow happens in one transaction with its audit record.

pub mod admin;
mod attempt;
pub mod bind_key;
pub mod bind_totp;
pub mod consent;
pub mod contact;
pub mod google;
pub mod key_sign_in;
mod keys;
mod notice;
mod open_ceremony;
pub mod passkey;
pub mod password;
pub mod password_sign_in;
pub mod recovery;
pub mod reset_binding;
pub mod second_factor;
pub mod sign_in;
pub mod sign_out;

// The audit record of a search or export, as `super::record`.
pub(crate) use super::audit::record;
