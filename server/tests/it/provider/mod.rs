//! Gatehouse as the subsystems' OpenID Connect provider (issue 28). `certified` drives it with
//! a certified relying party (openid-client, end2end/oidc/relying_party.mjs) over real HTTP;
//! `rules` tries to break each rule of the protocol with requests made by hand.

mod certified;
mod functions;
mod logout;
mod rules;

use std::net::SocketAddr;

use app::{
    accounts::Role,
    auth::{AuthSettings, RequestInfo},
    flows::provider::registry,
    provider::{ClientKind, Registration},
    state::AppState,
};
use axum::{body::Body, http::Request, Router};
use base64::Engine;
use sha2::{Digest, Sha256};
use tower::ServiceExt;

use crate::{
    client::{create_user, settings, totp_now, Client, SECRET},
    support::{answer, load_demo, Reply, TestDb},
};

pub const PASSWORD: &str = "Tz9!mQ2#vbLp";
pub const REDIRECT: &str = "http://localhost:4100/callback";
pub const OTHER_REDIRECT: &str = "http://localhost:4200/callback";
/// Every test subsystem's catalogue of functions.
pub const CATALOGUE: &str = "view | 查詢 | View\nreport | 填報 | Report";
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

pub fn challenge(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// A provider on a real port (openid-client speaks HTTP), and the same router in process.
pub struct Provider {
    pub app: Router,
    pub state: AppState,
    pub issuer: String,
    /// Client secrets by subsystem code.
    pub secrets: std::collections::HashMap<String, String>,
    pub teacher: i64,
}

impl Provider {
    pub async fn start(db: &TestDb) -> Provider {
        load_demo(db).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let port = listener.local_addr().expect("address").port();
        let issuer = format!("http://localhost:{port}");
        let settings = AuthSettings { public_url: issuer.clone(), ..settings() };
        let state = gatehouse::server::app_state_with(db.pool.clone(), true, settings);
        let app = gatehouse::router::router(state.clone());
        let served = app.clone().into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, served).await });
        let mut provider = Provider { app, state, issuer, secrets: Default::default(), teacher: 0 };
        for (code, kind, redirect) in [
            ("demo", ClientKind::Confidential, REDIRECT),
            ("other", ClientKind::Confidential, OTHER_REDIRECT),
            ("spa", ClientKind::Public, REDIRECT),
        ] {
            provider.register(code, kind, redirect).await;
        }
        provider.teacher = create_user(db, "teacher01", Role::User, PASSWORD, Some(SECRET)).await;
        for code in ["demo", "other", "spa"] {
            provider.grant(provider.teacher, code).await;
        }
        provider
    }

    pub async fn register(&mut self, code: &str, kind: ClientKind, redirect: &str) {
        let registration = Registration {
            code: code.into(),
            name_zh: format!("{code} 系統"),
            name_en: format!("{code} system"),
            kind,
            home_url: "http://localhost:4100/".into(),
            redirect_uris: redirect.into(),
            post_logout_redirect_uris: "http://localhost:4100/signed-out".into(),
            privacy_url: "http://localhost:4100/privacy".into(),
            fields: "username name email organization unit title main_account functions".into(),
            functions: CATALOGUE.into(),
            ..Default::default()
        };
        let secret = self
            .state
            .write(&RequestInfo::default(), move |work| registry::save(work, None, registration))
            .await
            .expect("registered");
        if let Some(secret) = secret {
            self.secrets.insert(code.into(), secret);
        }
    }

    pub async fn grant(&self, user: i64, code: &str) {
        let code = code.to_string();
        self.state
            .read(move |conn| Ok(app::db::portal::grant(conn, user, &code, None, app::db::now())?))
            .await
            .expect("granted");
    }

    pub async fn consent(&self, user: i64, code: &str) {
        let code = code.to_string();
        self.state
            .read(move |conn| {
                let fields = app::db::clients::find(conn, &code)?.expect("registered").fields;
                Ok(app::db::consents::give(conn, user, &code, &fields, app::db::now())?)
            })
            .await
            .expect("consent");
    }

    /// A browser signed in as `username` (password and TOTP).
    pub async fn signed_in(&self, username: &str) -> Client {
        let mut c = Client::new(&self.app);
        assert_eq!(c.sign_in(username, PASSWORD).await.status, 200);
        assert_eq!(c.verify(&totp_now(SECRET, 0)).await.status, 200);
        c
    }

    /// The teacher signed in here, agreed to demo and signed in there: the browser, and the
    /// access and refresh tokens demo holds.
    pub async fn teacher_in_demo(&self) -> (Client, String, String) {
        self.consent(self.teacher, "demo").await;
        let mut c = self.signed_in("teacher01").await;
        let tokens = exchange(self, "demo", &code_for(&mut c, "demo").await).await.json();
        let access = tokens["access_token"].as_str().expect("access").to_string();
        let refresh = tokens["refresh_token"].as_str().expect("refresh").to_string();
        (c, access, refresh)
    }

    /// A second sign-in of `username` a TOTP step later (a code is taken once).
    pub async fn signed_in_again(&self, username: &str) -> Client {
        let mut c = Client::new(&self.app);
        assert_eq!(c.sign_in(username, PASSWORD).await.status, 200);
        assert_eq!(c.verify(&totp_now(SECRET, 1)).await.status, 200);
        c
    }

    pub async fn send(&self, request: axum::http::request::Builder, body: Body) -> Reply {
        let request = request.body(body).expect("request");
        let what = format!("{} {}", request.method(), request.uri());
        answer(&what, self.app.clone().oneshot(request)).await
    }

    /// The token endpoint with `client_secret_basic` for `client` (its own secret).
    pub async fn token(&self, client: &str, form: &[(&str, &str)]) -> Reply {
        let secret = self.secrets.get(client).cloned().unwrap_or_default();
        self.token_as(client, &secret, form).await
    }

    pub async fn token_as(&self, client: &str, secret: &str, form: &[(&str, &str)]) -> Reply {
        let basic = base64::engine::general_purpose::STANDARD.encode(format!("{client}:{secret}"));
        let request = Request::post("/oidc/token")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("authorization", format!("Basic {basic}"));
        self.send(request, Body::from(app::url::query_string(form))).await
    }

    pub async fn form(&self, path: &str, client: &str, form: &[(&str, &str)]) -> Reply {
        let secret = self.secrets.get(client).cloned().unwrap_or_default();
        let basic = base64::engine::general_purpose::STANDARD.encode(format!("{client}:{secret}"));
        let request = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("authorization", format!("Basic {basic}"));
        self.send(request, Body::from(app::url::query_string(form))).await
    }

    pub async fn userinfo(&self, access: &str) -> Reply {
        self.send(Request::get("/oidc/userinfo").header("authorization", format!("Bearer {access}")), Body::empty())
            .await
    }
}

/// The authorization request of `client` with PKCE and `extra` parameters (which replace the
/// defaults of the same name; an empty value leaves a parameter out).
pub fn authorize_uri(client: &str, extra: &[(&str, &str)]) -> String {
    let challenge = challenge(VERIFIER);
    let mut params: Vec<(&str, &str)> = vec![
        ("client_id", client),
        ("redirect_uri", REDIRECT),
        ("response_type", "code"),
        ("scope", "openid profile"),
        ("state", "st-1"),
        ("nonce", "n-1"),
        ("code_challenge", &challenge),
        ("code_challenge_method", "S256"),
    ];
    for (k, v) in extra {
        params.retain(|(name, _)| name != k);
        if !v.is_empty() {
            params.push((k, v));
        }
    }
    format!("/oidc/authorize?{}", app::url::query_string(&params))
}

/// Where an answer sends the browser.
pub fn location(reply: &Reply) -> String {
    reply.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

/// A query parameter of an address.
pub fn param(uri: &str, name: &str) -> Option<String> {
    let query = uri.split_once('?')?.1;
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .and_then(|(_, v)| app::url::decode_form_component(v))
}

/// The token endpoint's answer to `client` for `code` (issued to `REDIRECT` with `VERIFIER`).
pub async fn exchange(p: &Provider, client: &str, code: &str) -> Reply {
    p.token(
        client,
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ],
    )
    .await
}

/// A code for `client` from a signed-in, consenting browser.
pub async fn code_for(c: &mut Client, client: &str) -> String {
    let reply = c.get(&authorize_uri(client, &[])).await;
    let to = location(&reply);
    assert!(to.starts_with(REDIRECT), "expected a redirect with a code, got {} {to}", reply.status);
    param(&to, "code").expect("a code")
}
