//! The JSON API: shapes, status codes and error codes.

use crate::{
    on_both_databases,
    support::{app, enc, get, load_demo, TestDb},
};

async fn search_api(db: TestDb) {
    load_demo(&db).await;
    let app = app(&db);

    let r = get(&app, &format!("/api/v1/orgs?q={}", enc("教育部")), &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let first = &r.json()["results"][0];
    assert_eq!(first["oid"], "2.16.886.101.20003.20005");
    assert_eq!(first["name"], "教育部");
    assert_eq!(first["kind"], "agency");
    assert_eq!(first["parent_oid"], "2.16.886.101.20003");
    assert_eq!(first["parents"][0]["name"], "行政院");
    assert!(first["school_code"].is_null());

    let r = get(&app, "/api/v1/orgs?q=313601&limit=1", &[]).await;
    let results = r.json()["results"].as_array().expect("array").clone();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["school_code"], "313601");
    assert_eq!(results[0]["kind"], "school");
    assert!(results[0]["oid"].is_null());

    // Errors: a stable code, the field, a fitting status, the client's language.
    let r = get(&app, "/api/v1/orgs", &[]).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"]["code"], "invalid_input");
    assert_eq!(r.json()["error"]["field"], "q");
    for limit in ["0", "51", "ten", "-1"] {
        let r = get(&app, &format!("/api/v1/orgs?q=a&limit={limit}"), &[]).await;
        assert_eq!((r.status, r.json()["error"]["field"].as_str()), (400, Some("limit")), "{limit}");
    }
    let r = get(&app, "/api/v1/orgs?q=2.16..886", &[("accept-language", "en-US,en;q=0.9")]).await;
    assert_eq!(r.status, 400);
    let message = r.json()["error"]["message"].as_str().expect("message").to_string();
    assert!(message.contains("Part 3"), "{message}");
    let r = get(&app, "/api/v1/orgs?q=2.16.0886", &[]).await;
    let message = r.json()["error"]["message"].as_str().expect("message").to_string();
    assert!(message.contains("第 3 段") && message.contains("0886"), "{message}");
}
on_both_databases!(search_endpoint, search_api);

async fn org_api(db: TestDb) {
    load_demo(&db).await;
    let app = app(&db);

    let r = get(&app, "/api/v1/orgs/2.16.886.101.20003.20005", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let org = r.json();
    assert_eq!(org["name"], "教育部");
    assert_eq!(org["phone"], "02-77366666");
    let children: Vec<&str> =
        org["children"].as_array().expect("children").iter().filter_map(|c| c["name"].as_str()).collect();
    assert!(children.contains(&"教育部國民及學前教育署"), "{children:?}");

    let r = get(&app, "/api/v1/orgs/2.16.886.101.20003.20014", &[]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["successor"]["oid"], "2.16.886.101.20003.20065");
    assert_eq!(r.json()["successor"]["name"], "衛生福利部");

    let r = get(&app, "/api/v1/orgs/011601", &[]).await;
    assert_eq!((r.status, r.json()["name"].as_str()), (200, Some("私立育才國小")));

    let r = get(&app, "/api/v1/orgs/9.9.9", &[]).await;
    assert_eq!((r.status, r.json()["error"]["code"].as_str()), (404, Some("not_found")));
    let r = get(&app, "/api/v1/orgs/2.016", &[]).await;
    assert_eq!((r.status, r.json()["error"]["code"].as_str()), (400, Some("invalid_input")));
}
on_both_databases!(organization_endpoint, org_api);

#[tokio::test]
async fn health_reports_a_dead_database() {
    let db = crate::support::test_db(crate::support::Backend::Sqlite).await;
    let r = get(&app(&db), "/healthz", &[]).await;
    assert_eq!((r.status, r.json()["database"].as_str()), (200, Some("ok")));

    // A pool whose database cannot be opened.
    let broken = app::db::DbPool::new(&app::db::DbUrl::Sqlite("/nonexistent/dir/gatehouse.db".into()), 1);
    let router = gatehouse::router::router(gatehouse::server::app_state(broken, false));
    let r = get(&router, "/healthz", &[]).await;
    assert_eq!(r.status, 503);
    let r = get(&router, "/api/v1/orgs?q=abc", &[]).await;
    assert_eq!((r.status, r.json()["error"]["code"].as_str()), (503, Some("unavailable")));
}
