//! Fresh databases and an in-process server for each test.

use std::sync::atomic::{AtomicUsize, Ordering};

use app::db::{DbPool, DbUrl};
use axum::{body::Body, http::Request, Router};
use diesel::{connection::SimpleConnection, Connection, PgConnection};
use http_body_util::BodyExt;
use tower::ServiceExt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestDb {
    pub pool: DbPool,
    /// Where it is, for a second pool (a second server) on the same database.
    pub url: DbUrl,
    _dir: Option<tempfile::TempDir>,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl TestDb {
    /// A database some other code made (and migrated).
    pub fn from_pool(pool: DbPool, url: DbUrl) -> TestDb {
        TestDb { pool, url, _dir: None }
    }
}

/// A new, empty PostgreSQL database (no schema yet) on the test server, for this test alone.
pub fn new_pg_database() -> String {
    let admin = std::env::var("GATEHOUSE_TEST_PG_URL").unwrap_or_else(|_| {
        panic!(
            "GATEHOUSE_TEST_PG_URL is not set. The PostgreSQL half of the suite needs a server: \
             run `make test`, which installs and starts one, or point the variable at yours."
        )
    });
    let name = format!(
        "gh_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0)
    );
    let mut conn = PgConnection::establish(&admin).expect("connect to the test PostgreSQL");
    conn.batch_execute(&format!("CREATE DATABASE {name}")).expect("create test database");
    let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).expect("URL with a database name");
    format!("{base}/{name}")
}

/// A migrated, empty database of the given kind, used by this test alone.
pub async fn test_db(backend: Backend) -> TestDb {
    let (url, dir) = match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("test.db");
            (DbUrl::Sqlite(path.display().to_string()), Some(dir))
        }
        Backend::Postgres => (DbUrl::Postgres(new_pg_database()), None),
    };
    let pool = tokio::task::spawn_blocking({
        let url = url.clone();
        move || gatehouse::database::open(&url, 4)
    })
    .await
    .expect("join")
    .expect("open test database");
    TestDb { pool, url, _dir: dir }
}

/// Declares `mod $name { sqlite(), postgres() }` running `$body(TestDb)` on each backend.
#[macro_export]
macro_rules! on_both_databases {
    ($name:ident, $body:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$body($crate::support::test_db($crate::support::Backend::Sqlite).await).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$body($crate::support::test_db($crate::support::Backend::Postgres).await).await;
            }
        }
    };
}

/// The shared real data, beside the checkout. Absent data fails the test: every developer
/// machine and CI has it.
pub fn shared_data(file: &str) -> Vec<u8> {
    let path = format!("{}/../../shared/data/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e} (the shared data set belongs beside the checkout)"))
}

pub async fn load_demo(db: &TestDb) {
    gatehouse::demo::load(&db.pool).await.expect("demo loads");
}

pub fn app(db: &TestDb) -> Router {
    gatehouse::router::router(gatehouse::server::app_state(db.pool.clone(), true))
}

pub struct Reply {
    pub status: u16,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    /// The body as sent, for binary files.
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

pub async fn get(app: &Router, uri: &str, headers: &[(&str, &str)]) -> Reply {
    let mut req = Request::get(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    answer(uri, app.clone().oneshot(req.body(Body::empty()).expect("request"))).await
}

/// The whole answer to one request, or a failed test after a minute: a request that never
/// answers (a render whose task died) must fail the run, not hang it until CI gives up.
pub async fn answer<F>(what: &str, response: F) -> Reply
where
    F: std::future::Future<Output = Result<axum::response::Response, std::convert::Infallible>>,
{
    let whole = async {
        let res = response.await.expect("response");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes: bytes.to_vec() }
    };
    tokio::time::timeout(std::time::Duration::from_secs(60), whole)
        .await
        .unwrap_or_else(|_| panic!("{what}: no answer in 60 seconds"))
}

/// Percent-encodes a query value.
pub fn enc(text: &str) -> String {
    app::url::encode_component(text)
}
