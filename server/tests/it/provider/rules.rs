//! Each rule of the provider, tried the way an attacker or a broken subsystem would.

use axum::{body::Body, http::Request};

use super::{
    authorize_uri, challenge, code_for, exchange, location, param, Provider, OTHER_REDIRECT, REDIRECT, VERIFIER,
};
use crate::{
    client::Client,
    on_both_databases,
    support::{Reply, TestDb},
};

fn oauth_error(reply: &Reply) -> String {
    reply.json()["error"].as_str().unwrap_or_default().to_string()
}

/// Addresses that are not the registered one by a character are answered with a page, and
/// nothing goes to them.
async fn redirects_must_match_exactly(db: TestDb) {
    let p = Provider::start(&db).await;
    p.consent(p.teacher, "demo").await;
    let mut c = p.signed_in("teacher01").await;
    for bad in [
        "http://localhost:4100/callbacK",
        "http://localhost:4100/callback/",
        "http://localhost:4100/callback?x=1",
        "http://localhost:4100/callback#f",
        "http://localhost:4101/callback",
        "",
    ] {
        let reply = c.get(&authorize_uri("demo", &[("redirect_uri", bad)])).await;
        assert_eq!(location(&reply), "/oidc/refused?reason=redirect&client=demo", "{bad}");
    }
    let reply = c.get(&authorize_uri("nosuch", &[])).await;
    assert_eq!(location(&reply), "/oidc/refused?reason=unknown&client=nosuch");
    // The built-in asset inventory signs no one in through the provider.
    let reply = c.get(&authorize_uri("assets", &[])).await;
    assert!(location(&reply).starts_with("/oidc/refused?reason=unknown"));
    // The good one gets a code, the state and the issuer back.
    let reply = c.get(&authorize_uri("demo", &[])).await;
    let to = location(&reply);
    assert!(to.starts_with(&format!("{REDIRECT}?code=")), "{to}");
    assert_eq!(param(&to, "state").as_deref(), Some("st-1"));
    assert_eq!(param(&to, "iss").as_deref(), Some(p.issuer.as_str()));
}
on_both_databases!(redirects_exact, redirects_must_match_exactly);

/// The request's own faults go back to the subsystem with their code, state and issuer.
async fn bad_requests_go_back_with_their_error(db: TestDb) {
    let p = Provider::start(&db).await;
    p.consent(p.teacher, "demo").await;
    let mut c = p.signed_in("teacher01").await;
    let plain = [("code_challenge", VERIFIER), ("code_challenge_method", "plain")];
    for (extra, error) in [
        (&plain[..], "invalid_request"),
        (&[("code_challenge", ""), ("code_challenge_method", "")][..], "invalid_request"),
        (&[("code_challenge_method", "")][..], "invalid_request"),
        (&[("response_type", "token")][..], "unsupported_response_type"),
        (&[("response_type", "code id_token")][..], "unsupported_response_type"),
        (&[("scope", "profile")][..], "invalid_scope"),
        (&[("prompt", "none login")][..], "invalid_request"),
        (&[("max_age", "soon")][..], "invalid_request"),
        (&[("request", "eyJ")][..], "request_not_supported"),
    ] {
        let to = location(&c.get(&authorize_uri("demo", extra)).await);
        assert!(to.starts_with(REDIRECT), "{extra:?}: {to}");
        assert_eq!(param(&to, "error").as_deref(), Some(error), "{extra:?}: {to}");
        assert_eq!(param(&to, "state").as_deref(), Some("st-1"));
        assert_eq!(param(&to, "iss").as_deref(), Some(p.issuer.as_str()));
        assert!(param(&to, "code").is_none());
    }
}
on_both_databases!(bad_requests, bad_requests_go_back_with_their_error);

/// Without a session: `prompt=none` says so, otherwise the browser signs in and comes back;
/// `prompt=login` and an exceeded `max_age` ask for a fresh sign-in too.
async fn sessions_prompts_and_consent(db: TestDb) {
    let p = Provider::start(&db).await;
    let mut guest = Client::new(&p.app);
    let to = location(&guest.get(&authorize_uri("demo", &[("prompt", "none")])).await);
    assert_eq!(param(&to, "error").as_deref(), Some("login_required"), "{to}");
    let reply = guest.get(&authorize_uri("demo", &[])).await;
    assert_eq!(location(&reply), "/sign-in");
    let resume = reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("gatehouse_resume="));
    assert!(resume.is_some_and(|v| v.contains("client_id=demo")), "{:?}", reply.headers);
    // The sign-in page names the subsystem that waits (from that cookie), and a refusal the
    // one it names; anything not registered is named nowhere.
    let cookie = resume.and_then(|v| v.split(';').next()).unwrap_or_default().to_string();
    let asking = |query: &'static str, cookie: String| {
        let request = Request::get(format!("/api/fn/asking_subsystem{query}")).header("cookie", cookie);
        p.send(request, Body::empty())
    };
    assert_eq!(asking("", cookie.clone()).await.json(), serde_json::json!(["demo", "demo 系統"]));
    assert_eq!(asking("", String::new()).await.json(), serde_json::Value::Null);
    assert_eq!(asking("?client=other", String::new()).await.json(), serde_json::json!(["other", "other 系統"]));
    assert_eq!(asking("?client=nosuch", cookie.clone()).await.json(), serde_json::Value::Null);
    assert_eq!(asking("?client=assets", String::new()).await.json(), serde_json::Value::Null, "built in");

    let mut c = p.signed_in("teacher01").await;
    // Signed in, but no consent yet: the consent page, or consent_required without a prompt.
    let reply = c.get(&authorize_uri("demo", &[])).await;
    assert!(location(&reply).starts_with("/oidc/consent?client_id=demo"), "{}", location(&reply));
    let to = location(&c.get(&authorize_uri("demo", &[("prompt", "none")])).await);
    assert_eq!(param(&to, "error").as_deref(), Some("consent_required"));
    // 同意授權 is a plain form posted to /oidc/agree, from this site only.
    let cookie = c.cookie.clone().unwrap_or_default();
    let agree = |site: &'static str| {
        let request = app::url::encode_component("client_id=demo&prompt=consent&state=st-1");
        let post = Request::post("/oidc/agree")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", site)
            .header("cookie", cookie.clone());
        p.send(post, Body::from(format!("client_id=demo&request={request}")))
    };
    let forged = agree("cross-site").await;
    assert_eq!(forged.status, 403, "a consent forged from another site is refused");
    let to = location(&c.get(&authorize_uri("demo", &[("prompt", "none")])).await);
    assert_eq!(param(&to, "error").as_deref(), Some("consent_required"), "the forged consent changed nothing");
    // 不同意 on the page: the subsystem is told, with its state and the issuer.
    let to = location(&c.get(&authorize_uri("demo", &[("declined", "1")])).await);
    assert_eq!(param(&to, "error").as_deref(), Some("access_denied"), "{to}");
    assert_eq!(param(&to, "state").as_deref(), Some("st-1"));
    // Agreed from this site: the request is asked again, its answered prompt dropped.
    let agreed = agree("same-origin").await;
    assert_eq!((agreed.status, location(&agreed)), (303, "/oidc/authorize?client_id=demo&state=st-1".to_string()));
    let to = location(&c.get(&authorize_uri("demo", &[("prompt", "none")])).await);
    assert!(param(&to, "code").is_some(), "{to}");
    // prompt=login and max_age=0 send even a signed-in browser to sign in again.
    assert_eq!(location(&c.get(&authorize_uri("demo", &[("prompt", "login")])).await), "/sign-in");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(location(&c.get(&authorize_uri("demo", &[("max_age", "0")])).await), "/sign-in");
    // A page that asks to be framed is refused that (clickjacking).
    let page = c.get("/oidc/consent?client_id=demo").await;
    assert_eq!(page.headers.get("x-frame-options").and_then(|v| v.to_str().ok()), Some("DENY"));
    // Its form may end up at the subsystem (through the provider's redirects), nowhere else.
    let policy = page.headers.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(policy.contains("form-action 'self' http://localhost:4100;"), "{policy}");
    let home = c.get("/").await;
    let policy = home.headers.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(policy.contains("form-action 'self';"), "{policy}");
}
on_both_databases!(sessions_and_consent, sessions_prompts_and_consent);

/// Who gets in: the grant's holders, of an active account in an enabled organization, of a
/// subsystem that is turned on.
async fn only_holders_get_in(db: TestDb) {
    let mut p = Provider::start(&db).await;
    p.register("nogrant", app::provider::ClientKind::Confidential, REDIRECT).await;
    let mut c = p.signed_in("teacher01").await;
    let reply = c.get(&authorize_uri("nogrant", &[])).await;
    assert_eq!(location(&reply), "/oidc/refused?reason=no_grant&client=nogrant");
    let reply = c.get(&authorize_uri("nogrant", &[("prompt", "none")])).await;
    assert_eq!(
        location(&reply),
        "/oidc/refused?reason=no_grant&client=nogrant",
        "never back with an error it cannot explain"
    );

    // A subsystem turned off: no sign-in, and its secret is refused at once.
    p.consent(p.teacher, "demo").await;
    let code = code_for(&mut c, "demo").await;
    p.state
        .write(&Default::default(), |work| app::flows::provider::registry::set_active(work, None, "demo", false))
        .await
        .expect("turned off");
    assert_eq!(location(&c.get(&authorize_uri("demo", &[])).await), "/oidc/refused?reason=off&client=demo");
    let reply = exchange(&p, "demo", &code).await;
    assert_eq!((reply.status, oauth_error(&reply)), (401, "invalid_client".to_string()));
}
on_both_databases!(holders_only, only_holders_get_in);

/// A code works once, for its client, redirect URI and verifier, for 60 seconds; used twice,
/// what it gave is revoked.
async fn codes_work_once(db: TestDb) {
    let p = Provider::start(&db).await;
    p.consent(p.teacher, "demo").await;
    let mut c = p.signed_in("teacher01").await;

    let code = code_for(&mut c, "demo").await;
    let first = exchange(&p, "demo", &code).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let access = first.json()["access_token"].as_str().expect("access token").to_string();
    assert_eq!(p.userinfo(&access).await.status, 200);
    let again = exchange(&p, "demo", &code).await;
    assert_eq!((again.status, oauth_error(&again)), (400, "invalid_grant".to_string()));
    assert_eq!(p.userinfo(&access).await.status, 401, "a code used twice revokes what it issued");

    let tries: [(&str, Vec<(&str, &str)>); 5] = [
        ("other", vec![("redirect_uri", REDIRECT), ("code_verifier", VERIFIER)]),
        ("demo", vec![("redirect_uri", OTHER_REDIRECT), ("code_verifier", VERIFIER)]),
        ("demo", vec![("redirect_uri", REDIRECT), ("code_verifier", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXX")]),
        ("demo", vec![("redirect_uri", REDIRECT)]),
        // plain PKCE: the challenge itself as the verifier.
        ("demo", vec![("redirect_uri", REDIRECT), ("code_verifier", "")]),
    ];
    for (client, extra) in tries {
        let code = code_for(&mut c, "demo").await;
        let plain = challenge(VERIFIER);
        let mut form = vec![("grant_type", "authorization_code"), ("code", code.as_str())];
        form.extend(
            extra.iter().map(|(k, v)| (*k, if *k == "code_verifier" && v.is_empty() { plain.as_str() } else { *v })),
        );
        let reply = p.token(client, &form).await;
        assert_eq!(oauth_error(&reply), "invalid_grant", "{client} {extra:?}: {}", reply.body);
        // Spent: even the right request now fails.
        assert_eq!(oauth_error(&exchange(&p, "demo", &code).await), "invalid_grant");
    }
    // A body that is not a form is answered in the protocol's words.
    let json = p
        .send(
            Request::post("/oidc/token").header("content-type", "application/json"),
            Body::from(r#"{"grant_type":"authorization_code"}"#),
        )
        .await;
    assert_eq!((json.status, oauth_error(&json)), (400, "invalid_request".to_string()), "{}", json.body);
    // A wrong secret, and none.
    let code = code_for(&mut c, "demo").await;
    let reply = p.token_as("demo", "not-the-secret", &[("grant_type", "authorization_code"), ("code", &code)]).await;
    assert_eq!((reply.status, oauth_error(&reply)), (401, "invalid_client".to_string()));
    // An expired code.
    let hash = app::flows::session::token_hash(&code);
    p.state
        .read(move |conn| {
            use app::db::schema::oidc_codes as k;
            use diesel::prelude::*;
            diesel::update(k::table.find(hash)).set(k::expires_at.eq(app::db::now() - 1)).execute(conn)?;
            Ok(())
        })
        .await
        .expect("aged");
    assert_eq!(oauth_error(&exchange(&p, "demo", &code).await), "invalid_grant");
}
on_both_databases!(codes_once, codes_work_once);

/// Refresh tokens rotate; a used one revokes the family, also when two uses race, and each
/// request of the race gets an answer that says what happened.
async fn refresh_reuse_revokes_the_family(db: TestDb) {
    let p = Provider::start(&db).await;
    p.consent(p.teacher, "demo").await;
    let mut c = p.signed_in("teacher01").await;
    let first = exchange(&p, "demo", &code_for(&mut c, "demo").await).await.json();
    let refresh = first["refresh_token"].as_str().expect("refresh").to_string();
    let form = [("grant_type", "refresh_token"), ("refresh_token", refresh.as_str())];
    let (a, b) = tokio::join!(p.token("demo", &form), p.token("demo", &form));
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [200, 400], "{} / {}", a.body, b.body);
    let (winner, loser) = if a.status == 200 { (a, b) } else { (b, a) };
    assert_eq!(oauth_error(&loser), "invalid_grant");
    let next = winner.json()["refresh_token"].as_str().expect("rotated").to_string();
    assert_ne!(next, refresh);
    let after = p.token("demo", &[("grant_type", "refresh_token"), ("refresh_token", &next)]).await;
    assert_eq!(oauth_error(&after), "invalid_grant", "the reuse revoked the whole family");
    let access = winner.json()["access_token"].as_str().expect("access").to_string();
    assert_eq!(p.userinfo(&access).await.status, 401);
}
on_both_databases!(refresh_reuse, refresh_reuse_revokes_the_family);

/// A subsystem's token is nothing to another subsystem; a locked or turned-off account's
/// tokens stop working even while its session lives.
async fn tokens_stay_with_their_subsystem_and_account(db: TestDb) {
    let p = Provider::start(&db).await;
    let (_browser, access, refresh) = p.teacher_in_demo().await;
    let seen = p.form("/oidc/introspect", "other", &[("token", &access)]).await;
    assert_eq!(seen.json()["active"], false, "another subsystem learns nothing");
    assert_eq!(p.form("/oidc/introspect", "demo", &[("token", &access)]).await.json()["active"], true);
    p.form("/oidc/revoke", "other", &[("token", &refresh)]).await;
    let used = p.token("other", &[("grant_type", "refresh_token"), ("refresh_token", &refresh)]).await;
    assert_eq!(oauth_error(&used), "invalid_grant");
    let still = p.token("demo", &[("grant_type", "refresh_token"), ("refresh_token", &refresh)]).await;
    assert_eq!(still.status, 200, "another subsystem could not revoke it: {}", still.body);
    let refresh = still.json()["refresh_token"].as_str().expect("refresh").to_string();
    let access = still.json()["access_token"].as_str().expect("access").to_string();

    // The account is turned off while its session lives.
    let teacher = p.teacher;
    p.state
        .read(move |conn| {
            use app::db::schema::users as u;
            use diesel::prelude::*;
            diesel::update(u::table.find(teacher)).set(u::status.eq("disabled")).execute(conn)?;
            Ok(())
        })
        .await
        .expect("disabled");
    assert_eq!(p.userinfo(&access).await.status, 401);
    let refused = p.token("demo", &[("grant_type", "refresh_token"), ("refresh_token", &refresh)]).await;
    assert_eq!(oauth_error(&refused), "invalid_grant");
}
on_both_databases!(tokens_stay, tokens_stay_with_their_subsystem_and_account);

/// Keys rotate while tokens are live: the retired key stays published, the next one signs.
async fn keys_rotate_under_live_tokens(db: TestDb) {
    let p = Provider::start(&db).await;
    p.consent(p.teacher, "demo").await;
    let mut c = p.signed_in("teacher01").await;
    let before = exchange(&p, "demo", &code_for(&mut c, "demo").await).await.json();
    let kid = |token: &serde_json::Value| -> String {
        use base64::Engine;
        let header = token["id_token"].as_str().expect("id token").split('.').next().expect("header").to_string();
        let json = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(header).expect("base64");
        serde_json::from_slice::<serde_json::Value>(&json).expect("json")["kid"].as_str().expect("kid").to_string()
    };
    let old = kid(&before);
    let jwks = |r: Reply| -> Vec<String> {
        r.json()["keys"]
            .as_array()
            .expect("keys")
            .iter()
            .map(|k| k["kid"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let published = jwks(crate::support::get(&p.app, "/oidc/jwks", &[]).await);
    assert_eq!(published.len(), 4, "current and next, for RS256 and ES256: {published:?}");
    p.state
        .write(&Default::default(), |work| app::flows::provider::registry::rotate_keys(work, None))
        .await
        .expect("rotated");
    let after = exchange(&p, "demo", &code_for(&mut c, "demo").await).await.json();
    let new = kid(&after);
    assert_ne!(old, new, "the next key signs after the rotation");
    assert!(published.contains(&new), "the key that signs now was published before it signed");
    let published = jwks(crate::support::get(&p.app, "/oidc/jwks", &[]).await);
    assert!(published.contains(&old), "the retired key stays published while its tokens live");
    assert!(published.contains(&new));
    assert_eq!(published.len(), 6);
}
on_both_databases!(keys_rotate, keys_rotate_under_live_tokens);

/// A locked account with a live session: no new sign-in to a subsystem, no refresh, no
/// userinfo while the lock lasts; nothing is ended (a lock is usually someone else's guesses),
/// so the same refresh token works once it is over.
async fn a_lock_stops_subsystem_sign_ins_while_it_lasts(db: TestDb) {
    let p = Provider::start(&db).await;
    let (mut c, access, refresh) = p.teacher_in_demo().await;
    let code = code_for(&mut c, "demo").await;
    // Three wrong passwords from elsewhere lock the account; this browser stays signed in.
    for _ in 0..3 {
        let mut other = Client::new(&p.app);
        assert_eq!(other.sign_in("teacher01", "wrong-password-1!A").await.status, 400);
    }
    assert_ne!(c.viewer().await, serde_json::Value::Null, "the lock ends no session");
    let refused = c.get(&authorize_uri("demo", &[])).await;
    assert_eq!(location(&refused), "/oidc/refused?reason=locked&client=demo");
    assert_eq!(oauth_error(&exchange(&p, "demo", &code).await), "invalid_grant", "a code issued before the lock");
    let form = [("grant_type", "refresh_token"), ("refresh_token", refresh.as_str())];
    assert_eq!(oauth_error(&p.token("demo", &form).await), "invalid_grant");
    assert_eq!(p.userinfo(&access).await.status, 401);
    // The lock is lifted (as an administrator's unlock does): the same refresh token works.
    p.state.read(|conn| Ok(app::db::failures::clear(conn, "teacher01")?)).await.expect("unlocked");
    let again = p.token("demo", &form).await;
    assert_eq!(again.status, 200, "nothing was spent or revoked by the lock: {}", again.body);
}
on_both_databases!(locked_account, a_lock_stops_subsystem_sign_ins_while_it_lasts);

/// A single-page subsystem calls the token endpoint from its own origin: allowed (CORS) for
/// the origins of public subsystems' redirect URIs only, without credentials.
async fn only_public_subsystems_origins_may_call_from_a_browser(db: TestDb) {
    let p = Provider::start(&db).await;
    let preflight = |origin: &'static str| {
        Request::builder()
            .method("OPTIONS")
            .uri("/oidc/token")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
    };
    let allowed = p.send(preflight("http://localhost:4100"), Body::empty()).await;
    assert_eq!(allowed.status, 204);
    assert_eq!(
        allowed.headers.get("access-control-allow-origin").and_then(|v| v.to_str().ok()),
        Some("http://localhost:4100")
    );
    assert!(allowed.headers.get("access-control-allow-credentials").is_none());
    // A confidential subsystem's origin (it calls from its server) and a stranger's.
    for origin in ["http://localhost:4200", "https://evil.example"] {
        let refused = p.send(preflight(origin), Body::empty()).await;
        assert!(refused.headers.get("access-control-allow-origin").is_none(), "{origin}");
    }
    // The answer itself carries the header for the allowed origin: here a refusal.
    let answer = p
        .send(
            Request::post("/oidc/token")
                .header("origin", "http://localhost:4100")
                .header("content-type", "application/x-www-form-urlencoded"),
            Body::from("grant_type=authorization_code&code=x&client_id=spa"),
        )
        .await;
    assert_eq!(oauth_error(&answer), "invalid_grant");
    assert_eq!(
        answer.headers.get("access-control-allow-origin").and_then(|v| v.to_str().ok()),
        Some("http://localhost:4100")
    );
}
on_both_databases!(cors, only_public_subsystems_origins_may_call_from_a_browser);
