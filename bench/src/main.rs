//! Prints Gatehouse's speed and size figures (run by `make bench`):
//! - import time of the real directory files, on SQLite and (when `GATEHOUSE_BENCH_PG_URL`
//!   is set) PostgreSQL;
//! - lookup latency p50/p99 of `GET /api/v1/orgs?q=…` over the full directory, through the
//!   whole router in-process (no network), one at a time and 8 at once;
//! - password + TOTP sign-ins per second per core against Argon2id alone, latency at 80% of
//!   capacity, memory (see `sign_in.rs`);
//! - the OpenID Connect provider: the code flow (authorize → token → userinfo) one at a time,
//!   RS256 ID-token signing alone per core, token exchanges per second per core against it and
//!   latency at 80% of that (see `provider.rs`);
//! - 500 sub-accounts from one file: read and checked, then created (see `members.rs`);
//! - release wasm, JS and CSS sizes, raw, gzipped and as sent (the build's brotli copy);
//! - the release server's start to a healthy `/healthz` on an empty database and on a restart
//!   (see `start.rs`);
//! - 200 people for 60 seconds against the release server over HTTP, on SQLite and PostgreSQL:
//!   p50/p99 and statuses by kind, throughput, and the writes checked in the database (see
//!   `load.rs`).
//!
//! Figures only: nothing here passes or fails.

use std::{
    io::Write,
    path::Path,
    time::{Duration, Instant},
};

use app::db::{DbPool, DbUrl};

mod inventory;
mod load;
mod members;
mod provider;
mod sign_in;
mod start;
mod workbooks;
use axum::{body::Body, http::Request, Router};
use http_body_util::BodyExt;
use tower::ServiceExt;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data");
/// The national directory: the GDS OID list, the MOE school list and the rename records.
const NATIONAL: [&str; 3] = ["GDS.csv", "e1_new.csv", "change.csv"];
const ROUNDS: usize = 3_000;

/// A mix of what people type: names (台/臺), partial and whole OIDs, school codes.
const QUERIES: [&str; 12] = [
    "教育部",
    "台北",
    "臺北市政府",
    "國小",
    "屏東 新園",
    "衛生福利部",
    "2.16.886.101.20003.20005",
    "2.16.886.101.9000",
    "2.16.886",
    "313601",
    "0116",
    "警察局",
];

fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("gzip in memory");
    enc.finish().expect("gzip in memory").len()
}

fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1024.0)
}

fn print_sizes() {
    println!("\n## Sizes (release)");
    let css = app::style::STYLESHEET.as_bytes();
    println!("CSS   {:>10} raw {:>10} gzip", kb(css.len()), kb(gzip_len(css)));
    let pkg = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/site/pkg");
    let files: Vec<_> = std::fs::read_dir(&pkg).into_iter().flatten().flatten().map(|e| e.path()).collect();
    let named = |prefix: &str, ext: &str| -> Vec<&std::path::PathBuf> {
        files
            .iter()
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                name.starts_with(prefix) && p.extension().is_some_and(|e| e == ext)
            })
            .collect()
    };
    // The split build (app/src/routes.rs): the main module every page loads, the chunks a page
    // adds, and the loader script of the chunks.
    let groups = [
        ("main wasm", named("gatehouse.", "wasm")),
        ("main JS", named("gatehouse.", "js")),
        ("chunk loader JS", named("__wasm_split.", "js")),
        (
            "chunks (all)",
            files
                .iter()
                .filter(|p| p.extension().is_some_and(|e| e == "wasm"))
                .filter(|p| !p.file_name().and_then(|n| n.to_str()).unwrap_or_default().starts_with("gatehouse."))
                .collect(),
        ),
    ];
    for (label, group) in groups {
        if group.is_empty() {
            println!("{label:<16} missing in {}: run scripts/release-build.sh first", pkg.display());
            continue;
        }
        let (mut raw, mut gzip, mut brotli) = (0, 0, 0);
        for path in &group {
            let bytes = std::fs::read(path).unwrap_or_default();
            raw += bytes.len();
            gzip += gzip_len(&bytes);
            // What the server sends a browser that takes brotli: the build's precompressed copy.
            brotli += std::fs::metadata(format!("{}.br", path.display())).map_or(0, |m| m.len() as usize);
        }
        println!(
            "{label:<16} {:>4} files {:>10} raw {:>10} gzip {:>10} brotli as sent",
            group.len(),
            kb(raw),
            kb(gzip),
            kb(brotli)
        );
    }
}

pub(crate) fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn get(app: &Router, uri: &str) {
    let res = app.clone().oneshot(Request::get(uri).body(Body::empty()).expect("request")).await.expect("response");
    assert!(res.status().is_success(), "{uri}: {}", res.status());
    let _ = res.into_body().collect().await.expect("body");
}

async fn bench_backend(label: &str, url: DbUrl) {
    println!("\n## {label}");
    let pool: DbPool = tokio::task::spawn_blocking({
        let url = url.clone();
        move || gatehouse::database::open(&url, 8)
    })
    .await
    .expect("join")
    .expect("open database");
    for file in NATIONAL {
        let bytes = std::fs::read(format!("{DATA}/{file}")).expect("shared data file");
        let started = Instant::now();
        let report = gatehouse::import::import_bytes(&pool, &bytes, false).await.expect("import");
        let first = started.elapsed();
        let started = Instant::now();
        gatehouse::import::import_bytes(&pool, &bytes, false).await.expect("re-import");
        println!(
            "import {file:<11} {:>5} rows added in {first:>9.2?}; unchanged re-import {:>9.2?}",
            report.added,
            started.elapsed()
        );
    }
    let app = gatehouse::router::router(gatehouse::server::app_state(pool.clone(), false));
    members::bench(&pool, &app, &label.to_lowercase()).await;
    let uris: Vec<String> =
        QUERIES.iter().map(|q| format!("/api/v1/orgs?q={}&limit=20", app::url::encode_component(q))).collect();
    for uri in &uris {
        get(&app, uri).await; // warm up
    }
    let mut times = Vec::with_capacity(ROUNDS);
    for i in 0..ROUNDS {
        let started = Instant::now();
        get(&app, &uris[i % uris.len()]).await;
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "lookup, 1 at a time ({ROUNDS} requests): p50 {:.2?}  p99 {:.2?}  max {:.2?}",
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );

    let started = Instant::now();
    let tasks: Vec<_> = (0..8)
        .map(|t| {
            let app = app.clone();
            let uris = uris.clone();
            tokio::spawn(async move {
                let mut times = Vec::new();
                for i in 0..ROUNDS / 8 {
                    let s = Instant::now();
                    get(&app, &uris[(i + t) % uris.len()]).await;
                    times.push(s.elapsed());
                }
                times
            })
        })
        .collect();
    let mut times = Vec::new();
    for task in tasks {
        times.extend(task.await.expect("task"));
    }
    let wall = started.elapsed();
    times.sort();
    println!(
        "lookup, 8 at once   ({} requests): p50 {:.2?}  p99 {:.2?}  throughput {:.0} req/s",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times.len() as f64 / wall.as_secs_f64()
    );
}

/// `directory` (imports, lookups, inventory files, sizes), `workbooks` (hostile files),
/// `sign-in` or `provider`; all when absent. `make bench` runs them as separate processes, so
/// that each part's memory figures are its own.
#[tokio::main]
async fn main() {
    // Memory as the server has it: the same allocator settings as `gatehouse serve`.
    gatehouse::allocator::restart_with_tunables();
    let part = std::env::args().nth(1).unwrap_or_default();
    println!("# Gatehouse benchmark ({} cores)", std::thread::available_parallelism().map_or(1, |n| n.get()));
    if part.is_empty() || part == "directory" {
        let dir = tempfile::tempdir().expect("temp dir");
        bench_backend("SQLite", DbUrl::Sqlite(dir.path().join("bench.db").display().to_string())).await;
        match std::env::var("GATEHOUSE_BENCH_PG_URL") {
            Ok(url) => bench_backend("PostgreSQL", DbUrl::Postgres(url)).await,
            Err(_) => println!("\n## PostgreSQL\nnot measured: GATEHOUSE_BENCH_PG_URL is not set (make bench sets it)"),
        }
        inventory::bench();
        print_sizes();
    }
    if part == "inventory" {
        inventory::bench();
    }
    if part.is_empty() || part == "start" {
        start::bench();
    }
    if part.is_empty() || part == "workbooks" {
        workbooks::bench();
    }
    if part.is_empty() || part == "load" {
        let binary = std::env::var("GATEHOUSE_LOAD_BINARY")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/release/gatehouse"));
        let dir = tempfile::tempdir().expect("temp dir");
        load::bench("SQLite", DbUrl::Sqlite(dir.path().join("load.db").display().to_string()), &binary).await;
        match std::env::var("GATEHOUSE_BENCH_PG_LOAD_URL") {
            Ok(url) => load::bench("PostgreSQL", DbUrl::Postgres(url), &binary).await,
            Err(_) => println!(
                "\n## Load (PostgreSQL)\nnot measured: GATEHOUSE_BENCH_PG_LOAD_URL is not set (make bench sets it)"
            ),
        }
    }
    if part.is_empty() || part == "sign-in" {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = DbUrl::Sqlite(dir.path().join("sign_in.db").display().to_string());
        let pool =
            tokio::task::spawn_blocking(move || gatehouse::database::open(&url, 8)).await.expect("join").expect("open");
        sign_in::bench(pool).await;
    }
    if part.is_empty() || part == "provider" {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = DbUrl::Sqlite(dir.path().join("provider.db").display().to_string());
        let pool =
            tokio::task::spawn_blocking(move || gatehouse::database::open(&url, 8)).await.expect("join").expect("open");
        provider::bench(pool).await;
    }
}
