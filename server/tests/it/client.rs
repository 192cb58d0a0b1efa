//! A browser-like client for the account flows: it keeps the session cookie, answers the
//! CAPTCHA (by doing the proof of work, at the tests' low difficulty) and speaks the server
//! functions' form encoding.

use app::{
    accounts::{CaptchaChallenge, Role},
    auth::AuthSettings,
    db::users::NewUser,
    error::AppError,
    i18n::Locale,
};
use axum::{body::Body, http::Request, Router};
use tower::ServiceExt;

use crate::support::{Reply, TestDb};

/// Settings for tests: a cheap CAPTCHA, the seed's lockout. Every test client comes from one
/// address, so the hashing queue's share per address is lifted (`lockout::hash_queue` tests
/// the real one).
pub fn settings() -> AuthSettings {
    AuthSettings {
        captcha_bits: 4,
        hash_limits: app::auth::HashLimits { total: 1024, per_client: 1024 },
        keys: test_keys(),
        ..AuthSettings::default()
    }
}

/// The secret key of every test server, so that secrets a test seals open in its server.
pub fn test_keys() -> app::auth::Keys {
    app::auth::Keys::from_bytes([7; 32])
}

pub fn router(db: &TestDb, settings: AuthSettings) -> Router {
    gatehouse::router::router(gatehouse::server::app_state_with(db.pool.clone(), true, settings))
}

#[derive(Clone)]
pub struct Client {
    pub app: Router,
    /// `name=value` of the session cookie, as the browser would hold it.
    pub cookie: Option<String>,
    /// `name=value` of the account application's cookie.
    pub apply_cookie: Option<String>,
    /// `name=value` of the state of a trip to the OpenID Connect provider.
    pub oidc_cookie: Option<String>,
    /// `name=value` of a subsystem's request waiting for a sign-in (or the terms) to finish.
    pub resume_cookie: Option<String>,
    /// Sent as `X-Forwarded-For`, for a client at another address behind a trusted proxy.
    pub forwarded_for: Option<String>,
}

impl Client {
    pub fn new(app: &Router) -> Client {
        Client::with_cookie(app, None)
    }

    /// A client with the session cookie `cookie` (a replayed or stolen one).
    pub fn with_cookie(app: &Router, cookie: Option<String>) -> Client {
        Client {
            app: app.clone(),
            cookie,
            apply_cookie: None,
            oidc_cookie: None,
            resume_cookie: None,
            forwarded_for: None,
        }
    }

    async fn send(&mut self, request: axum::http::request::Builder, body: Body) -> Reply {
        let cookies: Vec<&str> = [&self.cookie, &self.apply_cookie, &self.oidc_cookie, &self.resume_cookie]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        let request = if cookies.is_empty() { request } else { request.header("cookie", cookies.join("; ")) };
        let request = match &self.forwarded_for {
            Some(ip) => request.header("x-forwarded-for", ip),
            None => request,
        };
        let request = request.body(body).expect("request");
        let what = format!("{} {}", request.method(), request.uri());
        let reply = crate::support::answer(&what, self.app.clone().oneshot(request)).await;
        for value in reply.headers.get_all("set-cookie") {
            let text = value.to_str().expect("ascii cookie");
            let pair = text.split(';').next().unwrap_or("").trim().to_string();
            if pair.contains("gatehouse_session=") {
                self.cookie = if pair.ends_with('=') { None } else { Some(pair) };
            } else if pair.contains("gatehouse_apply=") {
                self.apply_cookie = if pair.ends_with('=') { None } else { Some(pair) };
            } else if pair.contains("gatehouse_oidc=") {
                self.oidc_cookie = if pair.ends_with('=') { None } else { Some(pair) };
            } else if pair.contains("gatehouse_resume=") {
                self.resume_cookie = if pair.ends_with('=') { None } else { Some(pair) };
            }
        }
        reply
    }

    pub async fn get(&mut self, uri: &str) -> Reply {
        self.send(Request::get(uri), Body::empty()).await
    }

    /// A server function call as a same-origin browser `fetch` makes it.
    pub async fn post(&mut self, function: &str, form: &[(&str, &str)]) -> Reply {
        let request = Request::post(format!("/api/fn/{function}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin");
        self.send(request, Body::from(app::url::query_string(form))).await
    }

    /// A hydrated page's form posted to its server function where the wasm did not run: as a
    /// browser sends it, asking for HTML, from `referer` on `host`.
    pub async fn post_from_page(&mut self, function: &str, referer: &str, form: &[(&str, &str)]) -> Reply {
        let request = Request::post(format!("/api/fn/{function}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
            .header("host", "localhost:3000")
            .header("referer", referer)
            .header("sec-fetch-site", "same-origin");
        self.send(request, Body::from(app::url::query_string(form))).await
    }

    /// A plain form posted by a page of this site (a light page, without scripts).
    pub async fn post_page(&mut self, uri: &str, form: &[(&str, &str)]) -> Reply {
        let request = Request::post(uri)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin");
        self.send(request, Body::from(app::url::query_string(form))).await
    }

    /// A server function that takes JSON (`input = Json`).
    pub async fn post_json(&mut self, function: &str, body: &serde_json::Value) -> Reply {
        let request = Request::post(format!("/api/fn/{function}"))
            .header("content-type", "application/json")
            .header("sec-fetch-site", "same-origin");
        self.send(request, Body::from(body.to_string())).await
    }

    /// A file upload as the grid sends it: the bytes as the body.
    pub async fn upload(&mut self, uri: &str, bytes: Vec<u8>) -> Reply {
        let request = Request::post(uri)
            .header("content-type", "application/octet-stream")
            .header("sec-fetch-site", "same-origin");
        self.send(request, Body::from(bytes)).await
    }

    /// A plain form with one file field (`multipart/form-data`), as a browser without scripts
    /// sends it; no file at all when `bytes` is empty.
    pub async fn post_file_form(&mut self, uri: &str, field: &str, bytes: &[u8]) -> Reply {
        let boundary = "----gatehouse-test-boundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"sheet.csv\"\r\n\
             Content-Type: text/csv\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = Request::post(uri)
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .header("accept", "text/html")
            .header("sec-fetch-site", "same-origin");
        self.send(request, Body::from(body)).await
    }

    /// A solved CAPTCHA answer.
    pub async fn captcha(&mut self) -> String {
        let reply = self.get("/api/fn/new_captcha").await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        let challenge: CaptchaChallenge = serde_json::from_str(&reply.body).expect("challenge");
        challenge.answer(app::accounts::solve(&challenge.salt, challenge.bits))
    }

    pub async fn sign_in(&mut self, username: &str, password: &str) -> Reply {
        let captcha = self.captcha().await;
        self.post("sign_in", &[("username", username), ("password", password), ("captcha", &captcha)]).await
    }

    pub async fn verify(&mut self, code: &str) -> Reply {
        self.post("verify_code", &[("code", code)]).await
    }

    /// The viewer as JSON (`null` for a guest).
    pub async fn viewer(&mut self) -> serde_json::Value {
        let reply = self.get("/api/fn/get_viewer").await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.json()
    }
}

/// The error a reply carries, and its Chinese text.
pub fn error_of(reply: &Reply) -> (AppError, String) {
    let error: AppError =
        serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("not an AppError ({e}): {}", reply.body));
    let text = error.message().render(Locale::ZhTw);
    (error, text)
}

/// A 400 refusal said at `field` with `msg`.
pub fn refused_at(reply: &crate::support::Reply, field: &str, msg: app::i18n::Msg) {
    assert_eq!(reply.status, 400, "{}", reply.body);
    match error_of(reply).0 {
        AppError::Invalid { field: f, message } => {
            assert_eq!((f.as_str(), message.msg), (field, msg), "{}", reply.body)
        }
        other => panic!("{other:?}"),
    }
}

/// An active account with a password (and, if `totp_secret` is given, a bound authenticator
/// whose last accepted step is long past).
pub async fn create_user(db: &TestDb, username: &str, role: Role, password: &str, totp_secret: Option<&str>) -> i64 {
    create_user_in(db, "2.16.886.101.20003", username, role, password, totp_secret).await
}

/// `create_user` in the organization `org_oid` (an OID or a school code).
pub async fn create_user_in(
    db: &TestDb,
    org_oid: &str,
    username: &str,
    role: Role,
    password: &str,
    totp_secret: Option<&str>,
) -> i64 {
    let org_oid = org_oid.to_string();
    let hash = password_hash(password).await;
    let (username, secret) = (username.to_string(), totp_secret.map(str::to_string));
    db.pool
        .run(move |conn| {
            let org_id = app::db::orgs::find_id(conn, &app::directory::OrgKey::from_segment(&org_oid))?.0;
            let id = app::db::users::insert(
                conn,
                &NewUser {
                    org_id,
                    username: username.clone(),
                    display_name: "測試者".into(),
                    email: format!("{username}@test.edu.tw"),
                    role: Some(role),
                    ..Default::default()
                },
            )?;
            app::db::users::set_password(conn, id, &hash)?;
            if let Some(secret) = secret {
                let sealed = test_keys().seal(id, &secret).ok_or(app::error::AppError::Internal)?;
                app::db::factors::insert_totp(conn, id, &sealed, 0)?;
            }
            Ok(id)
        })
        .await
        .expect("create user")
}

/// `password` hashed as the server stores it.
pub async fn password_hash(password: &str) -> String {
    app::auth::PasswordHasher::per_core(Default::default())
        .admit("test")
        .expect("slot")
        .hash(password.to_string())
        .await
        .expect("hash")
}

/// The TOTP code of `secret` now, or `steps` steps away.
pub fn totp_now(secret: &str, steps: i64) -> String {
    let step = app::auth::totp::step_at(app::db::now()) + steps;
    app::auth::totp::code_at(secret, step).expect("valid secret")
}

/// A fixed, valid base32 secret.
pub const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// The outbox's newest message to `to`: subject and body.
pub async fn last_mail(db: &TestDb, to: &str) -> Option<(String, String)> {
    mails_to(db, to).await.into_iter().next()
}

/// Every message to `to` in the outbox, newest first.
pub async fn mails_to(db: &TestDb, to: &str) -> Vec<(String, String)> {
    let to = to.to_string();
    db.pool
        .run(move |conn| {
            Ok(app::db::outbox::recent(conn, 500)?
                .into_iter()
                .filter(|m| m.recipient == to)
                .map(|m| (m.subject, m.body))
                .collect())
        })
        .await
        .expect("outbox")
}

/// The count an answer states ("目前【N】"), if any.
pub fn stated_count(reply: &Reply) -> Option<i32> {
    let text = error_of(reply).1;
    let start = text.find('【')? + '【'.len_utf8();
    let end = text[start..].find('】')? + start;
    text[start..end].parse().ok()
}

/// The 8-digit code in a 忘記密碼 mail.
pub fn eight_digits(body: &str) -> String {
    body.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 8).expect("an 8-digit code in the mail").to_string()
}

/// 忘記密碼, step one, with its CAPTCHA solved.
pub async fn request(c: &mut Client, name: &str, username: &str, email: &str) -> u16 {
    let captcha = c.captcha().await;
    c.post("request_password_reset", &[("name", name), ("username", username), ("email", email), ("captcha", &captcha)])
        .await
        .status
}

/// 忘記密碼, step two: the code and a new password (twice), with its CAPTCHA solved.
pub async fn reset(c: &mut Client, username: &str, code: &str, password: &str) -> crate::support::Reply {
    let captcha = c.captcha().await;
    c.post(
        "reset_password",
        &[("username", username), ("code", code), ("password", password), ("confirm", password), ("captcha", &captcha)],
    )
    .await
}

/// Server function calls sent at once, each by its own copy of a client (its cookies), on its
/// own task: every answer, in the order given.
pub async fn all_at_once(calls: Vec<(Client, &str, Vec<(String, String)>)>) -> Vec<Reply> {
    let tasks: Vec<_> = calls
        .into_iter()
        .map(|(mut c, function, form)| {
            let function = function.to_string();
            tokio::spawn(async move {
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                c.post(&function, &form).await
            })
        })
        .collect();
    let mut replies = Vec::new();
    for task in tasks {
        replies.push(task.await.expect("task"));
    }
    replies
}

/// The cookie of a full, freshly verified session of `user_id` made as a finished sign-in
/// makes it (`sid` and `amr` as given), without going through its steps: for tests that need
/// several sessions of one account, or one of an account that cannot sign in by password.
pub async fn session_cookie(pool: &app::db::DbPool, user_id: i64, sid: &str, amr: &str) -> String {
    use app::{accounts::SessionStage, db::sessions::SessionRow};
    let token = format!("test-session-{sid}-{}", app::auth::codes::new_link_token());
    let now = app::db::now();
    let row = SessionRow {
        id_hash: app::flows::session::token_hash(&token),
        user_id,
        stage: SessionStage::Full,
        pending_secret: None,
        ip: "127.0.0.1".into(),
        user_agent: "test".into(),
        created_at: now,
        last_seen_at: now,
        expires_at: now + 3600,
        verified_at: Some(now),
        sid: sid.to_string(),
        amr: amr.to_string(),
        signed_in_at: Some(now),
    };
    pool.run(move |conn| Ok(app::db::sessions::insert(conn, &row)?)).await.expect("session");
    format!("{}={token}", app::auth::request::PLAIN_COOKIE)
}
