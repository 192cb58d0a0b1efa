//! Organizations as the central authority runs them (turned off and on) and as anyone may ask
//! who administers one (SPEC §1, §4).

pub mod admins;
pub mod status;
