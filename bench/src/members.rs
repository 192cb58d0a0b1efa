//! 批次新增子帳號 at 500 rows, through the whole router in-process: reading and checking the
//! file (`POST /members/import`), then creating every account in one transaction, each with
//! its set-password link mailed through the outbox (`create_members`).

use std::time::Instant;

use app::{
    accounts::{Role, SessionStage},
    db::{now, sessions::SessionRow, users::NewUser, DbPool},
};
use axum::{body::Body, http::Request, Router};
use http_body_util::BodyExt;
use tower::ServiceExt;

const ROWS: usize = 500;
const SCHOOL: &str = "313601";

async fn send(app: &Router, request: Request<Body>) -> (u16, String) {
    let res = app.clone().oneshot(request).await.expect("response");
    let status = res.status().as_u16();
    let body = res.into_body().collect().await.expect("body").to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// A main account of the school with a fresh session, as a sign-in would leave it: its cookie.
async fn main_account(pool: &DbPool, tag: &str) -> String {
    let token = format!("bench-session-{tag}-{}", app::auth::codes::new_link_token());
    let (hash, username) = (app::flows::session::token_hash(&token), format!("bench_main_{tag}"));
    pool.run(move |conn| {
        let org_id = app::db::orgs::find_id(conn, &app::directory::OrgKey::from_segment(SCHOOL))?.0;
        let new = NewUser {
            org_id,
            username,
            display_name: "校長".into(),
            email: "principal@bench.edu.tw".into(),
            role: Some(Role::OrgAdmin),
            ..Default::default()
        };
        let id = app::db::users::insert(conn, &new)?;
        app::db::users::set_password(conn, id, "not-a-real-hash")?;
        let t = now();
        let row = SessionRow {
            id_hash: hash,
            user_id: id,
            stage: SessionStage::Full,
            pending_secret: None,
            ip: "127.0.0.1".into(),
            user_agent: "bench".into(),
            created_at: t,
            last_seen_at: t,
            expires_at: t + 3600,
            verified_at: Some(t),
            sid: app::auth::codes::new_link_token()[..32].to_string(),
            amr: "pwd otp mfa".into(),
            signed_in_at: Some(t),
        };
        Ok(app::db::sessions::insert(conn, &row)?)
    })
    .await
    .expect("main account");
    format!("{}={token}", app::auth::request::PLAIN_COOKIE)
}

pub async fn bench(pool: &DbPool, app: &Router, tag: &str) {
    let cookie = main_account(pool, tag).await;
    let mut csv = String::from("帳號,姓名,處室名稱,職稱,公務電話,分機,公務信箱\n");
    for i in 0..ROWS {
        csv.push_str(&format!("{tag}{i:04},王小明,教務處,教師,02-2345-6789,{i},t{tag}{i:04}@school.edu.tw\n"));
    }
    let request = |uri: &str, kind: &str, body: String| {
        Request::post(uri)
            .header("content-type", kind)
            .header("sec-fetch-site", "same-origin")
            .header("cookie", &cookie)
            .body(Body::from(body))
            .expect("request")
    };
    let started = Instant::now();
    let (status, checked) = send(app, request("/members/import", "text/csv", csv)).await;
    let read = started.elapsed();
    assert_eq!(status, 200, "{checked}");
    let file: serde_json::Value = serde_json::from_str(&checked).expect("file");
    let rows: Vec<serde_json::Value> =
        file["rows"].as_array().expect("rows").iter().map(|r| r["new"].clone()).collect();
    let captcha = crate::sign_in::challenge(app).await;
    let body = serde_json::json!({ "rows": rows, "captcha": captcha }).to_string();
    let started = Instant::now();
    let (status, made) = send(app, request("/api/fn/create_members", "application/json", body)).await;
    let created = started.elapsed();
    assert_eq!((status, made.as_str()), (200, ROWS.to_string().as_str()));
    println!(
        "sub-accounts from a file ({ROWS} rows): read and check {read:>9.2?}; create all, each mailed {created:>9.2?}"
    );
}
