//! Two `gatehouse serve` processes on one PostgreSQL, as a national deployment runs them behind
//! a load balancer: started together on an empty database, they migrate it once; a session
//! started on one is good on the other and ended on both by one sign-out; a lock caused on one
//! refuses the sign-in on the other. (Each mail is sent once by one of them: see `mail.rs`.)

use std::{
    process::{Child, Command, Stdio},
    time::Duration,
};

use app::accounts::Role;
use axum::{body::Body, extract::Request, response::Response, Router};

use crate::{
    client::{create_user, error_of, totp_now, Client, SECRET},
    mail::free_port,
    support::{load_demo, new_pg_database, TestDb},
};

const PASSWORD: &str = "Tz9!mQ2#vbLp";

/// A migration version and how many times it was recorded.
#[derive(diesel::QueryableByName, Debug)]
struct Applied {
    #[diesel(sql_type = diesel::sql_types::Text)]
    // Shown when the assertion fails.
    #[allow(dead_code)]
    version: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    times: i64,
}

/// A `gatehouse serve` process; killed (`kill -9`) when dropped or by `kill`.
pub struct Server {
    child: Child,
    port: u16,
}

impl Server {
    pub fn spawn(database_url: &str) -> Server {
        Server::spawn_with(database_url, &[])
    }

    /// With more settings (`GATEHOUSE_…` variables) than the tests' defaults.
    pub fn spawn_with(database_url: &str, settings: &[(&str, &str)]) -> Server {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_gatehouse"))
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            // The tests' key (`client::test_keys`), so the secrets the test seals open here.
            .env("GATEHOUSE_SECRET_KEY", "07".repeat(32))
            .env("GATEHOUSE_CAPTCHA_BITS", "4")
            .env("RUST_LOG", "warn")
            .envs(settings.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the gatehouse binary");
        Server { child, port }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Waits until the server is ready for traffic (`/readyz`: migrated, keys opened).
    pub async fn healthy(&mut self) {
        let url = format!("http://127.0.0.1:{}/readyz", self.port);
        for _ in 0..300 {
            if reqwest::get(&url).await.is_ok_and(|r| r.status().is_success()) {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the server on port {} ended: {status}", self.port);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server on port {} did not become healthy", self.port);
    }

    /// A router that passes every request to this process over HTTP, so `Client` (cookies,
    /// CAPTCHA, server functions) talks to it as to an in-process router.
    pub fn remote(&self) -> Router {
        let base = format!("http://127.0.0.1:{}", self.port);
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
        Router::new().fallback(move |request: Request| {
            let (http, base) = (http.clone(), base.clone());
            async move {
                let (parts, body) = request.into_parts();
                let body = axum::body::to_bytes(body, usize::MAX).await.expect("body");
                let mut out = http.request(parts.method, format!("{base}{}", parts.uri)).body(body);
                for (name, value) in &parts.headers {
                    out = out.header(name, value);
                }
                // A server killed mid-request: the client sees a bad gateway, as behind a proxy.
                let Ok(answer) = out.send().await else {
                    return Response::builder().status(502).body(Body::empty()).expect("response");
                };
                let mut response = Response::builder().status(answer.status());
                for (name, value) in answer.headers() {
                    response = response.header(name, value);
                }
                response.body(Body::from(answer.bytes().await.expect("body"))).expect("response")
            }
        })
    }
}

impl Server {
    /// `kill -9`: no shutdown, whatever it was doing.
    pub fn kill(&mut self) {
        self.child.kill().expect("kill -9");
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `serve` runs with its glibc settings (`gatehouse::allocator`: the threshold for large
/// blocks, one arena per core), as the same process: killing the id it was started as ends it.
#[tokio::test]
async fn a_server_runs_with_its_allocator_settings() {
    let dir = tempfile::tempdir().expect("dir");
    let mut server = Server::spawn(&format!("sqlite://{}/a.db", dir.path().display()));
    server.healthy().await;
    let environ = std::fs::read(format!("/proc/{}/environ", server.child.id())).expect("environ");
    let set = format!("GLIBC_TUNABLES={}", gatehouse::allocator::tunables());
    // glibc 2.36 reads the variable in place, leaving a NUL where each `:` was.
    let as_read = set.replace(':', "\0");
    let found = |text: &str| environ.windows(text.len()).any(|w| w == text.as_bytes());
    assert!(found(&set) || found(&as_read), "{set} is in the server's environment");
    server.kill();
    assert!(reqwest::get(format!("http://127.0.0.1:{}/healthz", server.port)).await.is_err(), "ended by its id");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgresql() {
    let url = new_pg_database();
    // Both start at once on the empty database: one migrates, the other waits and finds the
    // schema done (an advisory lock, `database::migrate`).
    let (mut one, mut two) = (Server::spawn(&url), Server::spawn(&url));
    one.healthy().await;
    two.healthy().await;
    let db_url = app::db::DbUrl::Postgres(url.clone());
    let pool = tokio::task::spawn_blocking({
        let url = db_url.clone();
        move || gatehouse::database::open(&url, 4)
    })
    .await
    .expect("join")
    .expect("open");
    let db = TestDb::from_pool(pool, db_url);
    let applied: Vec<Applied> = tokio::task::spawn_blocking({
        let url = url.clone();
        move || {
            use diesel::{Connection, RunQueryDsl};
            let mut conn = diesel::PgConnection::establish(&url).expect("connect");
            diesel::sql_query("SELECT version, COUNT(*) AS times FROM __diesel_schema_migrations GROUP BY version")
                .load::<Applied>(&mut conn)
                .expect("migrations")
        }
    })
    .await
    .expect("join");
    let migrations =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations/postgres")).expect("dir").count();
    assert_eq!(applied.len(), migrations, "every migration applied");
    assert!(applied.iter().all(|a| a.times == 1), "each once: {applied:?}");

    load_demo(&db).await;
    create_user(&db, "twin_user", Role::User, PASSWORD, Some(SECRET)).await;
    let (to_one, to_two) = (one.remote(), two.remote());

    // A session started on one server is good on the other, and one sign-out ends it on both.
    let mut first = Client::new(&to_one);
    assert_eq!(first.sign_in("twin_user", PASSWORD).await.status, 200);
    assert_eq!(first.verify(&totp_now(SECRET, 0)).await.status, 200);
    let mut second = Client::with_cookie(&to_two, first.cookie.clone());
    assert_eq!(second.viewer().await["username"], "twin_user");
    assert_eq!(second.post("sign_out", &[]).await.status, 200);
    assert!(first.viewer().await.is_null(), "ended on the first server too");
    assert!(Client::with_cookie(&to_two, first.cookie.clone()).viewer().await.is_null());

    // A lock caused on one server refuses the right password on the other.
    let mut attacker = Client::new(&to_one);
    for _ in 0..3 {
        assert_eq!(attacker.sign_in("twin_user", "wrong password").await.status, 400);
    }
    let mut owner = Client::new(&to_two);
    let refused = owner.sign_in("twin_user", PASSWORD).await;
    assert_eq!(refused.status, 400);
    let (_, text) = error_of(&refused);
    assert!(text.contains("鎖定"), "{text}");
    assert!(owner.cookie.is_none());
}
