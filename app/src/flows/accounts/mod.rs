//! The account flows, one file each (the second factors and the admins' jobs in a folder each). Server functions call these; they hold the rules.
//! Every write of a flow happens in one transaction with its audit record.

pub mod admin;
mod attempt;
pub mod consent;
pub mod contact;
pub mod factors;
pub mod google;
mod notice;
mod open_ceremony;
pub mod password;
pub mod password_sign_in;
pub mod recovery;
pub mod sign_in;
pub mod sign_out;
pub mod terms;
