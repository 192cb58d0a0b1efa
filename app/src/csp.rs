//! The Content-Security-Policy of every page: scripts only from this site and only with the
//! per-response nonce that Leptos puts on its hydration scripts; wasm may compile; nothing
//! may frame us, post our forms elsewhere, or load plugins.

/// The policy for one response. `reload_port` allows cargo-leptos' live-reload socket while
/// developing with `cargo leptos watch`.
pub fn content_security_policy(nonce: &str, reload_port: Option<u32>) -> String {
    let connect = match reload_port {
        Some(port) => format!("'self' ws://127.0.0.1:{port} ws://localhost:{port}"),
        None => "'self'".to_string(),
    };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src {connect}; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'; object-src 'none'"
    )
}

/// Sets the policy on the response being rendered, with the nonce of this render.
#[cfg(feature = "ssr")]
pub fn send(options: &leptos::prelude::LeptosOptions) {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(response)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    // The same test `AutoReload` makes before it opens its socket.
    let reload = std::env::var_os("LEPTOS_WATCH").map(|_| options.reload_external_port.unwrap_or(options.reload_port));
    if let Ok(value) = http::HeaderValue::from_str(&content_security_policy(&nonce.to_string(), reload)) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::content_security_policy;

    #[test]
    fn scripts_need_the_nonce_and_the_reload_socket_only_when_watching() {
        let csp = content_security_policy("abc", None);
        assert!(csp.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'"));
        assert!(!csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"));
        assert!(csp.contains("connect-src 'self';"));
        assert!(content_security_policy("abc", Some(3001)).contains("ws://127.0.0.1:3001"));
    }
}
