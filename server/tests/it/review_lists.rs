//! The review queue and the organization admins' list at the sizes a national rollout gives
//! them: a page at a time, searchable by person or organization, and never wider than the
//! viewer's scope.

use app::{
    accounts::{ApplicationKind, Role},
    db::{
        orgs::find_id,
        users::{self, NewUser},
    },
    directory::OrgKey,
};
use gatehouse::demo::{pending_applications, Applicant};

use crate::{
    applications::{signed_in, PASSWORD},
    client::{create_user_in, router, settings, SECRET},
    on_both_databases,
    support::{load_demo, TestDb},
};

const SCHOOL: &str = "011601";
const AGENCY: &str = "2.16.886.101.20003.20005";

/// `n` submitted applications of `kind` to `org`, the i-th submitted at second `from + i`,
/// usernames and names `{prefix}{i}`.
async fn pending(db: &TestDb, org: &str, kind: ApplicationKind, prefix: &str, n: usize, from: i64) {
    let people = (0..n).map(|i| Applicant { username: format!("{prefix}{i}"), display_name: format!("{prefix}{i}") });
    pending_applications(&db.pool, org, kind, people.collect(), from).await.expect("applications");
}

fn usernames(page: &serde_json::Value) -> Vec<String> {
    page["rows"].as_array().expect("rows").iter().filter_map(|r| r["username"].as_str().map(str::to_string)).collect()
}

async fn pages_and_search(db: TestDb) {
    load_demo(&db).await;
    create_user_in(&db, "2.16.886.101.20003", "centralone", Role::Central, PASSWORD, Some(SECRET)).await;
    create_user_in(&db, SCHOOL, "schooladmin", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    pending(&db, AGENCY, ApplicationKind::OrgAdmin, "agency", 30, 1_000).await;
    pending(&db, SCHOOL, ApplicationKind::OrgAdmin, "school", 15, 2_000).await;
    pending(&db, SCHOOL, ApplicationKind::User, "teacher", 3, 3_000).await;
    let app = router(&db, settings());
    let mut central = signed_in(&app, "centralone").await;

    // 45 organization admins' applications: three pages of 20, oldest first, each once.
    let mut seen = Vec::new();
    for page in 1..=3 {
        let got: serde_json::Value =
            central.get(&format!("/api/fn/list_applications?kind=org_admin&page={page}")).await.json();
        assert_eq!(
            (got["total"].as_i64(), got["page"].as_i64(), got["per_page"].as_i64()),
            (Some(45), Some(page), Some(20))
        );
        seen.extend(usernames(&got));
    }
    let expected: Vec<String> =
        (0..30).map(|i| format!("agency{i}")).chain((0..15).map(|i| format!("school{i}"))).collect();
    assert_eq!(seen, expected);
    // A page past the end is the last page; a nonsense one the first.
    let got: serde_json::Value = central.get("/api/fn/list_applications?kind=org_admin&page=99").await.json();
    assert_eq!((got["page"].as_i64(), usernames(&got).len()), (Some(3), 5));
    assert_eq!(central.get("/api/fn/list_applications?kind=org_admin&page=x").await.status, 400);

    // Search by the school's name, its code, a person; `%` is a character, not a wildcard.
    for (q, total) in [("育才", 15), ("011601", 15), ("agency2", 11), ("school14", 1), ("%", 0), ("ＸＹ", 0)] {
        let got: serde_json::Value =
            central.get(&format!("/api/fn/list_applications?kind=org_admin&q={}", crate::support::enc(q))).await.json();
        assert_eq!(got["total"].as_i64(), Some(total), "{q}: {got}");
    }

    // The school's admin sees its own users' applications only, whatever it searches for.
    let mut school = signed_in(&app, "schooladmin").await;
    let got: serde_json::Value = school.get("/api/fn/list_applications?kind=user&q=").await.json();
    assert_eq!(usernames(&got), ["teacher0", "teacher1", "teacher2"]);
    let got: serde_json::Value = school.get("/api/fn/list_applications?kind=user&q=agency").await.json();
    assert_eq!(got["total"].as_i64(), Some(0));
    assert_eq!(school.get("/api/fn/list_applications?kind=org_admin&q=agency").await.status, 403);

    // The admins' list: a page of 50, searchable the same way.
    db.pool
        .run(|conn| {
            let org_id = find_id(conn, &OrgKey::from_segment(AGENCY))?.0;
            for i in 0..54 {
                users::insert(
                    conn,
                    &NewUser {
                        org_id,
                        username: format!("admin{i:02}"),
                        display_name: format!("管理者{i}"),
                        email: format!("admin{i}@test.gov.tw"),
                        role: Some(Role::OrgAdmin),
                        ..Default::default()
                    },
                )?;
            }
            Ok(())
        })
        .await
        .expect("admins");
    let first: serde_json::Value = central.get("/api/fn/list_org_admins").await.json();
    assert_eq!((first["total"].as_i64(), usernames(&first).len()), (Some(55), 50), "the school's admin too");
    let second: serde_json::Value = central.get("/api/fn/list_org_admins?page=2").await.json();
    assert_eq!(usernames(&second).len(), 5);
    let got: serde_json::Value =
        central.get(&format!("/api/fn/list_org_admins?q={}", crate::support::enc("育才"))).await.json();
    assert_eq!(usernames(&got), ["schooladmin"]);
    assert_eq!(school.get("/api/fn/list_org_admins").await.status, 403);
}
on_both_databases!(review_lists_page_and_search, pages_and_search);
