//! The whole HTTP surface: Leptos pages and server functions, the JSON API, health, the
//! language switch and the stylesheet, behind compression, tracing and security headers.

use app::{shell, state::AppState, style::stylesheet_href, App};
use axum::{
    extract::{DefaultBodyLimit, Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{get, post},
    Router,
};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower_http::{compression::CompressionLayer, set_header::SetResponseHeaderLayer, trace::TraceLayer};
use tower_layer::Layer;

use crate::routes::{
    api_v1, application_files, assets, audit_csv, body_limit, directory_import, fn_no_store, fn_status, health,
    inventory_files, lang, light_forms, member_files, oidc, provider, same_origin,
};

/// The application's routes, listed once per process. Listing them renders the whole app
/// with resource loading switched off by a process-wide flag (leptos_server's
/// `SuppressResourceLoad`): a resource that first runs in another render while that flag is on
/// waits forever (leptos issue #4773). One server lists them before it serves anything, but the
/// integration tests build a router per test while other tests render pages, and one of their
/// renders hung now and then. Listed once, no render can overlap the listing: every router
/// waits for it before it exists.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let options = state.leptos_options.clone();
    // The wasm, JS and CSS as built: their brotli or gzip copy when the build made one
    // (`gatehouse precompress`) and the browser takes it, so nothing is compressed per
    // request (the compression layer leaves an answer that already has an encoding alone).
    let pkg = format!("{}/{}", options.site_root, options.site_pkg_dir);
    let pkg = tower_http::services::ServeDir::new(pkg).precompressed_br().precompressed_gzip();
    // Named after their content, the files never change under one name: browsers keep them
    // for a year and never ask again. Unhashed names (a build without cargo-leptos) must be
    // asked for again on every visit instead.
    let cache = HeaderValue::from_static(match options.hash_files {
        true => "public, max-age=31536000, immutable",
        false => "no-cache",
    });
    let pkg = SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, cache).layer(pkg);
    Router::new()
        .nest_service(&format!("/{}", options.site_pkg_dir), pkg)
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/api/v1/orgs", get(api_v1::list_orgs))
        .route("/api/v1/orgs/{key}", get(api_v1::get_org))
        .route("/lang/{tag}", get(lang::switch))
        .route("/light/{file}", get(light_forms::asset))
        .route("/sign-in", post(light_forms::sign_in))
        .route("/sign-in/verify", post(light_forms::verify))
        .route("/sign-in/reset-binding", post(light_forms::reset_binding))
        .route("/forgot-password", post(light_forms::forgot_password))
        .route("/forgot-password/reset", post(light_forms::reset_password))
        .route("/forgot-account", post(light_forms::forgot_account))
        .route("/resend-link", post(light_forms::resend_link))
        .route("/who-administers", post(light_forms::who_administers))
        .route("/auth/oidc/start", get(oidc::start))
        .route("/auth/oidc/callback", get(oidc::callback))
        .route("/.well-known/openid-configuration", get(provider::discovery::configuration))
        .route("/oidc/jwks", get(provider::discovery::jwks))
        .route("/oidc/authorize", get(provider::authorize::authorize))
        .route("/oidc/resume", get(provider::authorize::resume))
        .route("/oidc/agree", post(provider::authorize::agree))
        .route("/oidc/logout", get(provider::authorize::logout))
        .route("/oidc/token", post(provider::token::token))
        .route("/oidc/userinfo", get(provider::token_info::userinfo).post(provider::token_info::userinfo))
        .route("/oidc/introspect", post(provider::token_info::introspect))
        .route("/oidc/revoke", post(provider::token_info::revoke))
        .route("/assets/{file}", get(assets::stylesheet))
        .route("/admin/audit.csv", get(audit_csv::export))
        .route("/members/log.csv", get(audit_csv::export_member_log))
        .route("/admin/terms/agreements.csv", get(audit_csv::export_terms))
        .route("/apply/form.xlsx", get(application_files::form_xlsx))
        .route("/apply/scan", post(application_files::upload_scan))
        .route("/admin/applications/{id}/scan", get(application_files::review_scan))
        .route("/inventory/import", post(inventory_files::import_file))
        .route("/inventory/replace", post(light_forms::replace_inventory))
        .route("/members/import", post(member_files::import_file))
        .route("/admin/directory/import", post(directory_import::import_file))
        .route("/inventory/export.xlsx", get(inventory_files::export_xlsx))
        .route("/inventory/export.csv", get(inventory_files::export_csv))
        .route("/admin/inventory/export.xlsx", get(inventory_files::export_period))
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            move || shell(options.clone(), stylesheet_href()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            |options| shell(options, stylesheet_href()),
        ))
        .layer(middleware::from_fn_with_state(state.clone(), development_pages))
        .layer(middleware::from_fn_with_state(state.clone(), provider::cors::subsystem_cors))
        .layer(middleware::from_fn(body_limit::limit_bodies))
        .layer(DefaultBodyLimit::max(body_limit::LARGE))
        .layer(middleware::from_fn(fn_status::server_fn_status))
        .layer(middleware::from_fn_with_state(state.clone(), light_forms::plain_posts))
        .layer(middleware::from_fn(fn_no_store::no_store))
        .layer(middleware::from_fn(same_origin::same_origin_writes))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .layer(middleware::from_fn(crate::telemetry::requests::measure))
        .with_state(state)
}

/// `/dev/…` pages (the component gallery, later the development mailbox) exist only in
/// development mode; elsewhere they are not found.
async fn development_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !state.dev_mode && request.uri().path().starts_with("/dev/") {
        return StatusCode::NOT_FOUND.into_response();
    }
    next.run(request).await
}
