//! Load (issue 14): 200 people for 60 seconds against a real `gatehouse serve` process over
//! HTTP (the release binary in `make bench`), on SQLite and on PostgreSQL. Each signs in with
//! password and TOTP (and again once its authenticator shows a new code), then looks
//! organizations up, loads pages and saves rows into its organization's sheet, a second or
//! two apart. Every answer is counted by kind; afterwards the database must hold exactly the
//! rows whose saves were answered 200, each once.
//!
//! Each person comes from an address of its own (`X-Forwarded-For` behind one trusted proxy),
//! as 200 teachers in 200 schools would: the per-client limits are then what they are for
//! real. Their first sign-ins are spread over the first 20 seconds, as a morning's arrivals
//! would be.

use std::{
    collections::BTreeMap,
    net::TcpListener,
    path::Path,
    process::{Child, Command, Stdio},
    sync::Arc,
    time::{Duration, Instant},
};

use app::{
    accounts::Role,
    auth::PasswordHasher,
    db::{users::NewUser, DbPool, DbUrl},
    inventory::{examples::SYSTEM_A, Column},
};
use tokio::sync::Mutex;

const PEOPLE: usize = 200;
const RUN: Duration = Duration::from_secs(60);
const RAMP: Duration = Duration::from_secs(20);
const PASSWORD: &str = "Tz9!mQ2#vbLp";
const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const KEY: [u8; 32] = [7; 32];
const QUERIES: [&str; 6] = ["教育部", "臺北", "國小", "2.16.886.101.20003", "011601", "衛生福利部"];

/// What was asked, and how it was answered: latency and status by kind.
#[derive(Default)]
struct Tally {
    by_kind: BTreeMap<&'static str, Vec<(Duration, u16)>>,
}

impl Tally {
    fn add(&mut self, kind: &'static str, took: Duration, status: u16) {
        self.by_kind.entry(kind).or_default().push((took, status));
    }
}

struct Person {
    index: usize,
    username: String,
    org_id: i64,
    address: String,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port()
}

/// The database made ready before the server starts: the demo directory and the people, each
/// with a password, an authenticator, the inventory's grant and its consent.
async fn prepare(url: &DbUrl) -> (DbPool, Vec<Person>) {
    let pool = tokio::task::spawn_blocking({
        let url = url.clone();
        move || gatehouse::database::open(&url, 4)
    })
    .await
    .expect("join")
    .expect("open database");
    gatehouse::demo::load(&pool).await.expect("demo");
    let hash = PasswordHasher::per_core(Default::default())
        .admit("bench")
        .expect("slot")
        .hash(PASSWORD.into())
        .await
        .expect("hash");
    let keys = app::auth::Keys::from_bytes(KEY);
    let people = pool
        .run(move |conn| {
            use app::db::schema::organizations as o;
            use diesel::prelude::*;
            // Ten agencies of the demo directory, twenty people in each.
            let orgs: Vec<i64> =
                o::table.filter(o::oid.is_not_null()).order(o::id).select(o::id).limit(10).load(conn)?;
            // The fields the built-in subsystem asks for, agreed to as its consent page does.
            let fields = app::db::clients::find(conn, "assets")?.ok_or(app::error::AppError::NotFound)?.fields;
            let mut people = Vec::new();
            for i in 0..PEOPLE {
                let org_id = orgs[i % orgs.len()];
                let username = format!("load_{i:04}");
                let id = app::db::users::insert(
                    conn,
                    &NewUser {
                        org_id,
                        username: username.clone(),
                        display_name: "負載測試".into(),
                        email: format!("{username}@load.gov.tw"),
                        role: Some(Role::User),
                        ..Default::default()
                    },
                )?;
                app::db::users::set_password(conn, id, &hash)?;
                let sealed = keys.seal(id, SECRET).ok_or(app::error::AppError::Internal)?;
                app::db::factors::insert_totp(conn, id, &sealed, 0)?;
                app::db::portal::grant(conn, id, "assets", None, 0)?;
                app::db::consents::give(conn, id, "assets", &fields, 0)?;
                people.push(Person {
                    index: i,
                    username,
                    org_id,
                    address: format!("10.{}.{}.{}", i / 65_536, i / 256 % 256, i % 256),
                });
            }
            Ok(people)
        })
        .await
        .expect("people");
    (pool, people)
}

fn spawn_server(binary: &Path, database_url: &str, port: u16) -> Child {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    Command::new(binary)
        .arg("serve")
        .current_dir(&root)
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("GATEHOUSE_SECRET_KEY", "07".repeat(32))
        .env("GATEHOUSE_TRUST_PROXY", "1")
        // The CAPTCHA's proof of work is the browser's, done on 200 machines; here one machine
        // would do it all, beside the server. Its check on the server costs the same.
        .env("GATEHOUSE_CAPTCHA_BITS", "8")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("run {} (make bench builds it): {e}", binary.display()))
}

/// One person's client: its address, its session cookie.
struct Visit {
    http: reqwest::Client,
    base: String,
    address: String,
    cookie: Option<String>,
}

impl Visit {
    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut r = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("x-forwarded-for", &self.address)
            .header("sec-fetch-site", "same-origin");
        if let Some(c) = &self.cookie {
            r = r.header("cookie", c);
        }
        r
    }

    /// Sends the request; keeps a new session cookie; answers the status and the body.
    async fn send(&mut self, r: reqwest::RequestBuilder) -> (u16, String) {
        match r.send().await {
            Ok(res) => {
                let status = res.status().as_u16();
                let cookie = res
                    .headers()
                    .get_all("set-cookie")
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .map(|v| v.split(';').next().unwrap_or("").to_string())
                    .find(|v| v.contains("gatehouse_session=") && !v.ends_with('='));
                if cookie.is_some() {
                    self.cookie = cookie;
                }
                (status, res.text().await.unwrap_or_default())
            }
            // No answer at all counts with the server's failures.
            Err(_) => (599, String::new()),
        }
    }

    async fn form(&mut self, path: &str, body: String) -> (u16, String) {
        let r = self
            .request(reqwest::Method::POST, path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        self.send(r).await
    }
}

/// CAPTCHA, password, then the authenticator's code of `step`: the whole sign-in.
async fn sign_in(v: &mut Visit, username: &str, step: i64) -> u16 {
    v.cookie = None;
    let (status, body) = v.send(v.request(reqwest::Method::GET, "/api/fn/new_captcha")).await;
    if status != 200 {
        return status;
    }
    let Ok(challenge) = serde_json::from_str::<app::accounts::CaptchaChallenge>(&body) else { return 598 };
    let answer =
        tokio::task::spawn_blocking(move || challenge.answer(app::accounts::solve(&challenge.salt, challenge.bits)))
            .await
            .expect("join");
    let enc = app::url::encode_component;
    let (status, _) = v
        .form("/api/fn/sign_in", format!("username={username}&password={}&captcha={}", enc(PASSWORD), enc(&answer)))
        .await;
    if status != 200 {
        return status;
    }
    let code = app::auth::totp::code_at(SECRET, step).expect("code");
    v.form("/api/fn/verify_code", format!("code={code}")).await.0
}

async fn person(base: String, who: Person, start_in: Duration, end: Instant, tally: Arc<Mutex<Tally>>) -> Vec<String> {
    let http = reqwest::Client::builder().pool_max_idle_per_host(1).build().expect("client");
    let mut v = Visit { http, base, address: who.address.clone(), cookie: None };
    let mut saved = Vec::new();
    let mut n = 0usize;
    tokio::time::sleep(start_in).await;
    // Signed in at first, and again 40 to 59 seconds later (each person after its own while,
    // and always with a new code: a code is accepted once).
    let again = Duration::from_secs(40 + who.index as u64 % 20);
    let mut signed_in_at: Option<Instant> = None;
    while Instant::now() < end {
        if signed_in_at.is_none_or(|at| at.elapsed() >= again) {
            let step = app::auth::totp::step_at(app::db::now());
            let started = Instant::now();
            let status = sign_in(&mut v, &who.username, step).await;
            tally.lock().await.add("sign-in (CAPTCHA, password, TOTP)", started.elapsed(), status);
            if status == 200 {
                signed_in_at = Some(started);
            } else {
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        }
        n += 1;
        let (kind, started, status) = match n % 4 {
            0 => {
                let q = app::url::encode_component(QUERIES[n % QUERIES.len()]);
                let started = Instant::now();
                let (status, _) =
                    v.send(v.request(reqwest::Method::GET, &format!("/api/v1/orgs?q={q}&limit=20"))).await;
                ("lookup", started, status)
            }
            1 => {
                let path = if n % 8 == 1 { "/" } else { "/directory?q=%E5%9C%8B%E5%B0%8F" };
                let started = Instant::now();
                let (status, _) = v.send(v.request(reqwest::Method::GET, path)).await;
                ("page (server-rendered)", started, status)
            }
            2 => {
                let started = Instant::now();
                let (status, _) = v
                    .send(v.request(reqwest::Method::GET, &format!("/api/fn/get_inventory?org_id={}", who.org_id)))
                    .await;
                ("sheet read", started, status)
            }
            _ => {
                let name = format!("{}-{n:05}", who.username);
                let mut cells: Vec<String> = SYSTEM_A.iter().map(|s| s.to_string()).collect();
                cells[Column::SystemName.index()] = name.clone();
                let body = serde_json::json!({ "org_id": who.org_id, "changes": [{ "Insert": { "cells": cells } }] });
                let r = v
                    .request(reqwest::Method::POST, "/api/fn/save_inventory")
                    .header("content-type", "application/json")
                    .body(body.to_string());
                let started = Instant::now();
                let (status, _) = v.send(r).await;
                if status == 200 {
                    saved.push(name);
                }
                ("grid save (one row)", started, status)
            }
        };
        tally.lock().await.add(kind, started.elapsed(), status);
        // A person reads what they got before the next click.
        tokio::time::sleep(Duration::from_millis(1_000 + (n as u64 * 137) % 1_000)).await;
    }
    saved
}

/// Every saved system name in the organizations' sheets, with how often it is there.
async fn stored_names(pool: &DbPool) -> BTreeMap<String, usize> {
    let cells: Vec<String> = pool
        .run(|conn| {
            use app::db::schema::asset_rows as a;
            use diesel::prelude::*;
            Ok(a::table.select(a::cells).load(conn)?)
        })
        .await
        .expect("rows");
    let mut names = BTreeMap::new();
    for c in cells {
        let row: Vec<String> = serde_json::from_str(&c).unwrap_or_default();
        if let Some(name) = row.get(Column::SystemName.index()) {
            *names.entry(name.clone()).or_insert(0) += 1;
        }
    }
    names
}

pub async fn bench(label: &str, url: DbUrl, binary: &Path) {
    println!("\n## Load: {PEOPLE} people for {} s against `gatehouse serve` ({label})", RUN.as_secs());
    let (pool, people) = prepare(&url).await;
    let database_url = match &url {
        DbUrl::Postgres(u) => u.clone(),
        DbUrl::Sqlite(path) => format!("sqlite://{path}"),
    };
    let port = free_port();
    let mut server = spawn_server(binary, &database_url, port);
    let base = format!("http://127.0.0.1:{port}");
    let probe = reqwest::Client::new();
    let waited = Instant::now();
    while !probe.get(format!("{base}/readyz")).send().await.is_ok_and(|r| r.status().is_success()) {
        assert!(waited.elapsed() < Duration::from_secs(30), "no healthy /readyz in 30 s");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    let tally = Arc::new(Mutex::new(Tally::default()));
    let started = Instant::now();
    let end = started + RUN;
    let step = RAMP / PEOPLE as u32;
    let tasks: Vec<_> = people
        .into_iter()
        .enumerate()
        .map(|(i, who)| tokio::spawn(person(base.clone(), who, step * i as u32, end, tally.clone())))
        .collect();
    let mut saved = Vec::new();
    for t in tasks {
        saved.extend(t.await.expect("person"));
    }
    let wall = started.elapsed();
    let memory = |field: &str| {
        crate::sign_in::status_kb(&server.id().to_string(), field)
            .map_or("?".to_string(), |kb| format!("{:.1} MB", crate::sign_in::mb(kb)))
    };
    let (peak, now) = (memory("VmHWM:"), memory("VmRSS:"));
    let _ = server.kill();
    let _ = server.wait();

    let tally = tally.lock().await;
    let (mut all, mut failures) = (0usize, 0usize);
    for (kind, answers) in &tally.by_kind {
        let mut times: Vec<Duration> = answers.iter().map(|(t, _)| *t).collect();
        times.sort();
        let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
        for (_, s) in answers {
            *statuses.entry(*s).or_insert(0) += 1;
        }
        all += answers.len();
        failures += answers.iter().filter(|(_, s)| *s >= 500).count();
        println!(
            "{kind:<36} {:>6} answers  p50 {:>9.2?}  p99 {:>9.2?}  statuses {statuses:?}",
            answers.len(),
            crate::percentile(&times, 0.5),
            crate::percentile(&times, 0.99),
        );
    }
    println!(
        "all: {all} answers in {wall:.1?} ({:.0} per second), 5xx or no answer: {failures}",
        all as f64 / wall.as_secs_f64()
    );
    println!("server resident memory: peak {peak}, at the end {now}");

    // Every save answered 200 is there once; nothing else is.
    let stored = stored_names(&pool).await;
    let doubled = stored.values().filter(|n| **n > 1).count();
    let acknowledged: std::collections::BTreeSet<&String> = saved.iter().collect();
    let lost = saved.iter().filter(|n| !stored.contains_key(*n)).count();
    let unacknowledged = stored.keys().filter(|n| !acknowledged.contains(n)).count();
    println!(
        "writes: {} saves answered 200, {} rows stored: lost {lost}, doubled {doubled}, stored without a 200 {unacknowledged}",
        saved.len(),
        stored.values().sum::<usize>(),
    );
}
