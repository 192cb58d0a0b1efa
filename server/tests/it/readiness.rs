//! What a load balancer asks of a `gatehouse serve` process. While another server holds the
//! migration (a new release migrating the shared PostgreSQL), this one listens but is not
//! ready: `/healthz` says alive and starting, `/readyz` 503, and people get a 503 in both
//! languages to try again. Once migrated it is ready; when its database goes out it is not,
//! and when the database comes back it is again, without a restart.

use std::time::Duration;

use diesel::{connection::SimpleConnection, Connection, PgConnection};

use crate::{support::new_pg_database, two_servers::Server};

/// `gatehouse::database`'s migration lock, taken here as another server's migration would.
const MIGRATION_LOCK: i64 = 0x6761_7465_686f_7573;

async fn status(port: u16, path: &str) -> (u16, String) {
    match reqwest::get(format!("http://127.0.0.1:{port}{path}")).await {
        Ok(answer) => (answer.status().as_u16(), answer.text().await.unwrap_or_default()),
        Err(_) => (0, String::new()),
    }
}

/// Asks `path` until it answers `want`, for at most 20 seconds; the last answer.
async fn until(port: u16, path: &str, want: u16) -> (u16, String) {
    let mut last = (0, String::new());
    for _ in 0..200 {
        last = status(port, path).await;
        if last.0 == want {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    last
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ready_only_when_migrated_and_the_database_answers() {
    let url = new_pg_database();
    let name = url.rsplit('/').next().expect("database name").to_string();
    let admin_url = std::env::var("GATEHOUSE_TEST_PG_URL").expect("GATEHOUSE_TEST_PG_URL");
    let mut other_server = PgConnection::establish(&url).expect("connect");
    other_server.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})")).expect("lock");

    let server = Server::spawn(&url);
    let port = server.port();
    let (code, body) = until(port, "/healthz", 200).await;
    assert_eq!(code, 200, "alive while it waits: {body}");
    assert!(body.contains("\"starting\""), "{body}");
    let (code, body) = status(port, "/readyz").await;
    assert_eq!((code, body.contains("\"starting\"")), (503, true), "{body}");
    let page = reqwest::get(format!("http://127.0.0.1:{port}/sign-in")).await.expect("asked");
    assert_eq!(page.status(), 503);
    assert_eq!(page.headers().get("retry-after").and_then(|v| v.to_str().ok()), Some("5"));
    let text = page.text().await.expect("text");
    assert!(text.contains("正在啟動") && text.contains("is starting"), "{text}");
    // Still waiting a moment later: it is the lock it waits for.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(status(port, "/readyz").await.0, 503);

    other_server.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})")).expect("unlock");
    let (code, body) = until(port, "/readyz", 200).await;
    assert_eq!(code, 200, "{body}");
    assert!(body.contains("\"version\""), "{body}");
    assert_eq!(status(port, "/sign-in").await.0, 200);
    drop(other_server);

    // The database goes out: no connection is let in, and those open are ended.
    let mut admin = PgConnection::establish(&admin_url).expect("admin");
    admin
        .batch_execute(&format!(
            "ALTER DATABASE {name} ALLOW_CONNECTIONS false; \
             SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
        ))
        .expect("database out");
    let (code, body) = until(port, "/readyz", 503).await;
    assert_eq!(code, 503, "{body}");
    assert!(body.contains("unreachable"), "{body}");
    // Back: ready again, the same process.
    admin.batch_execute(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true")).expect("database back");
    let (code, body) = until(port, "/readyz", 200).await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(status(port, "/sign-in").await.0, 200);
}
