//! The generated stylesheet, embedded in the server binary. See `build.rs`.

include!(concat!(env!("OUT_DIR"), "/style_hash.rs"));

pub const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/gatehouse.css"));

/// Where the pages link the stylesheet; the hash lets browsers cache it for good.
pub fn stylesheet_href() -> String {
    format!("/assets/gatehouse-{STYLE_HASH}.css")
}
