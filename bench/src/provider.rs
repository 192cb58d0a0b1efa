//! The OpenID Connect provider (SQLite, through the whole router in process): what a subsystem
//! waits for when its user signs in, and how many token requests a core answers.
//! - the code flow with a live Gatehouse session, one at a time: authorize → token →
//!   userinfo, the whole and each step;
//! - the bound: an RS256 ID token signed alone on one thread, built as the token endpoint
//!   builds it (ES256 beside it), and what opening a stored key costs (the sealed row opened,
//!   the PKCS#8 parsed: once per key in a process, then kept);
//! - the token endpoint saturated by as many workers as there are cores, on codes issued
//!   beforehand, against that bound (the target is 80% of it per core); one worker too, and
//!   userinfo (which writes nothing) by one worker and by all, to show what the second core
//!   adds; where one exchange's time goes;
//! - its latency at 80% of that throughput (open-loop arrivals for about 10 s; target p99
//!   20 ms).
//!
//! Every exchange signs an ID token, and RSA signing is the one costly thing in it: the
//! signing bound says how close the endpoint comes to the cost it cannot avoid.

use std::{
    future::Future,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use app::{
    accounts::{Role, SessionStage},
    auth::{
        signing::{SigningAlg, SigningKey},
        AuthSettings, RequestInfo,
    },
    db::{sessions::SessionRow, users::NewUser, DbPool},
    flows::provider::registry,
    provider::{ClientKind, Registration},
};
use axum::{body::Body, http::Request, Router};
use base64::Engine;
use chrono::{DateTime, Utc};
use http_body_util::BodyExt;
use openidconnect::{
    core::{CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm},
    AccessToken, AdditionalClaims, Audience, AuthenticationContextClass, AuthenticationMethodReference, EndUserName,
    EndUserUsername, IdToken, IdTokenClaims, IssuerUrl, LocalizedClaim, Nonce, StandardClaims, SubjectIdentifier,
};
use serde::{Deserialize, Serialize};
use tower::ServiceExt;

use crate::percentile;

const CLIENT: &str = "bench";
const REDIRECT: &str = "http://localhost:4100/callback";
/// RFC 7636 Appendix B: a verifier and its S256 challenge.
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
/// People signed in, each with a session, the subsystem's grant and their consent; requests
/// take them in turn.
const PEOPLE: usize = 50;
const WARM_UP: usize = 50;
const ROUNDS: usize = 1_000;
/// Codes exchanged by the saturating workers (a code lives 60 s: these are made and used well
/// within that).
const CODES: usize = 4_000;
const ONE_WORKER_CODES: usize = 1_000;
const SIGNING_FOR: Duration = Duration::from_secs(3);
const OPEN_LOOP: Duration = Duration::from_secs(10);
const AMR: &str = "pwd otp mfa";

/// The same ID token type as the token endpoint's (`GatehouseIdToken`): the session's `sid`
/// beside the standard claims.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct SessionClaim {
    sid: String,
}
impl AdditionalClaims for SessionClaim {}

type BenchIdToken = IdToken<SessionClaim, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm>;

fn time(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// An ID token as `token::id_token` builds it (the fields of this bench's registration that go
/// into one: username and name), signed with `key`.
fn id_token(key: &SigningKey, access: &AccessToken) -> String {
    let now = app::db::now();
    let standard = StandardClaims::new(SubjectIdentifier::new("1042".into()))
        .set_preferred_username(Some(EndUserUsername::new("bench_00042".into())))
        .set_name(Some(LocalizedClaim::from(EndUserName::new("測試 使用者".into()))));
    let claims = IdTokenClaims::new(
        IssuerUrl::new("http://localhost:3000".into()).expect("issuer"),
        vec![Audience::new(CLIENT.into())],
        time(now + 600),
        time(now),
        standard,
        SessionClaim { sid: format!("{:0>32}", 42) },
    )
    .set_auth_time(Some(time(now - 60)))
    .set_nonce(Some(Nonce::new("n-1".into())))
    .set_auth_method_refs(Some(AMR.split_whitespace().map(|m| AuthenticationMethodReference::new(m.into())).collect()))
    .set_auth_context_ref(Some(AuthenticationContextClass::new(app::provider::acr_of(AMR).as_str().into())));
    BenchIdToken::new(claims, key, key.core_alg(), Some(access), None).expect("signed").to_string()
}

/// ID tokens signed per second on this thread with a new `alg` key.
fn signing_rate(alg: SigningAlg) -> f64 {
    let key = SigningKey::generate(alg).expect("a key");
    let access = AccessToken::new(app::auth::codes::new_link_token());
    let started = Instant::now();
    let mut done = 0usize;
    while started.elapsed() < SIGNING_FOR {
        std::hint::black_box(id_token(&key, &access));
        done += 1;
    }
    done as f64 / started.elapsed().as_secs_f64()
}

/// What `keys::signer` does the first time a process signs with a key: open the sealed stored
/// key, decode it and parse the PKCS#8. Its time per key, in microseconds.
fn key_load_micros(alg: SigningAlg) -> f64 {
    let keys = app::auth::Keys::default();
    let key = SigningKey::generate(alg).expect("a key");
    let sealed = keys.seal(0, &base64::engine::general_purpose::STANDARD.encode(key.pkcs8())).expect("sealed");
    let started = Instant::now();
    let mut done = 0usize;
    while started.elapsed() < Duration::from_secs(1) {
        let der =
            base64::engine::general_purpose::STANDARD.decode(keys.open(0, &sealed).expect("opened")).expect("b64");
        std::hint::black_box(SigningKey::from_pkcs8(key.kid(), alg, &der).expect("parsed"));
        done += 1;
    }
    started.elapsed().as_secs_f64() * 1e6 / done as f64
}

/// The subsystem's side: its client secret, and the browsers of its signed-in people.
struct Subsystem {
    app: Router,
    basic: String,
    cookies: Vec<String>,
}

async fn set_up(pool: &DbPool) -> Subsystem {
    gatehouse::demo::load(pool).await.expect("demo");
    let state = gatehouse::server::app_state_with(pool.clone(), false, AuthSettings::default());
    let registration = Registration {
        code: CLIENT.into(),
        name_zh: "效能測試系統".into(),
        name_en: "Benchmark system".into(),
        kind: ClientKind::Confidential,
        home_url: "http://localhost:4100/".into(),
        redirect_uris: REDIRECT.into(),
        post_logout_redirect_uris: "http://localhost:4100/signed-out".into(),
        privacy_url: "http://localhost:4100/privacy".into(),
        fields: "username name email organization unit title main_account functions".into(),
        ..Default::default()
    };
    let secret = state
        .write(&RequestInfo::default(), move |work| registry::save(work, None, registration))
        .await
        .expect("registered")
        .expect("a confidential client's secret");
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT}:{secret}"));
    // People as a sign-in leaves them: a full session (password and TOTP), the grant, consent.
    let tokens = pool
        .run(|conn| {
            let org_id = app::db::orgs::find_id(conn, &app::directory::OrgKey::Oid("2.16.886.101.20003".into()))?.0;
            let fields = app::db::clients::find(conn, CLIENT)?.ok_or(app::error::AppError::NotFound)?.fields;
            let now = app::db::now();
            let mut tokens = Vec::new();
            for i in 0..PEOPLE {
                let user = app::db::users::insert(
                    conn,
                    &NewUser {
                        org_id,
                        username: format!("oidc_{i:05}"),
                        display_name: format!("測試 {i}"),
                        email: format!("oidc{i}@bench.gov.tw"),
                        role: Some(Role::User),
                        ..Default::default()
                    },
                )?;
                app::db::portal::grant(conn, user, CLIENT, None, now)?;
                app::db::consents::give(conn, user, CLIENT, &fields, now)?;
                let token = format!("bench-{i}-{}", app::auth::codes::new_link_token());
                let row = SessionRow {
                    id_hash: app::flows::session::token_hash(&token),
                    user_id: user,
                    stage: SessionStage::Full,
                    pending_secret: None,
                    ip: "127.0.0.1".into(),
                    user_agent: "bench".into(),
                    created_at: now,
                    last_seen_at: now,
                    expires_at: now + 4 * 3600,
                    verified_at: Some(now),
                    sid: format!("{i:0>32}"),
                    amr: AMR.into(),
                    signed_in_at: Some(now),
                };
                app::db::sessions::insert(conn, &row)?;
                tokens.push(token);
            }
            Ok(tokens)
        })
        .await
        .expect("people");
    let cookies = tokens.into_iter().map(|t| format!("{}={t}", app::auth::request::PLAIN_COOKIE)).collect();
    Subsystem { app: gatehouse::router::router(state), basic, cookies }
}

fn authorize_uri() -> String {
    let params = [
        ("client_id", CLIENT),
        ("redirect_uri", REDIRECT),
        ("response_type", "code"),
        ("scope", "openid profile"),
        ("state", "st-1"),
        ("nonce", "n-1"),
        ("code_challenge", CHALLENGE),
        ("code_challenge_method", "S256"),
    ];
    format!("/oidc/authorize?{}", app::url::query_string(&params))
}

impl Subsystem {
    /// `GET /oidc/authorize` in the browser of person `who`: the code it is sent back with.
    async fn authorize(&self, uri: &str, who: usize) -> String {
        let cookie = &self.cookies[who % self.cookies.len()];
        let request = Request::get(uri).header("cookie", cookie).body(Body::empty()).expect("request");
        let res = self.app.clone().oneshot(request).await.expect("response");
        let status = res.status().as_u16();
        let to = res.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        let _ = res.into_body().collect().await;
        assert!(status == 303 && to.starts_with(REDIRECT), "authorize: {status} {to}");
        let query = to.split_once('?').map_or("", |(_, q)| q);
        let code = query.split('&').find_map(|kv| kv.strip_prefix("code=")).expect("a code");
        app::url::decode_form_component(code).expect("a code")
    }

    /// `POST /oidc/token` with `client_secret_basic`: the access token.
    async fn token(&self, code: &str) -> String {
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ];
        let request = Request::post("/oidc/token")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("authorization", format!("Basic {}", self.basic))
            .body(Body::from(app::url::query_string(&form)))
            .expect("request");
        let res = self.app.clone().oneshot(request).await.expect("response");
        let status = res.status().as_u16();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        assert_eq!(status, 200, "token: {}", String::from_utf8_lossy(&bytes));
        let answer: serde_json::Value = serde_json::from_slice(&bytes).expect("token JSON");
        answer["access_token"].as_str().expect("an access token").to_string()
    }

    /// `GET /oidc/userinfo` with the bearer token.
    async fn userinfo(&self, access: &str) {
        let request = Request::get("/oidc/userinfo")
            .header("authorization", format!("Bearer {access}"))
            .body(Body::empty())
            .expect("request");
        let res = self.app.clone().oneshot(request).await.expect("response");
        let status = res.status().as_u16();
        let _ = res.into_body().collect().await.expect("body");
        assert_eq!(status, 200, "userinfo");
    }

    /// `n` codes, one after another, from the people in turn.
    async fn codes(&self, n: usize) -> Vec<String> {
        let uri = authorize_uri();
        let mut codes = Vec::with_capacity(n);
        for i in 0..n {
            codes.push(self.authorize(&uri, i).await);
        }
        codes
    }
}

/// The CPU time this process has used (user and system), from `/proc/self/stat`; 0 where
/// there is none.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which may hold spaces): utime and stime are the 12th
    // and 13th of them, in clock ticks (100 a second on Linux).
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: Vec<f64> = after.split_whitespace().skip(11).take(2).filter_map(|t| t.parse().ok()).collect();
    ticks.iter().sum::<f64>() / 100.0
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// p50 and p99 of `times`, sorted here.
fn p50_p99(times: &mut [Duration]) -> String {
    times.sort();
    format!("p50 {:6.2} ms  p99 {:6.2} ms", ms(percentile(times, 0.5)), ms(percentile(times, 0.99)))
}

/// Jobs `0..n` done by `workers` at once, each taking the next as soon as it is done: jobs
/// per second, and each job's latency.
async fn saturate<F, Fut>(n: usize, workers: usize, job: F) -> (f64, Vec<Duration>)
where
    F: Fn(usize) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let tasks: Vec<_> = (0..workers)
        .map(|_| {
            let (job, next) = (job.clone(), next.clone());
            tokio::spawn(async move {
                let mut times = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    let s = Instant::now();
                    job(i).await;
                    times.push(s.elapsed());
                }
                times
            })
        })
        .collect();
    let mut times = Vec::new();
    for t in tasks {
        times.extend(t.await.expect("join"));
    }
    (times.len() as f64 / started.elapsed().as_secs_f64(), times)
}

/// `codes` exchanged by `workers` at once, as fast as they go: exchanges per second, the CPU
/// the process kept busy meanwhile (in cores), each exchange's latency, and the access tokens
/// they gave.
async fn exchange_all(
    sub: &Arc<Subsystem>,
    codes: Vec<String>,
    workers: usize,
) -> (f64, f64, Vec<Duration>, Vec<String>) {
    let (n, codes, kept) = (codes.len(), Arc::new(codes), Arc::new(Mutex::new(Vec::new())));
    let job = {
        let (sub, kept) = (sub.clone(), kept.clone());
        move |i: usize| {
            let (sub, codes, kept) = (sub.clone(), codes.clone(), kept.clone());
            async move {
                let access = sub.token(&codes[i]).await;
                kept.lock().expect("lock").push(access);
            }
        }
    };
    let (cpu, started) = (cpu_seconds(), Instant::now());
    let (rate, times) = saturate(n, workers, job).await;
    let busy = (cpu_seconds() - cpu) / started.elapsed().as_secs_f64();
    let tokens = std::mem::take(&mut *kept.lock().expect("lock"));
    (rate, busy, times, tokens)
}

/// Userinfo for each of `tokens` by `workers` at once: answers per second.
async fn userinfo_all(sub: &Arc<Subsystem>, tokens: &Arc<Vec<String>>, workers: usize) -> f64 {
    let (sub, tokens) = (sub.clone(), tokens.clone());
    let n = tokens.len();
    let job = move |i: usize| {
        let (sub, tokens) = (sub.clone(), tokens.clone());
        async move { sub.userinfo(&tokens[i]).await }
    };
    saturate(n, workers, job).await.0
}

pub async fn bench(pool: DbPool) {
    println!("\n## OpenID Connect provider (SQLite, in process, client_secret_basic, PKCE S256, RS256 ID tokens)");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let sub = Arc::new(set_up(&pool).await);

    // 1. The whole code flow, one at a time.
    let uri = authorize_uri();
    let (mut flow, mut authorize, mut token, mut userinfo) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..WARM_UP + ROUNDS {
        let started = Instant::now();
        let code = sub.authorize(&uri, i).await;
        let coded = Instant::now();
        let access = sub.token(&code).await;
        let tokened = Instant::now();
        sub.userinfo(&access).await;
        let done = Instant::now();
        if i >= WARM_UP {
            authorize.push(coded - started);
            token.push(tokened - coded);
            userinfo.push(done - tokened);
            flow.push(done - started);
        }
    }
    println!("code flow, one at a time ({ROUNDS} rounds after {WARM_UP} to warm up):");
    println!("  whole flow {}", p50_p99(&mut flow));
    println!("  authorize  {}", p50_p99(&mut authorize));
    println!("  token      {}", p50_p99(&mut token));
    println!("  userinfo   {}", p50_p99(&mut userinfo));

    // 2. The bound: signing alone, on one thread.
    let (rs256, es256, rs_load, es_load) = tokio::task::spawn_blocking(|| {
        (
            signing_rate(SigningAlg::Rs256),
            signing_rate(SigningAlg::Es256),
            key_load_micros(SigningAlg::Rs256),
            key_load_micros(SigningAlg::Es256),
        )
    })
    .await
    .expect("join");
    println!(
        "ID token signing alone, one thread: RS256 {rs256:.0}/s per core ({:.3} ms each), ES256 {es256:.0}/s per core ({:.3} ms each)",
        1e3 / rs256,
        1e3 / es256
    );
    println!(
        "  a stored key opened and parsed, once per key in a process (then kept): RS256 {rs_load:.0} µs, ES256 {es_load:.0} µs"
    );

    // 3. The token endpoint saturated, on codes issued beforehand.
    let started = Instant::now();
    let codes = sub.codes(CODES).await;
    let issued = started.elapsed();
    let (capacity, busy, mut times, tokens) = exchange_all(&sub, codes, cores).await;
    let per_core = capacity / cores as f64;
    println!(
        "token endpoint, {cores} workers ({CODES} codes, issued one at a time in {:.1} s): {capacity:.0} exchanges/s on {cores} cores = {per_core:.0}/s per core, {:.0}% of RS256 signing alone (target 80%); {}",
        issued.as_secs_f64(),
        100.0 * per_core / rs256,
        p50_p99(&mut times)
    );
    let codes = sub.codes(ONE_WORKER_CODES).await;
    let (one, busy_one, mut times, _) = exchange_all(&sub, codes, 1).await;
    times.sort();
    let alone = percentile(&times, 0.5);
    println!(
        "token endpoint, 1 worker ({ONE_WORKER_CODES} codes): {one:.0} exchanges/s, {:.0}% of RS256 signing alone on one core; {}",
        100.0 * one / rs256,
        p50_p99(&mut times)
    );
    // Where an exchange's time goes: the signing measured above, the rest (the request, the
    // pool, the statements of its write transaction, the hop to the signing thread) by
    // difference; and
    // whether a second core adds reads (userinfo: no write transaction) and exchanges.
    let tokens = Arc::new(tokens);
    let (reads_one, reads_all) = (userinfo_all(&sub, &tokens, 1).await, userinfo_all(&sub, &tokens, cores).await);
    let rest = ms(alone) - 1e3 / rs256;
    println!(
        "  where the time goes: one exchange alone (p50) {:.2} ms = RS256 signing {:.2} ms + the rest {rest:.2} ms (request, pool, the write transaction's statements, the signing thread)",
        ms(alone),
        1e3 / rs256,
    );
    println!(
        "  a second core: exchanges {one:.0}/s → {capacity:.0}/s (×{:.2}), CPU busy {busy_one:.2} → {busy:.2} of {cores} cores; userinfo, which takes no write lock, {reads_one:.0}/s → {reads_all:.0}/s (×{:.2})",
        capacity / one,
        reads_all / reads_one
    );

    // 4. Open loop at 80% of capacity: arrivals on a clock, whatever the latency.
    let rate = capacity * 0.8;
    let total = (rate * OPEN_LOOP.as_secs_f64()) as usize;
    let codes = Arc::new(sub.codes(total).await);
    let interval = Duration::from_secs_f64(1.0 / rate);
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(total);
    for i in 0..total {
        tokio::time::sleep_until((started + interval * i as u32).into()).await;
        let (sub, codes) = (sub.clone(), codes.clone());
        tasks.push(tokio::spawn(async move {
            let s = Instant::now();
            sub.token(&codes[i]).await;
            s.elapsed()
        }));
    }
    let mut times = Vec::with_capacity(total);
    for t in tasks {
        times.push(t.await.expect("join"));
    }
    let wall = started.elapsed();
    println!(
        "token endpoint at 80% ({rate:.0}/s offered, {total} exchanges in {:.1} s): {}  max {:.2} ms (target p99 20 ms)",
        wall.as_secs_f64(),
        p50_p99(&mut times),
        ms(times[times.len() - 1])
    );
}
