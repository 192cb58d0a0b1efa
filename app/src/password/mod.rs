//! Password rules, as data, checked by one pure function that the browser (as the user
//! types, with the strength meter) and the server (on every change) both call.
//!
//! The "none of the last N" rule needs the stored hashes and is the server's to check;
//! `PasswordPolicy::history` says how many.

mod check;
mod common;
mod keyboard;
mod policy;
mod strength;

pub use check::{check, PasswordProblem};
pub use common::is_common;
pub use keyboard::keyboard_run;
pub use policy::{CharClass, Composition, PasswordPolicy};
pub use strength::{strength, Strength};
