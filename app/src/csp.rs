//! The Content-Security-Policy of every page: scripts only from this site and only with the
//! per-response nonce that Leptos puts on its hydration scripts; wasm may compile; nothing
//! may frame us, post our forms elsewhere, or load plugins.

/// The policy for one response. `reload_port` allows cargo-leptos' live-reload socket while
/// developing with `cargo leptos watch`; `form_targets` are origins besides this site that a
/// form's submission may end up at through redirects (the consent page's subsystem).
pub fn content_security_policy(nonce: &str, reload_port: Option<u32>, form_targets: &[String]) -> String {
    let connect = match reload_port {
        Some(port) => format!("'self' ws://127.0.0.1:{port} ws://localhost:{port}"),
        None => "'self'".to_string(),
    };
    // Only plain origins: nothing from the database may add a directive.
    let forms: String = form_targets
        .iter()
        .filter(|o| !o.is_empty() && o.chars().all(|c| c.is_ascii_alphanumeric() || ":/.-[]".contains(c)))
        .map(|o| format!(" {o}"))
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src {connect}; base-uri 'none'; form-action 'self'{forms}; \
         frame-ancestors 'none'; object-src 'none'"
    )
}

/// Whether this render allows the live-reload socket (kept for a page that sets the policy
/// again).
#[cfg(feature = "ssr")]
#[derive(Clone, Copy)]
struct Reload(Option<u32>);

/// Sets the policy on the response being rendered, with the nonce of this render.
#[cfg(feature = "ssr")]
pub fn send(options: &leptos::prelude::LeptosOptions) {
    // The same test `AutoReload` makes before it opens its socket.
    let reload = std::env::var_os("LEPTOS_WATCH").map(|_| options.reload_external_port.unwrap_or(options.reload_port));
    leptos::prelude::provide_context(Reload(reload));
    set(reload, &[]);
}

/// The policy set again with origins a form on this page may end up at through redirects
/// (`content_security_policy`): the consent page, whose form goes on to the subsystem.
#[cfg(feature = "ssr")]
pub fn allow_form_targets(form_targets: &[String]) {
    let reload = leptos::prelude::use_context::<Reload>().and_then(|r| r.0);
    set(reload, form_targets);
}

#[cfg(feature = "ssr")]
fn set(reload: Option<u32>, form_targets: &[String]) {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(response)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&content_security_policy(&nonce.to_string(), reload, form_targets)) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::content_security_policy;

    #[test]
    fn scripts_need_the_nonce_and_the_reload_socket_only_when_watching() {
        let csp = content_security_policy("abc", None, &[]);
        assert!(csp.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'"));
        assert!(!csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"));
        assert!(csp.contains("connect-src 'self';"));
        assert!(content_security_policy("abc", Some(3001), &[]).contains("ws://127.0.0.1:3001"));
        assert!(csp.contains("form-action 'self';"));
    }

    #[test]
    fn a_form_may_reach_the_origins_given_and_nothing_else_slips_in() {
        let targets = ["https://ismg.example.gov.tw".to_string(), "https://x.example; script-src *".to_string()];
        let csp = content_security_policy("abc", None, &targets);
        assert!(csp.contains("form-action 'self' https://ismg.example.gov.tw;"), "{csp}");
        assert!(!csp.contains("script-src *"), "{csp}");
    }
}
