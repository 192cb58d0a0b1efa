//! 用戶約定條款: only the central authority publishes a version; from then on every account,
//! the publisher too, is refused by every server function but the agreement, its viewer and
//! sign-out until it agrees to the version in force; an agreement to an older version does not
//! count, two at once record one, and a new version asks again, also at the next sign-in and
//! before a subsystem's sign-in. The auditors' export lists each agreement with its version
//! and time, for the central authority only.

use app::{accounts::Role, error::AppError};

use crate::{
    client::{all_at_once, create_user_in, error_of, refused_at, router, settings, totp_now, Client, SECRET},
    inventory::grant_assets,
    on_both_databases,
    provider::{authorize_uri, location, Provider},
    support::{load_demo, TestDb},
};

const PASSWORD: &str = "Tz9!mQ2#vbLp";
const ORG: &str = "2.16.886.101.20003.20005";
const CENTRAL_ORG: &str = "2.16.886.101.20003";

async fn org_id(db: &TestDb) -> i64 {
    db.pool
        .run(|conn| Ok(app::db::orgs::find_id(conn, &app::directory::OrgKey::Oid(ORG.into()))?.0))
        .await
        .expect("org")
}

/// Signs `username` in with the code `step` steps from now; the answer's next page.
async fn sign_in(c: &mut Client, username: &str, step: i64) -> String {
    assert_eq!(c.sign_in(username, PASSWORD).await.status, 200, "{username}");
    let reply = c.verify(&totp_now(SECRET, step)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json().as_str().unwrap_or_default().to_string()
}

fn refused_for_terms(reply: &crate::support::Reply) {
    assert_eq!(reply.status, 403, "{}", reply.body);
    assert_eq!(error_of(reply).0, AppError::TermsRequired);
}

async fn agreements(db: &TestDb) -> Vec<(i64, i64)> {
    db.pool
        .run(|conn| {
            use app::db::schema::terms_agreements as a;
            use diesel::prelude::*;
            Ok(a::table.order((a::user_id, a::version)).select((a::user_id, a::version)).load(conn)?)
        })
        .await
        .expect("agreements")
}

async fn terms_come_first(db: TestDb) {
    load_demo(&db).await;
    let central_id = create_user_in(&db, CENTRAL_ORG, "terms_central", Role::Central, PASSWORD, Some(SECRET)).await;
    let user_id = create_user_in(&db, ORG, "terms_user", Role::User, PASSWORD, Some(SECRET)).await;
    grant_assets(&db, user_id).await;
    let app = router(&db, settings());
    let inventory = format!("/api/fn/get_inventory?org_id={}", org_id(&db).await);

    // Nothing published: nothing is asked.
    let mut user = Client::new(&app);
    assert_eq!(sign_in(&mut user, "terms_user", -1).await, "Home");
    assert_eq!(user.get(&inventory).await.status, 200);
    assert_eq!(user.get("/api/fn/get_terms").await.json()["terms"], serde_json::Value::Null);

    // Only the central authority publishes, and not an empty text.
    let publish = |zh: &'static str| vec![("body_zh", zh), ("body_en", "Version text")];
    assert_eq!(user.post("publish_terms", &publish("第一版")).await.status, 403);
    assert_eq!(Client::new(&app).post("publish_terms", &publish("第一版")).await.status, 401);
    let mut central = Client::new(&app);
    sign_in(&mut central, "terms_central", -1).await;
    refused_at(&central.post("publish_terms", &publish("  ")).await, "body_zh", app::i18n::Msg::TermsTextRequired);
    let published = central.post("publish_terms", &publish("第一條 帳號僅限本人使用。")).await;
    assert_eq!((published.status, published.json()), (200, serde_json::json!(1)));

    // From now on both the member and the publisher are refused, reading and writing, until
    // they agree; the viewer says so, and the terms page shows the text in their language.
    refused_for_terms(&user.get(&inventory).await);
    refused_for_terms(&user.post_json("save_inventory", &serde_json::json!({ "org_id": 1, "changes": [] })).await);
    refused_for_terms(&central.post("publish_terms", &publish("第二版")).await);
    refused_for_terms(&central.get("/api/fn/my_consents").await);
    assert_eq!(user.viewer().await["terms_pending"], true);
    let page = user.get("/api/fn/get_terms").await.json();
    assert_eq!((page["pending"].clone(), page["terms"]["version"].clone()), (true.into(), 1.into()));
    assert_eq!(page["terms"]["body"], "第一條 帳號僅限本人使用。");
    assert_eq!(page["agreed"], serde_json::Value::Null, "counts are for the central authority");

    // An agreement to a version not in force is refused, and records nothing.
    refused_at(&user.post("agree_terms", &[("version", "7")]).await, "version", app::i18n::Msg::TermsChanged);
    assert!(agreements(&db).await.is_empty());
    // Two taps at once: both answered, one agreement.
    let replies = all_at_once(vec![
        (user.clone(), "agree_terms", vec![("version".into(), "1".into())]),
        (user.clone(), "agree_terms", vec![("version".into(), "1".into())]),
    ])
    .await;
    for reply in &replies {
        assert_eq!((reply.status, reply.json()), (200, serde_json::json!("Home")), "{}", reply.body);
    }
    assert_eq!(agreements(&db).await, [(user_id, 1)]);
    assert_eq!(user.get(&inventory).await.status, 200);
    assert!(user.get("/api/fn/get_terms").await.json()["terms"]["agreed_at"].is_i64());

    // The central authority agrees too, sees the count, and publishes a second version: the
    // member is asked again, and its agreement to the first no longer counts.
    assert_eq!(central.post("agree_terms", &[("version", "1")]).await.status, 200);
    assert_eq!(central.get("/api/fn/get_terms").await.json()["agreed"], serde_json::json!([2, 2]));
    assert_eq!(central.post("publish_terms", &publish("第二版")).await.json(), serde_json::json!(2));
    refused_for_terms(&user.get(&inventory).await);
    refused_at(&user.post("agree_terms", &[("version", "1")]).await, "version", app::i18n::Msg::TermsChanged);
    // Signing in again leads to the terms first.
    let mut again = Client::new(&app);
    assert_eq!(sign_in(&mut again, "terms_user", 1).await, "AgreeTerms");
    // Sign-out is not refused.
    assert_eq!(again.post("sign_out", &[]).await.status, 200);

    // The auditors' export: the central authority's alone, each agreement with its version.
    assert_eq!(user.get("/admin/terms/agreements.csv").await.status, 403);
    assert_eq!(central.post("agree_terms", &[("version", "2")]).await.status, 200);
    let csv = central.get("/admin/terms/agreements.csv").await;
    assert_eq!(csv.status, 200, "{}", csv.body);
    let lines: Vec<&str> = csv.body.lines().collect();
    assert!(
        lines[0].trim_start_matches('\u{feff}').starts_with("username,name,organization,oid,version,agreed_utc"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), 4, "{}", csv.body);
    assert!(lines.iter().any(|l| l.starts_with("terms_user,") && l.contains(",1,")), "{}", csv.body);
    assert!(lines.iter().any(|l| l.starts_with("terms_central,") && l.contains(",2,")), "{}", csv.body);
    assert_eq!(agreements(&db).await, [(central_id, 1), (central_id, 2), (user_id, 1)]);
    // Each publication and each first agreement is in the audit log, with its version.
    let audited = db
        .pool
        .run(|conn| {
            use app::db::schema::audit_events as e;
            use diesel::prelude::*;
            Ok(e::table
                .filter(e::event.like("terms_%"))
                .order(e::id)
                .select((e::event, e::username, e::detail))
                .load::<(String, Option<String>, String)>(conn)?)
        })
        .await
        .expect("audit");
    let audited: Vec<(&str, &str, &str)> =
        audited.iter().map(|(e, u, d)| (e.as_str(), u.as_deref().unwrap_or(""), d.as_str())).collect();
    assert_eq!(
        audited,
        [
            ("terms_published", "terms_central", "1"),
            ("terms_agreed", "terms_user", "1"),
            ("terms_agreed", "terms_central", "1"),
            ("terms_published", "terms_central", "2"),
            ("terms_agreed", "terms_central", "2"),
        ]
    );
}
on_both_databases!(terms_of_use, terms_come_first);

/// A subsystem's sign-in waits for the terms: the browser goes to them, the request waiting,
/// and comes back to it once they are agreed.
async fn subsystems_wait_for_the_terms(db: TestDb) {
    let p = Provider::start(&db).await;
    p.consent(p.teacher, "demo").await;
    let mut c = p.signed_in("teacher01").await;
    p.state
        .read(|conn| Ok(app::db::terms::publish(conn, "條款", "Terms", 1, app::db::now())?))
        .await
        .expect("published");
    let reply = c.get(&authorize_uri("demo", &[])).await;
    assert_eq!(location(&reply), "/terms", "{} {}", reply.status, reply.body);
    let next = c.post("agree_terms", &[("version", "1")]).await;
    assert_eq!(next.json(), serde_json::json!("Resume"), "{}", next.body);
    let resumed = location(&c.get("/oidc/resume").await);
    assert!(resumed.starts_with("/oidc/authorize?client_id=demo"), "the request as it waited: {resumed}");
    let answered = location(&c.get(&resumed).await);
    assert!(answered.contains("code="), "back at the subsystem with a code: {answered}");
}
on_both_databases!(terms_before_subsystems, subsystems_wait_for_the_terms);
