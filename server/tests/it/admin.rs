//! The audit log, 帳號活動紀錄, the central authority's unlock and reset, announcements.

use app::accounts::Role;

use crate::{
    client::{create_user, create_user_in, error_of, router, settings, totp_now, Client, SECRET},
    on_both_databases,
    support::{load_demo, TestDb},
};

pub const PASSWORD: &str = "Tz9!mQ2#vbLp";
const ADMIN_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/// A client signed in with the password and the current code.
pub async fn signed_in(app: &axum::Router, username: &str, secret: &str) -> Client {
    let mut c = Client::new(app);
    assert_eq!(c.sign_in(username, PASSWORD).await.status, 200);
    assert_eq!(c.verify(&totp_now(secret, 0)).await.status, 200);
    c
}

async fn activity_unlock_reset_and_audit_export(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "teacher_a", Role::User, PASSWORD, Some(SECRET)).await;
    create_user(&db, "central_a", Role::Central, PASSWORD, Some(ADMIN_SECRET)).await;
    let app = router(&db, settings());

    // The teacher sees their own activity; not other people's, not the admin pages.
    let mut teacher = signed_in(&app, "teacher_a", SECRET).await;
    let own: serde_json::Value = teacher.get("/api/fn/my_activity").await.json();
    let events: Vec<&str> = own.as_array().expect("list").iter().filter_map(|e| e["event"].as_str()).collect();
    assert_eq!(events, ["SecondFactor", "SignIn"], "{own}");
    assert_eq!(teacher.get("/api/fn/admin_find_users?q=").await.status, 403);
    assert_eq!(teacher.get("/admin/audit.csv").await.status, 403);
    let teacher_id = own[0]["id"].as_i64().expect("id");
    assert!(teacher_id > 0);

    // Someone locks the teacher out with a formula for a user agent.
    let mut attacker = Client::new(&app);
    for _ in 0..3 {
        let captcha = attacker.captcha().await;
        let request = axum::http::Request::post("/api/fn/sign_in")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("user-agent", "=cmd|' /C calc'!A0")
            .body(axum::body::Body::from(format!(
                "username=teacher_a&password=x&captcha={}",
                app::url::encode_component(&captcha)
            )))
            .expect("request");
        tower::ServiceExt::oneshot(app.clone(), request).await.expect("response");
    }
    assert_eq!(Client::new(&app).sign_in("teacher_a", PASSWORD).await.status, 400);

    let mut admin = signed_in(&app, "central_a", ADMIN_SECRET).await;
    let rows: serde_json::Value = admin.get("/api/fn/admin_find_users?q=teacher_a").await.json();
    assert_eq!(rows[0]["locked"], true, "{rows}");
    let id = rows[0]["id"].as_i64().expect("id").to_string();
    assert_eq!(admin.post("admin_unlock", &[("user_id", &id)]).await.status, 200);
    let mut again = Client::new(&app);
    assert_eq!(again.sign_in("teacher_a", PASSWORD).await.body, "\"EnterCode\"");

    // Resetting second factors ends the teacher's sessions and forces a new binding.
    assert_eq!(admin.post("admin_reset_factors", &[("user_id", &id)]).await.status, 200);
    assert!(teacher.viewer().await.is_null(), "sessions ended");
    let mut fresh = Client::new(&app);
    assert_eq!(fresh.sign_in("teacher_a", PASSWORD).await.body, "\"BindFactor\"");
    // Another id that does not exist is an error, not a 500.
    assert_eq!(admin.post("admin_unlock", &[("user_id", "999999")]).await.status, 404);

    // The audit export: every event above, the formula defused, UTC and Taiwan times.
    let csv = admin.get("/admin/audit.csv?username=teacher_a").await;
    assert_eq!(csv.status, 200);
    assert!(csv.headers["content-type"].to_str().unwrap_or("").starts_with("text/csv"));
    for expected in ["lockout", "account_unlocked", "factors_reset", "sign_in", "second_factor", "'=cmd|"] {
        assert!(csv.body.contains(expected), "{expected} missing from:\n{}", csv.body);
    }
    assert!(!csv.body.contains(",=cmd"), "a formula reached the CSV unescaped");
    let bad_date = admin.get("/api/fn/admin_audit?username=&from=2026-02-30&to=").await;
    assert_eq!(error_of(&bad_date).0, app::error::AppError::invalid("from", app::i18n::Msg::DateInvalid));
}
on_both_databases!(admin_actions, activity_unlock_reset_and_audit_export);

async fn announcements_and_subsystems_on_the_portal(db: TestDb) {
    load_demo(&db).await;
    let teacher = create_user(&db, "teacher_b", Role::User, PASSWORD, Some(SECRET)).await;
    create_user(&db, "central_b", Role::Central, PASSWORD, Some(ADMIN_SECRET)).await;
    let app = router(&db, settings());
    let mut admin = signed_in(&app, "central_b", ADMIN_SECRET).await;
    for i in 1..=12 {
        let members = if i % 2 == 0 { "true" } else { "" };
        let title = format!("公告 {i}");
        let reply =
            admin.post("save_announcement", &[("title", &title), ("body", "內容"), ("members_only", members)]).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
    }
    let empty = admin.post("save_announcement", &[("title", " "), ("body", "x")]).await;
    assert!(matches!(error_of(&empty).0, app::error::AppError::Invalid { ref field, .. } if field == "title"));

    let mut guest = Client::new(&app);
    let home: serde_json::Value = guest.get("/api/fn/get_portal_home").await.json();
    assert_eq!(home["announcements"].as_array().map(Vec::len), Some(6), "guests see the 6 guest ones");
    assert!(home["subsystems"].as_array().is_some_and(Vec::is_empty));

    let mut member = signed_in(&app, "teacher_b", SECRET).await;
    let page1: serde_json::Value = member.get("/api/fn/get_portal_home").await.json();
    assert_eq!(page1["announcements"].as_array().map(Vec::len), Some(10));
    assert_eq!(page1["pages"], 2);
    let page2: serde_json::Value = member.get("/api/fn/get_portal_home?page=2").await.json();
    assert_eq!(page2["announcements"].as_array().map(Vec::len), Some(2));
    assert!(page1["subsystems"].as_array().is_some_and(Vec::is_empty), "no grants, no entries");
    db.pool
        .run(move |conn| Ok(app::db::portal::grant(conn, teacher, "assets", None, app::db::now())?))
        .await
        .expect("grant");
    let granted: serde_json::Value = member.get("/api/fn/get_portal_home").await.json();
    let codes: Vec<&str> =
        granted["subsystems"].as_array().expect("list").iter().filter_map(|s| s["code"].as_str()).collect();
    assert_eq!(codes, ["assets"]);
    // An open reporting period is due only to one who may submit (提報), until the
    // organization has submitted.
    assert!(granted["due"].is_null(), "no period open");
    let org = db.pool.run(move |conn| Ok(app::db::users::find(conn, teacher)?.org_id)).await.expect("org");
    let period = db
        .pool
        .run(move |conn| {
            let now = app::db::now();
            Ok(app::db::reporting::insert_period(conn, "115 年度資產盤點", now - 60, now + 86_400, teacher, now)?)
        })
        .await
        .expect("period");
    let filler: serde_json::Value = member.get("/api/fn/get_portal_home").await.json();
    assert!(filler["due"].is_null(), "填報 alone does not submit");
    db.pool
        .run(move |conn| Ok(app::db::portal::set_functions(conn, teacher, "assets", "fill,submit")?))
        .await
        .expect("submit");
    let submitter: serde_json::Value = member.get("/api/fn/get_portal_home").await.json();
    assert_eq!(submitter["due"]["title"], "115 年度資產盤點");
    assert_eq!(submitter["signed_in"], true);
    let page = member.get("/").await.body;
    let (due, mine, news, lookup) = (
        page.find("data-testid=\"inventory-due\"").expect("the due period on the page"),
        page.find("id=\"subsystems-heading\"").expect("我的系統"),
        page.find("id=\"announcements-heading\"").expect("最新公告"),
        page.find("id=\"lookup-heading\"").expect("the directory search"),
    );
    assert!(due < mine && mine < news && news < lookup, "what the person came for first");
    assert!(page.contains("<a href=\"/assets\" data-testid=\"inventory-due\""), "it leads to the sheet");
    assert!(!page.contains("href=\"/apply\""), "申請帳號 is for guests");
    db.pool
        .run(move |conn| Ok(app::db::reporting::insert_submission(conn, period, org, &[], teacher, app::db::now())?))
        .await
        .expect("submitted");
    let submitted: serde_json::Value = member.get("/api/fn/get_portal_home").await.json();
    assert!(submitted["due"].is_null(), "submitted: nothing due");
    let page = guest.get("/").await.body;
    assert!(page.contains("data-light=\"true\"") && !page.contains("/pkg/"), "home is a light page");
    let (lookup, news) = (page.find("data-testid=\"lookup\""), page.find("id=\"announcements-heading\""));
    assert!(lookup.is_some() && lookup < news, "a guest's search first");
    assert!(page.contains("href=\"/apply\"") && !page.contains("subsystems-heading"));
    // The central authority sees every subsystem.
    let all: serde_json::Value = admin.get("/api/fn/get_portal_home").await.json();
    assert_eq!(all["subsystems"].as_array().map(Vec::len), Some(2));
}
on_both_databases!(portal, announcements_and_subsystems_on_the_portal);

/// The central authority's account search: each account with its organization, its
/// consecutive failures and lock, and how many second factors it holds, in username order.
async fn the_account_search_shows_each_accounts_lock_and_factors(db: TestDb) {
    use app::db::{factors, failures};
    load_demo(&db).await;
    create_user(&db, "central_s", Role::Central, PASSWORD, Some(ADMIN_SECRET)).await;
    let two = create_user_in(&db, "011601", "search_two", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    for username in ["search_none", "search_locked", "search_failed", "search_expired"] {
        let secret = (username != "search_none").then_some(SECRET);
        create_user(&db, username, Role::User, PASSWORD, secret).await;
    }
    let now = app::db::now();
    db.pool
        .run(move |conn| {
            factors::insert_external(conn, two, app::accounts::FactorKind::SecurityKey, "key", None, "cred-s")?;
            // Locked now; two failures without a lock; a lock that has run out.
            for (key, at, count) in
                [("search_locked", now, 3), ("search_failed", now, 2), ("search_expired", now - 2000, 3)]
            {
                for _ in 0..count {
                    failures::reserve(conn, key, at, 3, 900)?;
                }
                failures::lock_if_reached(conn, key, count, at, 3, 900)?;
            }
            Ok(())
        })
        .await
        .expect("failures and factors");
    let app = router(&db, settings());
    let mut admin = signed_in(&app, "central_s", ADMIN_SECRET).await;
    let rows: serde_json::Value = admin.get("/api/fn/admin_find_users?q=search_").await.json();
    let seen: Vec<(&str, &str, &str, i64, bool, i64, bool)> = rows
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let text = |k: &str| r[k].as_str().unwrap_or_default();
            let number = |k: &str| r[k].as_i64().unwrap_or(-1);
            let flag = |k: &str| r[k].as_bool().unwrap_or_default();
            (
                text("username"),
                text("org_name"),
                text("role"),
                number("failures"),
                flag("locked"),
                number("factors"),
                flag("active"),
            )
        })
        .collect();
    let central = "行政院";
    assert_eq!(
        seen,
        [
            ("search_expired", central, "User", 3, false, 1, true),
            ("search_failed", central, "User", 2, false, 1, true),
            ("search_locked", central, "User", 3, true, 1, true),
            ("search_none", central, "User", 0, false, 0, true),
            ("search_two", "私立育才國小", "OrgAdmin", 0, false, 2, true),
        ],
        "{rows}"
    );
}
on_both_databases!(account_search, the_account_search_shows_each_accounts_lock_and_factors);
