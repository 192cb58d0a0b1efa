//! HTTP handlers outside the Leptos pages, one concern per file.

pub mod api_v1;
pub mod assets;
pub mod health;
pub mod lang;
