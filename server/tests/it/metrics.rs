//! The Prometheus metrics of a running `gatehouse serve`: on their own address, or on the
//! public one only with the token, never otherwise; and each number moves when the thing it
//! counts happens (a page, a wrong password, a lockout, mail waiting and failing, a job's
//! round, the pool's size).

use std::{collections::HashMap, time::Duration};

use app::{accounts::Role, db::DbUrl};

use crate::{
    client::{all_at_once, create_user_in, request, totp_now, Client, SECRET},
    mail::free_port,
    support::{load_demo, TestDb},
    two_servers::Server,
};

const PASSWORD: &str = "Tz9!mQ2#vbLp";
const ORG: &str = "2.16.886.101.20003.20005";
const TOKEN: &str = "metrics-token-for-the-tests-0123456789";

/// Every sample of the exposition, by its name with labels as written (`name{a="b"}`).
async fn scrape(url: &str) -> HashMap<String, f64> {
    let text = reqwest::get(url).await.expect("metrics").text().await.expect("text");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.rsplit_once(' ').and_then(|(k, v)| v.parse().ok().map(|v| (k.to_string(), v))))
        .collect()
}

fn value(samples: &HashMap<String, f64>, key: &str) -> f64 {
    samples.get(key).copied().unwrap_or(0.0)
}

/// Scrapes until `ready` holds of the samples, for at most 15 seconds (the outbox worker's
/// round is every 5).
async fn scrape_until(url: &str, ready: impl Fn(&HashMap<String, f64>) -> bool) -> HashMap<String, f64> {
    for _ in 0..150 {
        let samples = scrape(url).await;
        if ready(&samples) {
            return samples;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    scrape(url).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_numbers_move_when_what_they_count_happens() {
    let dir = tempfile::tempdir().expect("dir");
    let url = DbUrl::Sqlite(dir.path().join("m.db").display().to_string());
    let db = TestDb::from_pool(gatehouse::database::open(&url, 4).expect("database"), url);
    load_demo(&db).await;
    create_user_in(&db, ORG, "metrics_user", Role::User, PASSWORD, Some(SECRET)).await;
    create_user_in(&db, ORG, "metrics_locked", Role::User, PASSWORD, Some(SECRET)).await;
    let metrics_port = free_port();
    let metrics_addr = format!("127.0.0.1:{metrics_port}");
    let mut server = Server::spawn_with(
        &format!("sqlite://{}", dir.path().join("m.db").display()),
        &[
            ("GATEHOUSE_METRICS_ADDR", &metrics_addr),
            ("GATEHOUSE_METRICS_TOKEN", TOKEN),
            ("GATEHOUSE_DB_POOL_SIZE", "7"),
            ("GATEHOUSE_LOCKOUT_FAILURES", "3"),
            // A mail server that is not there: every delivery fails.
            ("GATEHOUSE_SMTP_HOST", "127.0.0.1"),
            ("GATEHOUSE_SMTP_PORT", &free_port().to_string()),
            ("GATEHOUSE_SMTP_SECURITY", "none"),
        ],
    );
    server.healthy().await;
    let metrics = format!("http://{metrics_addr}/metrics");
    let app = server.remote();
    // The first sweep runs on its own task as the server starts.
    let housekeeping = "gatehouse_job_last_run_timestamp_seconds{job=\"housekeeping\"}";
    let before = scrape_until(&metrics, |s| value(s, housekeeping) > 0.0).await;

    // The levels: the pool as configured, the jobs that ran at start.
    assert_eq!(value(&before, "gatehouse_db_pool_max"), 7.0);
    assert!(value(&before, housekeeping) > 1.7e9);
    assert_eq!(value(&before, "gatehouse_build_info{version=\"0.1.0\"}"), 1.0);

    // A page.
    let pages = "gatehouse_http_requests_total{route=\"/sign-in\",method=\"GET\",status=\"200\"}";
    assert_eq!(Client::new(&app).get("/sign-in").await.status, 200);
    // A wrong password, and a right one with its code.
    let mut c = Client::new(&app);
    assert_eq!(c.sign_in("metrics_user", "wrong-password-1").await.status, 400);
    assert_eq!(c.sign_in("metrics_user", PASSWORD).await.status, 200);
    assert_eq!(c.verify(&totp_now(SECRET, 0)).await.status, 200);
    // An account locked by wrong passwords.
    for _ in 0..3 {
        Client::new(&app).sign_in("metrics_locked", "wrong-password-2").await;
    }
    // A burst from one address against the hashing queue (names no account has, which are
    // hashed all the same, each tried once so that none is locked): each refusal is counted.
    let mut burst = Vec::new();
    for i in 0..12 {
        let mut c = Client::new(&app);
        let captcha = c.captcha().await;
        let form = vec![
            ("username".to_string(), format!("nobody_{i}")),
            ("password".to_string(), "wrong".to_string()),
            ("captcha".to_string(), captcha),
        ];
        burst.push((c, "sign_in", form));
    }
    let refused = all_at_once(burst).await.iter().filter(|r| r.status == 503).count();
    // Mail queued for 忘記密碼, which the absent mail server then refuses.
    assert_eq!(request(&mut Client::new(&app), "測試者", "metrics_user", "metrics_user@test.edu.tw").await, 200);

    let failures = "gatehouse_outbox_failures_total{channel=\"email\"}";
    let after = scrape_until(&metrics, |s| value(s, failures) >= 1.0).await;
    let moved = |key: &str| value(&after, key) - value(&before, key);
    assert_eq!(moved(pages), 1.0, "{pages}");
    assert!(
        moved("gatehouse_http_request_duration_seconds_count{route=\"/sign-in\",method=\"GET\"}") >= 1.0,
        "the page's time"
    );
    let step = |step: &str, method: &str, outcome: &str| {
        format!("gatehouse_sign_in_steps_total{{step=\"{step}\",method=\"{method}\",outcome=\"{outcome}\"}}")
    };
    assert!(moved(&step("sign_in", "password", "failure")) >= 3.0, "{after:#?}");
    assert!(moved(&step("sign_in", "password", "success")) >= 1.0, "{after:#?}");
    assert_eq!(moved(&step("second_factor", "totp", "success")), 1.0, "{after:#?}");
    assert_eq!(moved("gatehouse_lockouts_total"), 1.0);
    assert_eq!(moved("gatehouse_password_hash_refused_total"), refused as f64);
    assert!(value(&after, failures) >= 1.0, "a failed delivery is counted");
    assert!(value(&after, "gatehouse_outbox_waiting{channel=\"email\"}") >= 1.0, "still waiting after a failure");
    assert!(value(&after, "gatehouse_job_last_run_timestamp_seconds{job=\"outbox\"}") > 1.7e9);
    assert!(value(&after, "gatehouse_db_pool_connections{state=\"idle\"}") >= 1.0);

    // On the public address: only with the token.
    let public = reqwest::Client::new();
    let at = format!("http://127.0.0.1:{}/metrics", server.port());
    assert_eq!(public.get(&at).send().await.expect("asked").status(), 401);
    assert_eq!(
        public.get(&at).bearer_auth("metrics-token-for-the-tests-wrong-00000").send().await.expect("asked").status(),
        401
    );
    let answer = public.get(&at).bearer_auth(TOKEN).send().await.expect("asked");
    assert_eq!(answer.status(), 200);
    assert!(answer.text().await.expect("text").contains("gatehouse_lockouts_total 1"));
}

/// Without metrics settings there is no endpoint at all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_metrics_unless_configured() {
    let dir = tempfile::tempdir().expect("dir");
    let mut server = Server::spawn(&format!("sqlite://{}/n.db", dir.path().display()));
    server.healthy().await;
    let answer = reqwest::get(format!("http://127.0.0.1:{}/metrics", server.port())).await.expect("asked");
    assert_eq!(answer.status(), 404);
}
