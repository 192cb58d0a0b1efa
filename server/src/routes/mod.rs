//! HTTP handlers outside the Leptos pages, one concern per file.

pub mod api_v1;
pub mod application_files;
pub mod assets;
pub mod audit_csv;
pub mod body_limit;
pub mod directory_import;
pub mod fn_no_store;
pub mod fn_status;
pub mod health;
pub mod inventory_files;
pub mod lang;
pub mod light_forms;
pub mod member_files;
pub mod oidc;
pub mod provider;
pub mod respond;
pub mod same_origin;
