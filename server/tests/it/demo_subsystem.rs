//! The demo subsystem that `make run` serves (`gatehouse::demo_subsystem`): a relying party on
//! the `openidconnect` crate, registered as `make run` registers it, signing the demo teacher
//! in through a Gatehouse on a real port, then signed out by Gatehouse's back-channel logout
//! and by its own sign-out (RP-initiated logout). A browser is played with reqwest, redirect by
//! redirect, each site's cookies kept apart.

use std::{collections::HashMap, net::SocketAddr};

use app::{auth::AuthSettings, state::AppState};
use axum::Router;

use crate::{
    client::{settings, Client},
    on_both_databases,
    support::{load_demo, TestDb},
};

/// A browser: reqwest without redirects, with the demo subsystem's cookies (kept from its
/// answers) and a Gatehouse session cookie (made by the test).
struct Browser {
    http: reqwest::Client,
    demo: String,
    demo_cookies: HashMap<String, String>,
    gatehouse_cookie: String,
}

struct Answer {
    status: u16,
    location: String,
    body: String,
}

impl Browser {
    async fn get(&mut self, url: &str) -> Answer {
        let to_demo = url.starts_with(&self.demo);
        let cookie = if to_demo {
            self.demo_cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
        } else {
            self.gatehouse_cookie.clone()
        };
        let answer = self.http.get(url).header("cookie", cookie).send().await.unwrap_or_else(|e| panic!("{url}: {e}"));
        if to_demo {
            for set in answer.headers().get_all("set-cookie") {
                let set = set.to_str().expect("a cookie");
                let (name, value) = set.split(';').next().and_then(|kv| kv.split_once('=')).expect("name=value");
                if set.contains("Max-Age=0") {
                    self.demo_cookies.remove(name);
                } else {
                    self.demo_cookies.insert(name.into(), value.into());
                }
            }
        }
        let status = answer.status().as_u16();
        let location = answer.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        Answer { status, location, body: answer.text().await.expect("a body") }
    }

    /// From the demo's sign-in button to Gatehouse and back: where Gatehouse sent the browser.
    async fn sign_in(&mut self, issuer: &str) -> String {
        let login = self.get(&format!("{}/login", self.demo)).await;
        assert_eq!(login.status, 303, "{}", login.body);
        assert!(login.location.starts_with(&format!("{issuer}/oidc/authorize?")), "{}", login.location);
        assert!(login.location.contains("code_challenge_method=S256"), "{}", login.location);
        let authorized = self.get(&login.location).await;
        assert_eq!(authorized.status, 303, "{}", authorized.body);
        authorized.location
    }
}

/// A Gatehouse on a real port with the demo directory and accounts, as `make run` has them.
async fn gatehouse(db: &TestDb) -> (AppState, Router, String) {
    load_demo(db).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let issuer = format!("http://localhost:{}", listener.local_addr().expect("address").port());
    let settings = AuthSettings { public_url: issuer.clone(), ..settings() };
    gatehouse::demo::accounts(&db.pool, &settings).await.expect("demo accounts");
    let state = gatehouse::server::app_state_with(db.pool.clone(), true, settings);
    let app = gatehouse::router::router(state.clone());
    let served = app.clone().into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, served).await });
    (state, app, issuer)
}

/// A Gatehouse session of `username`, made as a sign-in would make it: its cookie.
async fn session_of(state: &AppState, username: &str, tag: &str) -> String {
    let username = username.to_string();
    let user = state
        .read(move |conn| Ok(app::db::users::find_by_key(conn, &username)?.expect("a demo account").id))
        .await
        .expect("a demo account");
    crate::client::session_cookie(&state.pool, user, &format!("{tag:0>32}"), "pwd otp mfa").await
}

async fn the_demo_subsystem_signs_in_and_is_signed_out(db: TestDb) {
    let (state, app, issuer) = gatehouse(&db).await;
    // The demo subsystem, registered and served as `make run` does.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let demo = format!("http://127.0.0.1:{}", listener.local_addr().expect("address").port());
    let client_secret =
        gatehouse::demo_subsystem::register::register(&state.services, &demo).await.expect("registered");
    // Registering again (the next start) updates it and rotates the secret.
    let client_secret_again =
        gatehouse::demo_subsystem::register::register(&state.services, &demo).await.expect("registered again");
    assert_ne!(client_secret, client_secret_again);
    let settings = gatehouse::demo_subsystem::Settings {
        issuer: issuer.clone(),
        client_id: "demo".into(),
        client_secret: client_secret_again,
        base_url: demo.clone(),
    };
    tokio::spawn(gatehouse::demo_subsystem::serve(listener, settings));
    // The teacher has agreed to share the fields already (the consent page is Gatehouse's).
    state
        .read(|conn| {
            let teacher = app::db::users::find_by_key(conn, "011601_teacher")?.expect("teacher").id;
            let fields = app::db::clients::find(conn, "demo")?.expect("registered").fields;
            Ok(app::db::consents::give(conn, teacher, "demo", &fields, app::db::now())?)
        })
        .await
        .expect("consent");

    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("a client");
    let gatehouse_cookie = session_of(&state, "011601_teacher", "demo-bcl").await;
    let mut browser = Browser {
        http: http.clone(),
        demo: demo.clone(),
        demo_cookies: HashMap::new(),
        gatehouse_cookie: gatehouse_cookie.clone(),
    };

    let home = browser.get(&format!("{demo}/")).await;
    assert!(home.body.contains("data-testid=\"demo-signed-out\">您尚未登入"), "{}", home.body);

    // Sign-in: Gatehouse answers with a code, its `iss` and our state.
    let back = browser.sign_in(&issuer).await;
    assert!(back.starts_with(&format!("{demo}/callback?code=")), "{back}");
    assert!(back.contains(&format!("iss={}", app::url::encode_component(&issuer))), "{back}");
    let callback = browser.get(&back).await;
    assert_eq!((callback.status, callback.location.as_str()), (303, "/"), "{}", callback.body);
    assert!(browser.demo_cookies.contains_key("demo_rp"));
    assert!(!browser.demo_cookies.contains_key("demo_rp_trip"), "the trip's cookie is dropped");
    let home = browser.get(&format!("{demo}/")).await;
    assert!(home.body.contains("您已透過 Gatehouse 登入"), "{}", home.body);
    assert!(home.body.contains("data-testid=\"demo-username\">011601_teacher<"), "{}", home.body);
    assert!(home.body.contains("data-testid=\"demo-claims\""), "{}", home.body);
    for shown in ["<th>sid</th>", "<th>nonce</th>", "王小明", "teacher@demo.edu.tw", "&quot;organization&quot;"] {
        assert!(home.body.contains(shown), "{shown}: {}", home.body);
    }
    // A code comes back once: the same callback again is refused with a page.
    let replayed = browser.get(&back).await;
    assert_eq!(replayed.status, 400, "{}", replayed.body);

    // Gatehouse's session ends: the demo is told by back-channel, and says so.
    let mut gatehouse_tab = Client::with_cookie(&app, Some(gatehouse_cookie));
    assert_eq!(gatehouse_tab.post("sign_out", &[]).await.status, 200);
    let delivered =
        gatehouse::delivery::ProviderWorker::new(state.services.clone()).deliver_due().await.expect("delivered");
    assert_eq!(delivered, 1, "one logout token, accepted");
    let home = browser.get(&format!("{demo}/")).await;
    assert!(home.body.contains("data-testid=\"demo-signed-out\">Gatehouse 已將您登出"), "{}", home.body);
    assert!(!home.body.contains("demo-username"), "{}", home.body);

    // A logout token that is not Gatehouse's is refused.
    for forged in ["nonsense", "eyJhbGciOiJub25lIn0.e30.", "eyJhbGciOiJSUzI1NiJ9.e30.AAAA"] {
        let answer = http
            .post(format!("{demo}/backchannel-logout"))
            .form(&[("logout_token", forged)])
            .send()
            .await
            .expect("an answer");
        assert_eq!(answer.status().as_u16(), 400, "{forged}");
    }

    // Signing out at the demo signs out of Gatehouse too, and comes back with our state.
    browser.gatehouse_cookie = session_of(&state, "011601_teacher", "demo-rp").await;
    let back = browser.sign_in(&issuer).await;
    assert_eq!(browser.get(&back).await.status, 303);
    let logout = browser.get(&format!("{demo}/logout")).await;
    assert_eq!(logout.status, 303, "{}", logout.body);
    assert!(logout.location.starts_with(&format!("{issuer}/oidc/logout?id_token_hint=")), "{}", logout.location);
    let returned = browser.get(&logout.location).await;
    assert!(returned.location.starts_with(&format!("{demo}/?state=")), "{}", returned.location);
    let home = browser.get(&returned.location).await;
    assert!(home.body.contains("您已登出本系統與 Gatehouse"), "{}", home.body);
    let mut gatehouse_tab = Client::with_cookie(&app, Some(browser.gatehouse_cookie.clone()));
    assert_eq!(gatehouse_tab.viewer().await, serde_json::Value::Null, "the Gatehouse session ended");

    // A teacher of the same school without the grant is refused by Gatehouse, not let in.
    browser.gatehouse_cookie = session_of(&state, "011601_lib01", "demo-lib").await;
    let refused = browser.sign_in(&issuer).await;
    assert!(refused.starts_with("/oidc/refused?reason=no_grant"), "{refused}");
}
on_both_databases!(demo_subsystem, the_demo_subsystem_signs_in_and_is_signed_out);
