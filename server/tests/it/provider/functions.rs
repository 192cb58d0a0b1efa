//! A registered subsystem's catalogue of functions (功能選單項目) is data: a main account that
//! holds the subsystem grants it and its functions on 子帳號管理 as it does the asset
//! inventory's, only what the catalogue lists, and the subsystem is told the functions its
//! user holds now, in the catalogue's order.

use super::{code_for, exchange, Provider};
use crate::{
    client::{create_user, Client},
    on_both_databases,
    support::TestDb,
};
use app::accounts::Role;

/// The subsystem `client`'s userinfo for the signed-in browser `c`, through a whole code flow.
async fn userinfo(p: &Provider, c: &mut Client, client: &str) -> serde_json::Value {
    let tokens = exchange(p, client, &code_for(c, client).await).await;
    assert_eq!(tokens.status, 200, "{}", tokens.body);
    let access = tokens.json()["access_token"].as_str().expect("an access token").to_string();
    let info = p.userinfo(&access).await;
    assert_eq!(info.status, 200, "{}", info.body);
    info.json()
}

async fn catalogue_of(p: &Provider, code: &'static str, catalogue: &'static str) {
    p.state
        .write(&Default::default(), move |work| {
            let listed = app::flows::provider::registry::list(work)?;
            let mut registration =
                listed.into_iter().find(|s| s.registration.code == code).expect("registered").registration;
            registration.functions = catalogue.into();
            app::flows::provider::registry::save(work, None, registration)
        })
        .await
        .expect("catalogue changed");
}

async fn a_main_account_grants_a_registered_subsystem_and_its_functions(db: TestDb) {
    let p = Provider::start(&db).await;
    let main = create_user(&db, "main01", Role::OrgAdmin, super::PASSWORD, Some(crate::client::SECRET)).await;
    p.grant(main, "demo").await;
    let clerk = create_user(&db, "clerk01", Role::User, super::PASSWORD, Some(crate::client::SECRET)).await;
    let mut admin = p.signed_in("main01").await;
    let (id, granter) = (clerk.to_string(), admin.clone());
    let set = |code: &'static str, function: &'static str, on: &'static str| {
        let (mut admin, id) = (granter.clone(), id.clone());
        async move {
            let mut form = vec![("user_id", id.as_str()), ("code", code), ("on", on)];
            if !function.is_empty() {
                form.push(("function", function));
            }
            admin.post("set_member_grant", &form).await
        }
    };

    // 子帳號管理 offers the registered subsystem it holds, with its catalogue in order.
    let view = admin.get("/api/fn/members_view?q=clerk01").await.json();
    let offered = view["grantable"].as_array().expect("grantable").clone();
    let demo = offered.iter().find(|g| g["code"] == "demo").unwrap_or_else(|| panic!("demo offered: {view}"));
    let functions: Vec<(&str, &str)> = demo["functions"]
        .as_array()
        .expect("functions")
        .iter()
        .map(|f| (f["code"].as_str().unwrap_or(""), f["name"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(functions, [("view", "查詢"), ("report", "填報")]);
    assert!(!offered.iter().any(|g| g["code"] == "other"), "not held, not offered: {view}");

    // Refused: a subsystem it does not hold, a function the catalogue does not list, a
    // function before the subsystem. Nothing changes.
    assert_eq!(set("other", "", "true").await.status, 403);
    assert_eq!(set("demo", "view", "true").await.status, 400, "the subsystem first");
    assert_eq!(set("demo", "", "true").await.status, 200);
    assert_eq!(set("demo", "payroll", "true").await.status, 404);
    assert_eq!(set("demo", "report", "true").await.status, 200);
    assert_eq!(set("demo", "view", "true").await.status, 200);
    let listed = admin.get("/api/fn/members_view?q=clerk01").await.json();
    assert_eq!(listed["members"][0]["functions"], serde_json::json!(["demo:view", "demo:report"]), "{listed}");

    // The clerk signs in to it and is told its functions, in the catalogue's order.
    let mut c = p.signed_in("clerk01").await;
    p.consent(clerk, "demo").await;
    assert_eq!(userinfo(&p, &mut c, "demo").await["functions"], serde_json::json!(["view", "report"]));
    // A function taken, and one the catalogue drops: neither is told any more.
    assert_eq!(set("demo", "report", "false").await.status, 200);
    catalogue_of(&p, "demo", "report | 填報 | Report\naudit | 稽核 | Audit").await;
    assert_eq!(userinfo(&p, &mut c, "demo").await["functions"], serde_json::json!([]));
    catalogue_of(&p, "demo", "view | 查詢 | View\naudit | 稽核 | Audit").await;
    assert_eq!(userinfo(&p, &mut c, "demo").await["functions"], serde_json::json!(["view"]));

    // Revoked: out of the subsystem.
    assert_eq!(set("demo", "", "false").await.status, 200);
    let reply = c.get(&super::authorize_uri("demo", &[])).await;
    assert_eq!(super::location(&reply), "/oidc/refused?reason=no_grant&client=demo");
    let audited = crate::lockout::audited(&db, "clerk01", "grant_changed").await;
    let details: Vec<String> = audited.into_iter().map(|(_, d)| d).collect();
    assert!(details.iter().any(|d| d.starts_with("grant demo:report by main01")), "{details:?}");
    assert!(details.iter().any(|d| d.starts_with("revoke demo by main01")), "{details:?}");
}
on_both_databases!(registered_functions, a_main_account_grants_a_registered_subsystem_and_its_functions);
