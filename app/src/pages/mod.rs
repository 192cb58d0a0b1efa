//! One page per file, named after its route.

mod directory;
mod home;
mod not_found;
mod org;
mod picker_demo;
mod tree;

pub use directory::DirectoryPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use org::OrgPage;
pub use picker_demo::PickerDemoPage;
pub use tree::TreePage;

/// Sets the HTTP status of the server-rendered response (404 for a missing organization).
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(opts), Ok(status)) =
        (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
    {
        opts.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
