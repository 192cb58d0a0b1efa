//! Single sign-out: a logout token to each subsystem that takes one, for every way a
//! Gatehouse session or a subsystem's grant ends, delivered once even by two servers; and
//! the subsystem's own sign-out (RP-initiated logout) through the certified client.

use std::sync::{Arc, Mutex};

use axum::{extract::Form, routing::post, Router};
use base64::Engine;
use serde_json::Value;

use super::{code_for, exchange, Provider, PASSWORD, REDIRECT};
use crate::{client::Client, on_both_databases, support::TestDb};

/// A subsystem's back-channel logout endpoint: it keeps what it is sent.
async fn receiver() -> (String, Arc<Mutex<Vec<String>>>) {
    let got = Arc::new(Mutex::new(Vec::new()));
    let kept = got.clone();
    #[derive(serde::Deserialize)]
    struct Body {
        logout_token: String,
    }
    let app = Router::new().route(
        "/logout",
        post(move |Form(body): Form<Body>| {
            let kept = kept.clone();
            async move {
                kept.lock().expect("lock").push(body.logout_token);
                ""
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let port = listener.local_addr().expect("address").port();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://127.0.0.1:{port}/logout"), got)
}

fn part(token: &str, i: usize) -> Value {
    let text = token.split('.').nth(i).expect("a JWS part");
    serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text).expect("base64"))
        .expect("json")
}

/// A second session of the teacher, made as a sign-in would make it.
async fn another_session(p: &Provider, tag: &str) -> Client {
    let cookie = crate::client::session_cookie(&p.state.pool, p.teacher, &format!("{tag:0>32}"), "pwd otp mfa").await;
    Client::with_cookie(&p.app, Some(cookie))
}

/// The subsystem `code` (registered already) told of sign-outs at `uri`.
async fn with_back_channel(p: &Provider, code: &str, uri: String) {
    let registration = app::provider::Registration {
        code: code.into(),
        name_zh: "登出測試".into(),
        name_en: "Logout test".into(),
        home_url: "http://localhost:4100/".into(),
        redirect_uris: REDIRECT.into(),
        backchannel_logout_uri: uri,
        fields: "username name".into(),
        ..Default::default()
    };
    p.state
        .write(&Default::default(), move |work| app::flows::provider::registry::save(work, None, registration))
        .await
        .expect("changed");
}

async fn each_ending_sends_one_logout_token(db: TestDb) {
    let mut p = Provider::start(&db).await;
    let (uri, got) = receiver().await;
    p.register("bcl", app::provider::ClientKind::Confidential, REDIRECT).await;
    with_back_channel(&p, "bcl", uri).await;
    p.grant(p.teacher, "bcl").await;
    p.consent(p.teacher, "bcl").await;
    let teacher = p.teacher;

    // Each way a sign-in to the subsystem ends, with the session it came from.
    for tag in ["signout", "others", "expired", "password", "disabled", "orgoff", "revoked", "handover"] {
        let mut c = another_session(&p, tag).await;
        let tokens = exchange(&p, "bcl", &code_for(&mut c, "bcl").await).await;
        assert_eq!(tokens.status, 200, "{tag}: {}", tokens.body);
        let refresh = tokens.json()["refresh_token"].as_str().expect("refresh").to_string();
        let sid = format!("{tag:0>32}");
        match tag {
            "signout" => assert_eq!(c.post("sign_out", &[]).await.status, 200),
            "others" => {
                let mut other = another_session(&p, "keeper-of-others").await;
                assert_eq!(other.post("sign_out_others", &[]).await.status, 200);
            }
            "expired" => {
                let s = sid.clone();
                p.state
                    .read(move |conn| {
                        use app::db::schema::sessions as t;
                        use diesel::prelude::*;
                        diesel::update(t::table.filter(t::sid.eq(s))).set(t::expires_at.eq(0)).execute(conn)?;
                        Ok(())
                    })
                    .await
                    .expect("aged");
                gatehouse::housekeeping::sweep_once(&db.pool, crate::client::settings().sweep_rules())
                    .await
                    .expect("swept");
            }
            "password" => {
                let form = [("current", PASSWORD), ("password", "Nw8!kR3#qzXe"), ("confirm", "Nw8!kR3#qzXe")];
                // From another session: the change ends every session but its own.
                let mut changer = another_session(&p, "password-changer").await;
                let reply = changer.post("change_password", &form).await;
                assert_eq!(reply.status, 200, "{}", reply.body);
            }
            "disabled" => {
                p.state
                    .read(move |conn| Ok(app::db::sessions::delete_others(conn, teacher, None)?))
                    .await
                    .expect("ended");
            }
            "orgoff" => {
                let org = p.state.read(move |conn| Ok(app::db::users::find(conn, teacher)?.org_id)).await.expect("org");
                p.state.read(move |conn| Ok(app::db::sessions::delete_of_org(conn, org)?)).await.expect("ended");
            }
            "revoked" => {
                p.state.read(move |conn| Ok(app::db::portal::revoke(conn, teacher, "bcl")?)).await.expect("revoked");
                p.grant(teacher, "bcl").await;
            }
            "handover" => {
                p.state
                    .read(move |conn| Ok(app::db::oidc::end_grants(conn, teacher, None, app::db::now())?))
                    .await
                    .expect("ended");
            }
            _ => unreachable!(),
        }
        let refused = p.token("bcl", &[("grant_type", "refresh_token"), ("refresh_token", &refresh)]).await;
        assert_eq!(refused.status, 400, "{tag}: the refresh token ended with the sign-in: {}", refused.body);
        // Two servers deliver at once: the subsystem hears it once.
        let (a, b) = (
            gatehouse::delivery::ProviderWorker::new(p.state.services.clone()),
            gatehouse::delivery::ProviderWorker::new(p.state.services.clone()),
        );
        let (x, y) = tokio::join!(a.deliver_due(), b.deliver_due());
        let delivered = x.expect("delivered") + y.expect("delivered");
        assert!(delivered >= 1, "{tag}: nothing delivered");
        let tokens: Vec<String> = got.lock().expect("lock").drain(..).collect();
        let for_this: Vec<&String> = tokens.iter().filter(|t| part(t, 1)["sid"] == sid).collect();
        assert_eq!(for_this.len(), 1, "{tag}: one logout token for the session, got {}", tokens.len());
        let (header, claims) = (part(for_this[0], 0), part(for_this[0], 1));
        assert_eq!(header["typ"], "logout+jwt");
        assert_eq!(claims["aud"], "bcl");
        assert_eq!(claims["iss"], p.issuer);
        assert_eq!(claims["sub"], teacher.to_string());
        assert!(claims["events"]["http://schemas.openid.net/event/backchannel-logout"].is_object());
        assert!(claims.get("nonce").is_none());
    }
}
on_both_databases!(back_channel, each_ending_sends_one_logout_token);

/// The subsystem signs its user out through the certified client: the Gatehouse session
/// ends and the browser goes to the registered address with the state.
async fn a_subsystem_signs_its_user_out(db: TestDb) {
    let p = Provider::start(&db).await;
    p.consent(p.teacher, "demo").await;
    let mut c = p.signed_in("teacher01").await;
    let cookie = c.cookie.clone().expect("cookie");
    let (issuer, secret) = (p.issuer.clone(), p.secrets["demo"].clone());
    let out = tokio::task::spawn_blocking(move || {
        super::certified::relying_party(&[
            ("RP_ISSUER", &issuer),
            ("RP_CLIENT_ID", "demo"),
            ("RP_CLIENT_SECRET", &secret),
            ("RP_REDIRECT_URI", REDIRECT),
            ("RP_COOKIE", &cookie),
            ("RP_MODE", "logout"),
            ("RP_POST_LOGOUT_URI", "http://localhost:4100/signed-out"),
        ])
    })
    .await
    .expect("ran");
    assert_eq!(out["ok"], true, "{out:#}");
    let location = out["location"].as_str().unwrap_or_default();
    assert!(location.starts_with("http://localhost:4100/signed-out?state="), "{out:#}");
    assert_eq!(c.viewer().await, Value::Null, "the Gatehouse session ended");
    // An address not registered for it is never used.
    let mut c = p.signed_in_again("teacher01").await;
    let reply = c.get("/oidc/logout?post_logout_redirect_uri=http%3A%2F%2Fevil.example%2F&id_token_hint=x").await;
    assert_eq!(super::location(&reply), "/");
    assert_ne!(c.viewer().await, Value::Null, "a hint that is not this provider's signs no one out");
}
on_both_databases!(rp_logout, a_subsystem_signs_its_user_out);

/// Signing in again in the same browser (a subsystem's `prompt=login` or `max_age`) keeps the
/// other subsystems signed in: the new session carries the old one's `sid`, their refresh
/// tokens keep working, and no logout token is sent. Another account signing in on that
/// browser ends them.
async fn signing_in_again_keeps_the_other_subsystems(db: TestDb) {
    let p = Provider::start(&db).await;
    let (uri, got) = receiver().await;
    with_back_channel(&p, "demo", uri).await;
    p.consent(p.teacher, "demo").await;
    let mut c = p.signed_in("teacher01").await;
    let tokens = exchange(&p, "demo", &code_for(&mut c, "demo").await).await;
    assert_eq!(tokens.status, 200, "{}", tokens.body);
    let sid = part(tokens.json()["id_token"].as_str().expect("an ID token"), 1)["sid"].clone();
    let mut refresh = tokens.json()["refresh_token"].as_str().expect("refresh").to_string();
    let worker = gatehouse::delivery::ProviderWorker::new(p.state.services.clone());

    // Another subsystem asks for a fresh sign-in: the same account signs in again here.
    let asked = c.get(&super::authorize_uri("spa", &[("prompt", "login")])).await;
    assert_eq!(super::location(&asked), "/sign-in");
    assert_eq!(c.sign_in("teacher01", PASSWORD).await.status, 200);
    let second = crate::client::totp_now(crate::client::SECRET, 1);
    assert_eq!(c.verify(&second).await.status, 200);
    let again = p.token("demo", &[("grant_type", "refresh_token"), ("refresh_token", &refresh)]).await;
    assert_eq!(again.status, 200, "still signed in to demo: {}", again.body);
    refresh = again.json()["refresh_token"].as_str().expect("refresh").to_string();
    worker.deliver_due().await.expect("delivered");
    assert!(got.lock().expect("lock").is_empty(), "no logout token for signing in again");
    let tokens = exchange(&p, "demo", &code_for(&mut c, "demo").await).await;
    assert_eq!(part(tokens.json()["id_token"].as_str().expect("an ID token"), 1)["sid"], sid, "the same sid");

    // Someone else signs in on this browser: the teacher's sign-ins end, and demo is told.
    crate::client::create_user(&db, "teacher02", app::accounts::Role::User, PASSWORD, Some(crate::client::SECRET))
        .await;
    assert_eq!(c.sign_in("teacher02", PASSWORD).await.status, 200);
    let ended = p.token("demo", &[("grant_type", "refresh_token"), ("refresh_token", &refresh)]).await;
    assert_eq!(ended.status, 400, "{}", ended.body);
    worker.deliver_due().await.expect("delivered");
    let sent: Vec<String> = got.lock().expect("lock").drain(..).collect();
    assert_eq!(sent.iter().filter(|t| part(t, 1)["sid"] == sid).count(), 1, "one logout token: {sent:?}");
}
on_both_databases!(signing_in_again, signing_in_again_keeps_the_other_subsystems);
