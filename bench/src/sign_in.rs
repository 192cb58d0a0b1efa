//! Sign-in throughput: password + TOTP sign-ins per second per core through the whole router,
//! next to the Argon2id verification alone on the same machine; latency at about 80% of that
//! capacity (open-loop arrivals); resident memory idle and under load.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use app::{
    accounts::Role,
    auth::{AuthSettings, HashLimits, PasswordHasher},
    db::{users::NewUser, DbPool},
};
use axum::{body::Body, http::Request, Router};
use http_body_util::BodyExt;
use tokio::sync::Mutex;
use tower::ServiceExt;

const PASSWORD: &str = "Tz9!mQ2#vbLp";
const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
/// Long enough for both hashing threads to give their memory back (2 s each, in turn).
const IDLE: Duration = Duration::from_secs(5);

/// A kB field (`VmRSS:`, `VmHWM:`) of a process's status: `self`, or a process id.
pub(crate) fn status_kb(process: &str, field: &str) -> Option<u64> {
    std::fs::read_to_string(format!("/proc/{process}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
}

/// A kB field of this process's status; 0 where there is none.
pub(crate) fn rss_kb(field: &str) -> u64 {
    status_kb("self", field).unwrap_or(0)
}

/// Kilobytes as megabytes, as the figures print them.
pub(crate) fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

async fn post(app: &Router, uri: &str, body: String, cookie: Option<&str>) -> (u16, Option<String>) {
    let mut req = Request::post(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let res = app.clone().oneshot(req.body(Body::from(body)).expect("request")).await.expect("response");
    let status = res.status().as_u16();
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").to_string())
        .find(|v| v.starts_with("gatehouse_session=") && !v.ends_with('='));
    let _ = res.into_body().collect().await;
    (status, cookie)
}

pub async fn challenge(app: &Router) -> String {
    let res = app
        .clone()
        .oneshot(Request::get("/api/fn/new_captcha").body(Body::empty()).expect("request"))
        .await
        .expect("response");
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    let ch: app::accounts::CaptchaChallenge = serde_json::from_slice(&bytes).expect("challenge");
    ch.answer(app::accounts::solve(&ch.salt, ch.bits))
}

/// One whole sign-in: CAPTCHA, password, TOTP code. Returns its latency.
async fn sign_in(app: &Router, username: &str) -> Duration {
    let started = Instant::now();
    let captcha = app::url::encode_component(&challenge(app).await);
    let (status, cookie) = post(
        app,
        "/api/fn/sign_in",
        format!("username={username}&password={}&captcha={captcha}", app::url::encode_component(PASSWORD)),
        None,
    )
    .await;
    assert_eq!(status, 200, "sign-in of {username}");
    let code = app::auth::totp::code_at(SECRET, app::auth::totp::step_at(app::db::now())).expect("code");
    let (status, _) = post(app, "/api/fn/verify_code", format!("code={code}"), cookie.as_deref()).await;
    assert_eq!(status, 200, "code of {username}");
    started.elapsed()
}

async fn make_users(pool: &DbPool, hasher: &PasswordHasher, n: usize, keys: app::auth::Keys) -> Vec<String> {
    let hash = hasher.admit("bench").expect("slot").hash(PASSWORD.into()).await.expect("hash");
    pool.run(move |conn| {
        let org_id = app::db::orgs::find_id(conn, &app::directory::OrgKey::Oid("2.16.886.101.20003".into()))?.0;
        let mut names = Vec::new();
        for i in 0..n {
            let username = format!("bench_{i:05}");
            let id = app::db::users::insert(
                conn,
                &NewUser {
                    org_id,
                    username: username.clone(),
                    display_name: "bench".into(),
                    email: "b@bench.gov.tw".into(),
                    role: Some(Role::User),
                    ..Default::default()
                },
            )?;
            app::db::users::set_password(conn, id, &hash)?;
            let sealed = keys.seal(id, SECRET).ok_or(app::error::AppError::Internal)?;
            app::db::factors::insert_totp(conn, id, &sealed, 0)?;
            names.push(username);
        }
        Ok(names)
    })
    .await
    .expect("users")
}

pub async fn bench(pool: DbPool) {
    println!("\n## Sign-in (SQLite, password + TOTP, CAPTCHA work excluded: it is the browser's)");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let started_rss = rss_kb("VmRSS:");
    gatehouse::demo::load(&pool).await.expect("demo");
    let demo_rss = rss_kb("VmRSS:");

    // The server as it runs, and its one password hasher for every hash below: each hashing
    // thread keeps the 19 MiB of its last hash, and a second hasher's threads would be memory
    // no server has. One client address sends every sign-in here: lift the per-client share
    // of the hashing queue, which a real burst from many addresses would not meet.
    let keys = app::auth::Keys::default();
    let settings = AuthSettings {
        captcha_bits: 0,
        max_failures: 1000,
        hash_limits: HashLimits { total: 1024, per_client: 1024 },
        keys: keys.clone(),
        ..AuthSettings::default()
    };
    let state = gatehouse::server::app_state_with(pool.clone(), false, settings);
    let hasher = state.hasher.clone();

    // Argon2id alone, one verification per core at a time.
    let hash = hasher.admit("bench").expect("slot").hash(PASSWORD.into()).await.expect("hash");
    let started = Instant::now();
    let mut done = 0usize;
    while started.elapsed() < Duration::from_secs(3) {
        let jobs: Vec<_> = (0..cores)
            .map(|_| {
                let h = hasher.clone();
                let hash = hash.clone();
                tokio::spawn(async move { h.admit("bench").expect("slot").verify(Some(hash), PASSWORD.into()).await })
            })
            .collect();
        for j in jobs {
            assert!(j.await.expect("join").expect("verify"));
            done += 1;
        }
    }
    let argon = done as f64 / started.elapsed().as_secs_f64();
    println!(
        "Argon2id verify alone (19 MiB, t=2): {argon:.1}/s on {cores} cores = {:.1}/s per core",
        argon / cores as f64
    );

    // Each account signs in once (a TOTP code is good once per account and step).
    let hashed_rss = rss_kb("VmRSS:");
    let users = make_users(&pool, &hasher, 700, keys).await;
    let app = gatehouse::router::router(state);
    let busy_rss = rss_kb("VmRSS:");
    let busy_kept = hasher.kept_memory();
    // Idle: each hashing thread gives its memory back after 2 s without a sign-in (in turn:
    // they take the queue's lock one at a time).
    tokio::time::sleep(IDLE).await;
    let (idle_rss, idle_kept) = (rss_kb("VmRSS:"), hasher.kept_memory());
    let queue = Arc::new(Mutex::new(users.into_iter()));
    let next =
        |q: Arc<Mutex<std::vec::IntoIter<String>>>| async move { q.lock().await.next().expect("enough bench users") };

    // Capacity: as many concurrent clients as it takes to saturate the hasher.
    let started = Instant::now();
    let n = 300;
    let tasks: Vec<_> = (0..cores * 4)
        .map(|_| {
            let (app, q) = (app.clone(), queue.clone());
            tokio::spawn(async move {
                let mut local = Vec::new();
                for _ in 0..n / (cores * 4) {
                    let u = next(q.clone()).await;
                    local.push(sign_in(&app, &u).await);
                }
                local
            })
        })
        .collect();
    let mut count = 0;
    for t in tasks {
        count += t.await.expect("join").len();
    }
    let capacity = count as f64 / started.elapsed().as_secs_f64();
    let load_rss = rss_kb("VmHWM:");
    println!(
        "sign-ins, saturated: {capacity:.1}/s on {cores} cores = {:.1}/s per core ({:.0}% of Argon2 alone)",
        capacity / cores as f64,
        100.0 * capacity / argon
    );

    // Open loop at 80% of capacity: arrivals on a clock, whatever the latency.
    let rate = capacity * 0.8;
    let total = 200usize.min((rate * 30.0) as usize);
    let interval = Duration::from_secs_f64(1.0 / rate);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..total {
        tokio::time::sleep_until((started + interval * i as u32).into()).await;
        let (app, q) = (app.clone(), queue.clone());
        tasks.push(tokio::spawn(async move {
            let u = next(q).await;
            sign_in(&app, &u).await
        }));
    }
    let mut times = Vec::new();
    for t in tasks {
        times.push(t.await.expect("join"));
    }
    times.sort();
    let p = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    println!("at 80% ({rate:.1}/s, {total} sign-ins): p50 {:.1?}  p99 {:.1?}", p(0.5), p(0.99));
    let mib = |bytes: usize| bytes as f64 / 1_048_576.0;
    println!(
        "memory: {:.1} MB resident idle (target 64), {:.1} MB peak under load (target 256)",
        mb(idle_rss),
        mb(load_rss)
    );
    println!(
        "  where it went: {:.1} MB at start (the bench's runtime and pool), +{:.1} MB the demo directory, +{:.1} MB the server state and its hashing threads' first hashes, +{:.1} MB 700 accounts and the router",
        mb(started_rss),
        mb(demo_rss.saturating_sub(started_rss)),
        mb(hashed_rss.saturating_sub(demo_rss)),
        mb(busy_rss.saturating_sub(hashed_rss))
    );
    println!(
        "  just after the accounts were made: {:.1} MB, of which the hashing threads kept {:.1} MB; {} s idle: {:.1} MB, they keep {:.1} MB",
        mb(busy_rss),
        mib(busy_kept),
        IDLE.as_secs(),
        mb(idle_rss),
        mib(idle_kept)
    );
    let after_load = rss_kb("VmRSS:");
    tokio::time::sleep(IDLE).await;
    println!(
        "  after the sign-ins above: {:.1} MB; {} s idle: {:.1} MB, the hashing threads keep {:.1} MB",
        mb(after_load),
        IDLE.as_secs(),
        mb(rss_kb("VmRSS:")),
        mib(hasher.kept_memory())
    );
    national_directory(&pool, &app).await;
}

/// The same server with the national directory (GDS, the MOE school list and renames, some
/// 10,840 organizations) imported and its search index built by a lookup.
async fn national_directory(pool: &DbPool, app: &Router) {
    let before = rss_kb("VmRSS:");
    for file in crate::NATIONAL {
        let bytes = std::fs::read(format!("{}/{file}", crate::DATA)).expect("shared data file");
        gatehouse::import::import_bytes(pool, &bytes, false).await.expect("import");
    }
    let res = app
        .clone()
        .oneshot(Request::get("/api/v1/orgs?q=%E5%9C%8B%E5%B0%8F&limit=20").body(Body::empty()).expect("request"))
        .await
        .expect("response");
    assert!(res.status().is_success());
    let _ = res.into_body().collect().await.expect("body");
    tokio::time::sleep(IDLE).await;
    let idle = rss_kb("VmRSS:");
    println!(
        "with the national directory imported and searched: {:.1} MB resident idle (+{:.1} MB), {:.1} MB peak",
        mb(idle),
        mb(idle.saturating_sub(before)),
        mb(rss_kb("VmHWM:"))
    );
}
