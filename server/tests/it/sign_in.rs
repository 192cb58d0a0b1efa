//! Sign-in, lockout, TOTP, sessions, cookies and cross-site protection, each tried the way an
//! attacker would.

use app::{accounts::Role, auth::AuthSettings, password::PasswordPolicy};

use crate::{
    client::{create_user, error_of, router, settings, totp_now, Client, SECRET},
    on_both_databases,
    support::{load_demo, TestDb},
};

const PASSWORD: &str = "Tz9!mQ2#vbLp";

async fn ready(db: &TestDb) {
    load_demo(db).await;
}

async fn lockout_refuses_even_the_right_password(db: TestDb) {
    ready(&db).await;
    create_user(&db, "010300_teacher", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    for n in 1..=3 {
        let reply = c.sign_in("010300_teacher", "wrong password").await;
        assert_eq!(reply.status, 400);
        let (_, text) = error_of(&reply);
        assert!(text.contains(&format!("目前【{n}】")), "{text}");
        assert!(c.cookie.is_none(), "no session for a failed sign-in");
    }
    let reply = c.sign_in("010300_teacher", PASSWORD).await;
    assert_eq!(reply.status, 400, "locked: the right password is refused");
    let (_, text) = error_of(&reply);
    // Refused unchecked, and counted like any attempt: its count is its own.
    assert!(text.contains("目前【4】") && text.contains("鎖定"), "{text}");
    assert!(c.cookie.is_none());
    // Usernames are case-insensitive: the lock holds for any spelling.
    assert_eq!(c.sign_in("010300_TEACHER", PASSWORD).await.status, 400);
}
on_both_databases!(lockout, lockout_refuses_even_the_right_password);

async fn unknown_and_known_usernames_answer_alike(db: TestDb) {
    ready(&db).await;
    create_user(&db, "known_user", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    for n in 1..=4 {
        let known = c.sign_in("known_user", "nope").await;
        let unknown = c.sign_in("nobody_here", "nope").await;
        assert_eq!(known.status, unknown.status);
        assert_eq!(known.body, unknown.body, "attempt {n}: the answer must not tell which exists");
    }
}
on_both_databases!(same_answer, unknown_and_known_usernames_answer_alike);

async fn parallel_wrong_passwords_all_count(db: TestDb) {
    ready(&db).await;
    create_user(&db, "target", Role::User, PASSWORD, Some(SECRET)).await;
    // A high threshold, so that every one of the 20 reaches the counter.
    let app = router(&db, AuthSettings { max_failures: 50, ..settings() });
    let mut captchas = Vec::new();
    for _ in 0..20 {
        captchas.push(Client::new(&app).captcha().await);
    }
    let tasks: Vec<_> = captchas
        .into_iter()
        .map(|captcha| {
            let mut c = Client::new(&app);
            tokio::spawn(async move {
                c.post("sign_in", &[("username", "target"), ("password", "wrong"), ("captcha", &captcha)]).await
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.expect("join").status, 400);
    }
    let count =
        db.pool.run(|conn| Ok(app::db::failures::get(conn, "target")?.map(|f| f.failures))).await.expect("query");
    assert_eq!(count, Some(20), "every parallel failure counted");

    // With the seed's threshold, a parallel burst locks the account and nothing gets in.
    let app = router(&db, settings());
    db.pool.run(|conn| Ok(app::db::failures::clear(conn, "target")?)).await.expect("clear");
    let mut tasks = Vec::new();
    for i in 0..20 {
        let mut c = Client::new(&app);
        let captcha = c.captcha().await;
        let password = if i == 19 { PASSWORD } else { "wrong" };
        tasks.push(tokio::spawn(async move {
            c.post("sign_in", &[("username", "target"), ("password", password), ("captcha", &captcha)]).await
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("join").status);
    }
    let mut c = Client::new(&app);
    assert_eq!(c.sign_in("target", PASSWORD).await.status, 400, "locked after the burst: {statuses:?}");
}
on_both_databases!(parallel_failures, parallel_wrong_passwords_all_count);

async fn a_totp_code_passes_once(db: TestDb) {
    ready(&db).await;
    create_user(&db, "totp_user", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, AuthSettings { max_failures: 10, ..settings() });

    // Sent twice at once from two half-signed-in sessions: exactly one passes.
    let mut a = Client::new(&app);
    let mut b = Client::new(&app);
    assert_eq!(a.sign_in("totp_user", PASSWORD).await.body, "\"EnterCode\"");
    assert_eq!(b.sign_in("totp_user", PASSWORD).await.body, "\"EnterCode\"");
    let code = totp_now(SECRET, 0);
    let (ra, rb) = tokio::join!(
        {
            let mut a = a.clone();
            let code = code.clone();
            async move { (a.verify(&code).await, a) }
        },
        {
            let mut b = b.clone();
            let code = code.clone();
            async move { (b.verify(&code).await, b) }
        }
    );
    let passed = [ra.0.status, rb.0.status].iter().filter(|s| **s == 200).count();
    assert_eq!(passed, 1, "one code, one sign-in: {} / {}", ra.0.body, rb.0.body);
    // Whether the refused one counted before or after the other's sign-in cleared the count
    // depends on their order; start the rest from a clean count.
    db.pool.run(|conn| Ok(app::db::failures::clear(conn, "totp_user")?)).await.expect("clear");

    // Used again, later, by a new sign-in: refused, and it counts as a failure.
    let mut c = Client::new(&app);
    c.sign_in("totp_user", PASSWORD).await;
    let reply = c.verify(&code).await;
    assert_eq!(reply.status, 400);
    assert!(error_of(&reply).1.contains("目前【1】"), "{}", reply.body);

    // A code two steps old is refused.
    let reply = c.verify(&totp_now(SECRET, -2)).await;
    assert_eq!(reply.status, 400);
    // A malformed code is said at the field and changes nothing.
    let reply = c.verify("12ab").await;
    assert_eq!(
        error_of(&reply).0,
        app::error::AppError::invalid("code", app::i18n::LocalText::new(app::i18n::Msg::CodeDigits).arg("digits", 6))
    );
    // The next step's code is fine (one step of clock skew).
    assert_eq!(c.verify(&totp_now(SECRET, 1)).await.status, 200);
    assert_eq!(c.viewer().await["stage"], "Full");
}
on_both_databases!(totp_once, a_totp_code_passes_once);

/// The page checks a new password against the policy the server will apply: the viewer
/// carries the server's, also when the installation uses the NIST profile for everyone.
async fn the_viewer_carries_the_servers_password_policy(db: TestDb) {
    ready(&db).await;
    create_user(&db, "010300_policy", Role::User, PASSWORD, Some(SECRET)).await;
    for (nist, expected) in [(false, PasswordPolicy::school()), (true, PasswordPolicy::nist())] {
        let app = router(&db, AuthSettings { nist_passwords: nist, ..settings() });
        let mut c = Client::new(&app);
        c.sign_in("010300_policy", PASSWORD).await;
        assert_eq!(c.verify(&totp_now(SECRET, if nist { 1 } else { 0 })).await.status, 200);
        let viewer = c.viewer().await;
        assert_eq!(viewer["password_policy"], serde_json::to_value(&expected).expect("json"), "nist: {nist}");
        assert_eq!(viewer["actor"]["role"], "User");
    }
}
on_both_databases!(viewer_policy, the_viewer_carries_the_servers_password_policy);

async fn binding_is_forced_and_its_code_cannot_sign_in(db: TestDb) {
    ready(&db).await;
    create_user(&db, "new_user", Role::User, PASSWORD, None).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    assert_eq!(c.sign_in("new_user", PASSWORD).await.body, "\"BindFactor\"");
    assert_eq!(c.viewer().await["stage"], "NeedsBinding");
    // Nothing else is open until a factor is bound.
    assert_eq!(c.get("/api/fn/my_activity").await.status, 401);
    assert_eq!(c.post("sign_out_others", &[]).await.status, 401);

    let offer: serde_json::Value = c.post("offer_totp", &[]).await.json();
    let uri = offer["uri"].as_str().expect("uri");
    assert!(uri.starts_with("otpauth://totp/Gatehouse:new_user?secret="), "{uri}");
    assert!(uri.contains("&issuer=Gatehouse") && uri.contains("algorithm=SHA1&digits=6&period=30"));
    assert!(offer["qr"].as_str().is_some_and(|q| q.starts_with("data:image/svg+xml;base64,")));
    let secret = uri.split("secret=").nth(1).and_then(|s| s.split('&').next()).expect("secret").to_string();

    // A new page view replaces the secret: the first one no longer binds.
    let second: serde_json::Value = c.post("offer_totp", &[]).await.json();
    assert_ne!(second["uri"], offer["uri"]);
    let stale = c.post("confirm_totp", &[("code", &totp_now(&secret, 0))]).await;
    assert_eq!(stale.status, 400);
    let secret = second["uri"]
        .as_str()
        .and_then(|u| u.split("secret=").nth(1))
        .and_then(|s| s.split('&').next())
        .expect("secret")
        .to_string();

    let before = c.cookie.clone();
    let code = totp_now(&secret, 0);
    let reply = c.post("confirm_totp", &[("code", &code)]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_ne!(c.cookie, before, "binding completes the sign-in with a new session id");
    assert_eq!(c.viewer().await["stage"], "Full");

    // The enrollment code cannot be used to sign in.
    let mut d = Client::new(&app);
    assert_eq!(d.sign_in("new_user", PASSWORD).await.body, "\"EnterCode\"");
    assert_eq!(d.verify(&code).await.status, 400);
    // And a half-signed-in session cannot replace the bound authenticator.
    assert_eq!(d.post("offer_totp", &[]).await.status, 401);
}
on_both_databases!(binding, binding_is_forced_and_its_code_cannot_sign_in);

async fn sessions_rotate_end_and_carry_safe_cookies(db: TestDb) {
    ready(&db).await;
    create_user(&db, "session_user", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    let reply = c.sign_in("session_user", PASSWORD).await;
    let cookie = reply.headers.get("set-cookie").and_then(|v| v.to_str().ok()).expect("cookie").to_string();
    assert!(cookie.starts_with("gatehouse_session="), "{cookie}");
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age="] {
        assert!(cookie.contains(flag), "{flag} missing: {cookie}");
    }
    let first = c.cookie.clone();
    c.verify(&totp_now(SECRET, 0)).await;
    assert_ne!(c.cookie, first, "a new session id after the second factor");
    // The pre-step-up id is dead.
    let mut old = Client::with_cookie(&app, first);
    assert!(old.viewer().await.is_null());

    // A second device, then "sign out my other sessions" from the first.
    let mut other = Client::new(&app);
    other.sign_in("session_user", PASSWORD).await;
    other.verify(&totp_now(SECRET, 1)).await;
    assert_eq!(other.viewer().await["stage"], "Full");
    let ended = c.post("sign_out_others", &[]).await;
    assert_eq!(ended.body, "1");
    assert!(other.viewer().await.is_null());
    assert_eq!(c.viewer().await["stage"], "Full");

    // Sign-out ends the session on the server: the old cookie, replayed, is nobody.
    let kept = c.cookie.clone();
    let out = c.post("sign_out", &[]).await;
    assert_eq!(out.status, 200);
    assert!(c.cookie.is_none(), "the cookie is cleared");
    let mut replay = Client::with_cookie(&app, kept);
    assert!(replay.viewer().await.is_null());

    // Behind HTTPS the cookie is Secure and host-only (__Host- prefix).
    let https = router(&db, AuthSettings { public_url: "https://gatehouse.gov.tw".into(), ..settings() });
    let mut s = Client::new(&https);
    let reply = s.sign_in("session_user", PASSWORD).await;
    let cookie = reply.headers.get("set-cookie").and_then(|v| v.to_str().ok()).expect("cookie");
    assert!(cookie.starts_with("__Host-gatehouse_session=") && cookie.contains("; Secure"), "{cookie}");
    assert_eq!(s.viewer().await["stage"], "NeedsCode");
    // Under HTTPS only the prefixed cookie counts: the same token under the plain name (as a
    // sibling subdomain or a plain-HTTP page could plant it) is nobody.
    let plain = s.cookie.clone().map(|c| c.replace("__Host-", ""));
    assert!(Client::with_cookie(&https, plain).viewer().await.is_null());
}
on_both_databases!(sessions, sessions_rotate_end_and_carry_safe_cookies);

async fn idle_sessions_end(db: TestDb) {
    ready(&db).await;
    create_user(&db, "idle_user", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    c.sign_in("idle_user", PASSWORD).await;
    c.verify(&totp_now(SECRET, 0)).await;
    // Age the session past the idle timeout.
    db.pool
        .run(|conn| {
            use app::db::schema::sessions::dsl::*;
            use diesel::prelude::*;
            diesel::update(sessions).set(last_seen_at.eq(app::db::now() - 31 * 60)).execute(conn)?;
            Ok(())
        })
        .await
        .expect("age");
    assert!(c.viewer().await.is_null(), "idle too long");
}
on_both_databases!(idle_timeout, idle_sessions_end);

async fn cross_site_posts_are_refused(db: TestDb) {
    ready(&db).await;
    create_user(&db, "csrf_user", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    c.sign_in("csrf_user", PASSWORD).await;
    c.verify(&totp_now(SECRET, 0)).await;
    for (name, value) in [("sec-fetch-site", "cross-site"), ("origin", "https://evil.example")] {
        let request = axum::http::Request::post("/api/fn/sign_out")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("host", "gatehouse.gov.tw")
            .header("cookie", c.cookie.clone().expect("cookie"))
            .header(name, value)
            .body(axum::body::Body::empty())
            .expect("request");
        let res = tower::ServiceExt::oneshot(app.clone(), request).await.expect("response");
        assert_eq!(res.status(), 403, "{name}: {value}");
    }
    assert_eq!(c.viewer().await["stage"], "Full", "the forged sign-out changed nothing");
}
on_both_databases!(csrf, cross_site_posts_are_refused);

async fn captcha_answers_are_single_use_and_checked(db: TestDb) {
    ready(&db).await;
    create_user(&db, "captcha_user", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    let captcha = c.captcha().await;
    let form = [("username", "captcha_user"), ("password", PASSWORD), ("captcha", captcha.as_str())];
    assert_eq!(c.post("sign_in", &form).await.status, 200);
    let replay = c.post("sign_in", &form).await;
    assert_eq!(error_of(&replay).0, app::error::AppError::invalid("captcha", app::i18n::Msg::CaptchaInvalid));
    // A forged signature, a missing answer, and work not done are all refused.
    let forged = captcha.replacen('.', ".9", 1);
    for bad in [forged.as_str(), "", "abc.4.99999999999.00:1"] {
        let reply = c.post("sign_in", &[("username", "captcha_user"), ("password", PASSWORD), ("captcha", bad)]).await;
        assert!(
            matches!(error_of(&reply).0, app::error::AppError::Invalid { ref field, .. } if field == "captcha"),
            "{bad}: {}",
            reply.body
        );
    }
    // None of that counted as a failed password.
    let failures = db.pool.run(|conn| Ok(app::db::failures::get(conn, "captcha_user")?)).await.expect("query");
    assert!(failures.is_none());
}
on_both_databases!(captcha, captcha_answers_are_single_use_and_checked);
