//! The asset inventory's server side: access by organization and grant, all-or-nothing saves,
//! no silent overwrites, and reporting (submit, lock, reopen, dashboard).

use app::{
    accounts::Role,
    error::AppError,
    inventory::{examples::SYSTEM_A, Column, Sheet},
};
use serde_json::{json, Value};

use crate::{
    client::{create_user_in, error_of, router, settings, totp_now, Client, SECRET},
    on_both_databases,
    support::{load_demo, TestDb},
};

const PASSWORD: &str = "Tz9!mQ2#vbLp";
const ORG_A: &str = "2.16.886.101.20003.20005";
const ORG_B: &str = "2.16.886.101.20003.20065";
const CENTRAL_ORG: &str = "2.16.886.101.20003";

/// The seed's 系統A row, with its name changed.
pub fn row(name: &str) -> Vec<String> {
    let mut cells: Vec<String> = SYSTEM_A.iter().map(|s| s.to_string()).collect();
    cells[Column::SystemName.index()] = name.to_string();
    cells
}

pub fn insert(cells: &[String]) -> Value {
    json!({ "Insert": { "cells": cells } })
}

/// The column a refused cell's field names (its template header).
fn column_of(field: &str) -> Column {
    Column::from_header(field).unwrap_or_else(|| panic!("no column {field}"))
}

fn update(id: i64, version: i64, cells: &[String]) -> Value {
    json!({ "Update": { "id": id, "version": version, "cells": cells } })
}

pub struct People {
    pub app: axum::Router,
    pub a_id: i64,
    pub b_id: i64,
}

/// Accounts: in A an admin and a user with the grant and a user without; in B an admin with
/// the grant; the central authority.
pub async fn people(db: &TestDb) -> People {
    load_demo(db).await;
    let mut ids = Vec::new();
    for (org, name, role, granted) in [
        (ORG_A, "a_admin", Role::OrgAdmin, true),
        (ORG_A, "a_user", Role::User, true),
        (ORG_A, "a_nogrant", Role::User, false),
        (ORG_B, "b_admin", Role::OrgAdmin, true),
        (CENTRAL_ORG, "central", Role::Central, false),
    ] {
        let id = create_user_in(db, org, name, role, PASSWORD, Some(SECRET)).await;
        if granted {
            grant_assets(db, id).await;
        }
        ids.push(id);
    }
    let org_of = |oid: &'static str| {
        let pool = db.pool.clone();
        async move {
            pool.run(move |conn| Ok(app::db::orgs::find_id(conn, &app::directory::OrgKey::Oid(oid.into()))?.0))
                .await
                .expect("org")
        }
    };
    People { app: router(db, settings()), a_id: org_of(ORG_A).await, b_id: org_of(ORG_B).await }
}

/// The asset inventory granted to `user_id`, with the subsystem's 同意授權 given, as the page
/// asks on the first visit.
pub async fn grant_assets(db: &TestDb, user_id: i64) {
    db.pool
        .run(move |conn| {
            app::db::portal::grant(conn, user_id, "assets", None, 0)?;
            Ok(app::db::consents::give(conn, user_id, "assets", "name", 0)?)
        })
        .await
        .expect("grant");
}

pub async fn signed_in(app: &axum::Router, username: &str) -> Client {
    let mut c = Client::new(app);
    assert_eq!(c.sign_in(username, PASSWORD).await.status, 200);
    // Each test signs a person in once, so the current step has not been used.
    assert_eq!(c.verify(&totp_now(SECRET, 0)).await.status, 200);
    c
}

pub async fn sheet(c: &mut Client, org_id: i64) -> Sheet {
    let reply = c.get(&format!("/api/fn/get_inventory?org_id={org_id}")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    // One organization's data, which no cache may keep.
    assert_eq!(reply.headers.get("cache-control").map(|v| v.to_str().unwrap_or_default()), Some("no-store"));
    parsed(&reply)
}

/// The sheet an answer carries, read as the browser reads it (its rows travel packed).
pub fn parsed(reply: &crate::support::Reply) -> Sheet {
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("not a sheet ({e}): {}", reply.body))
}

pub async fn save(c: &mut Client, org_id: i64, changes: Vec<Value>) -> crate::support::Reply {
    c.post_json("save_inventory", &json!({ "org_id": org_id, "changes": changes })).await
}

pub fn names(sheet: &Sheet) -> Vec<String> {
    sheet.rows.iter().map(|r| r.cells[Column::SystemName.index()].clone()).collect()
}

async fn only_members_with_the_grant_and_the_central_authority(db: TestDb) {
    let p = people(&db).await;
    let mut a_user = signed_in(&p.app, "a_user").await;
    assert_eq!(save(&mut a_user, p.a_id, vec![insert(&row("A的系統"))]).await.status, 200);
    let mut b_admin = signed_in(&p.app, "b_admin").await;
    assert_eq!(save(&mut b_admin, p.b_id, vec![insert(&row("B的系統"))]).await.status, 200);

    // Their own sheet, without naming it, and by id.
    assert_eq!(names(&parsed(&a_user.get("/api/fn/get_inventory").await)), ["A的系統"]);
    assert_eq!(names(&sheet(&mut a_user, p.a_id).await), ["A的系統"]);
    // Another organization's id: refused for reading and for writing, and nothing changes.
    assert_eq!(a_user.get(&format!("/api/fn/get_inventory?org_id={}", p.b_id)).await.status, 403);
    assert_eq!(save(&mut a_user, p.b_id, vec![insert(&row("入侵"))]).await.status, 403);
    // Another organization's row id inside one's own sheet: not applied, and said as a conflict.
    let b_row = sheet(&mut b_admin, p.b_id).await.rows[0].id;
    let reply = save(&mut a_user, p.a_id, vec![update(b_row, 1, &row("改別人的"))]).await;
    assert_eq!(reply.status, 409, "{}", reply.body);
    let reply = save(&mut a_user, p.a_id, vec![json!({ "Delete": { "id": b_row, "version": 1 } })]).await;
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert_eq!(names(&sheet(&mut b_admin, p.b_id).await), ["B的系統"]);

    // A member without the grant sees nothing, not even their own organization's sheet.
    let mut no_grant = signed_in(&p.app, "a_nogrant").await;
    assert_eq!(no_grant.get("/api/fn/get_inventory").await.status, 403);
    assert_eq!(save(&mut no_grant, p.a_id, vec![insert(&row("x"))]).await.status, 403);
    // Guests are asked to sign in.
    assert_eq!(Client::new(&p.app).get("/api/fn/get_inventory").await.status, 401);
    // The central authority reads and writes any organization's.
    let mut central = signed_in(&p.app, "central").await;
    assert_eq!(names(&sheet(&mut central, p.b_id).await), ["B的系統"]);
    assert_eq!(save(&mut central, p.a_id, vec![insert(&row("主管機關代填"))]).await.status, 200);
    assert_eq!(names(&sheet(&mut a_user, p.a_id).await), ["A的系統", "主管機關代填"]);
}
on_both_databases!(inventory_access, only_members_with_the_grant_and_the_central_authority);

async fn saves_are_all_or_nothing_and_normalized(db: TestDb) {
    let p = people(&db).await;
    let mut c = signed_in(&p.app, "a_user").await;
    let mut bad = row("壞的");
    bad[Column::ProtectionLevel.index()] = "其他".into();
    bad[Column::MaxDowntimeHours.index()] = "1,000".into();
    let reply = save(&mut c, p.a_id, vec![insert(&row("好的")), insert(&bad)]).await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    let (error, text) = error_of(&reply);
    let AppError::InvalidCells(problems) = error else { panic!("{error:?}") };
    let at: Vec<(usize, Column)> = problems.iter().map(|p| (p.row, column_of(&p.field))).collect();
    // 其他 is wrong for this build method, and with it 部分符合 (其他 goes with 不適用).
    assert_eq!(at, [(1, Column::ProtectionLevel), (1, Column::MaxDowntimeHours), (1, Column::Baseline)]);
    assert!(text.contains("3 格"), "{text}");
    // The good row was not saved either.
    assert_eq!(names(&sheet(&mut c, p.a_id).await), Vec::<String>::new());

    // Y/N and full-width digits are stored as the template's values.
    let mut typed = row("輸入法");
    typed[Column::Core.index()] = "Y".into();
    typed[Column::ChinaComponents.index()] = "n".into();
    typed[Column::MaxDowntimeHours.index()] = "４８".into();
    assert_eq!(save(&mut c, p.a_id, vec![insert(&typed)]).await.status, 200);
    let stored = &sheet(&mut c, p.a_id).await.rows[0].cells;
    let at = |column: Column| stored[column.index()].as_str();
    assert_eq!((at(Column::Core), at(Column::ChinaComponents), at(Column::MaxDowntimeHours)), ("是", "無", "48"));

    // A body that is not a list of changes is the client's mistake (400), not a 500.
    let reply =
        c.post_json("save_inventory", &json!({ "org_id": p.a_id, "changes": [{ "Insert": { "cells": [1] } }] })).await;
    assert_eq!((reply.status, error_of(&reply).0), (400, AppError::BadRequest), "{}", reply.body);
    let reply = c.post("submit_inventory", &[]).await;
    assert_eq!((reply.status, error_of(&reply).0), (400, AppError::BadRequest), "{}", reply.body);
}
on_both_databases!(inventory_saves, saves_are_all_or_nothing_and_normalized);

/// A row stored when the rules said otherwise: the sheet names its wrong cells (the grid shows
/// them without checking the rows again), and a 提報 is refused until it is put right.
async fn rows_wrong_under_todays_rules_come_with_their_problems(db: TestDb) {
    let p = people(&db).await;
    let mut c = signed_in(&p.app, "a_admin").await;
    assert_eq!(save(&mut c, p.a_id, vec![insert(&row("一")), insert(&row("二"))]).await.status, 200);
    // Written past the rules, as rules stricter than the ones it was saved under would leave it.
    let mut old = app::inventory::cells_from(&row("舊規則"));
    old[Column::MaxDowntimeHours.index()] = "一天".into();
    old[Column::Manager.index()] = String::new();
    let org_id = p.a_id;
    db.pool
        .run(move |conn| {
            let by = app::db::users::find_by_key(conn, "a_admin")?.expect("a_admin").id;
            let change = app::inventory::RowChange::Insert { cells: old };
            Ok(app::db::assets::apply(conn, org_id, &[change], by, app::db::now())?.map(|_| ()))
        })
        .await
        .expect("write")
        .expect("stored");

    let opened = sheet(&mut c, p.a_id).await;
    assert_eq!(names(&opened), ["一", "二", "舊規則"]);
    let problems: Vec<(usize, Column)> = opened.problems.iter().map(|p| (p.row, p.column)).collect();
    assert_eq!(problems, [(2, Column::Manager), (2, Column::MaxDowntimeHours)]);
    // The page carries no rows: it has the browser preload the sheet by the very URL its
    // wasm then reads, so that the two requests are one.
    let page = c.get("/assets").await;
    assert_eq!(page.status, 200);
    let link = page.headers.get_all("link").iter().map(|v| v.to_str().unwrap_or_default()).collect::<Vec<_>>();
    assert_eq!(link, ["</api/fn/get_inventory>; rel=preload; as=fetch; crossorigin"]);
    assert!(!page.body.contains("舊規則"), "the rows are inside the page: {}", page.body);
    assert!(page
        .body
        .contains("<noscript><p class=\"font-semibold text-red-800\">資產清冊的編輯表格需要啟用 JavaScript"));
    // And, for a browser where the grid cannot run, its files by plain forms.
    assert!(page.body.contains("data-testid=\"without-grid\"") && page.body.contains("action=\"/inventory/replace\""));

    let today = app::time::taipei_date(app::db::now());
    let mut central = signed_in(&p.app, "central").await;
    let period = [("title", "115年資產清冊提報"), ("first_day", today.as_str()), ("last_day", today.as_str())];
    assert_eq!(central.post("open_period", &period).await.status, 200);
    let reply = c.post("submit_inventory", &[("org_id", &p.a_id.to_string())]).await;
    let AppError::InvalidCells(refused) = error_of(&reply).0 else { panic!("{}", reply.body) };
    let refused: Vec<(usize, Column)> = refused.iter().map(|p| (p.row, column_of(&p.field))).collect();
    assert_eq!(refused, [(2, Column::Manager), (2, Column::MaxDowntimeHours)]);
}
on_both_databases!(inventory_old_rules, rows_wrong_under_todays_rules_come_with_their_problems);

async fn edits_of_two_people_never_silently_overwrite(db: TestDb) {
    let p = people(&db).await;
    let mut first = signed_in(&p.app, "a_user").await;
    let mut second = signed_in(&p.app, "a_admin").await;
    assert_eq!(save(&mut first, p.a_id, vec![insert(&row("一")), insert(&row("二"))]).await.status, 200);
    let opened = sheet(&mut second, p.a_id).await;
    let id = |i: usize| opened.rows[i].id;

    // Different rows: both saves go through.
    let reply = save(&mut first, p.a_id, vec![update(id(0), 1, &row("一改"))]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["rows"][0], json!([id(0), 2]));
    assert_eq!(save(&mut second, p.a_id, vec![update(id(1), 1, &row("二改"))]).await.status, 200);
    // The same row, from the version both opened: the later save is refused whole.
    let reply = save(&mut second, p.a_id, vec![insert(&row("三")), update(id(0), 1, &row("一又改"))]).await;
    assert_eq!(reply.status, 409, "{}", reply.body);
    let (error, text) = error_of(&reply);
    assert_eq!(error, AppError::Conflict { rows: vec![id(0)], message: error.message() });
    assert!(text.contains("其他人"), "{text}");
    // Deleting a row someone changed meanwhile is refused too.
    let reply = save(&mut second, p.a_id, vec![json!({ "Delete": { "id": id(0), "version": 1 } })]).await;
    assert_eq!(reply.status, 409);
    assert_eq!(names(&sheet(&mut first, p.a_id).await), ["一改", "二改"]);

    // Two saves of one row from one version at the same moment: exactly one wins.
    let (r1, r2) = tokio::join!(
        save(&mut first, p.a_id, vec![update(id(1), 2, &row("甲"))]),
        save(&mut second, p.a_id, vec![update(id(1), 2, &row("乙"))]),
    );
    let mut statuses = [r1.status, r2.status];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{} / {}", r1.body, r2.body);
    let winner = if r1.status == 200 { "甲" } else { "乙" };
    assert_eq!(names(&sheet(&mut first, p.a_id).await), ["一改", winner]);
}
on_both_databases!(inventory_conflicts, edits_of_two_people_never_silently_overwrite);

async fn submit_locks_until_the_central_authority_reopens(db: TestDb) {
    let p = people(&db).await;
    let mut admin = signed_in(&p.app, "a_admin").await;
    let mut user = signed_in(&p.app, "a_user").await;
    let mut central = signed_in(&p.app, "central").await;
    let mut other = row("套裝");
    for (c, v) in [(Column::BuildMethod, "套裝軟體"), (Column::ProtectionLevel, "其他"), (Column::Baseline, "不適用")]
    {
        other[c.index()] = v.into();
    }
    assert_eq!(save(&mut user, p.a_id, vec![insert(&row("一")), insert(&other)]).await.status, 200);

    let a_id = p.a_id.to_string();
    // No period is open yet.
    let reply = admin.post("submit_inventory", &[("org_id", &a_id)]).await;
    assert_eq!((reply.status, error_of(&reply).0.code()), (400, "invalid_input"), "{}", reply.body);

    // Only the central authority opens periods; the dates are checked.
    let today = app::time::taipei_date(app::db::now());
    let later = app::time::taipei_date(app::db::now() + 30 * 86_400);
    let as_refs = [("title", "115年資產清冊提報"), ("first_day", today.as_str()), ("last_day", later.as_str())];
    assert_eq!(admin.post("open_period", &as_refs).await.status, 403);
    let reply = central.post("open_period", &[("title", "x"), ("first_day", &later), ("last_day", &today)]).await;
    assert!(matches!(error_of(&reply).0, AppError::Invalid { ref field, .. } if field == "last_day"), "{}", reply.body);
    assert_eq!(central.post("open_period", &as_refs).await.status, 200);

    // A user (not the admin) cannot submit, nor can another organization's admin.
    assert_eq!(user.post("submit_inventory", &[("org_id", &a_id)]).await.status, 403);
    let mut b_admin = signed_in(&p.app, "b_admin").await;
    assert_eq!(b_admin.post("submit_inventory", &[("org_id", &a_id)]).await.status, 403);
    assert!(sheet(&mut admin, p.a_id).await.can_submit);
    assert!(!sheet(&mut user, p.a_id).await.can_submit);

    // Two 提報 at once: one snapshot.
    let mut admin2 = admin.clone();
    let submit_form = [("org_id", a_id.as_str())];
    let (r1, r2) =
        tokio::join!(admin.post("submit_inventory", &submit_form), admin2.post("submit_inventory", &submit_form));
    let mut statuses = [r1.status, r2.status];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{} / {}", r1.body, r2.body);

    // Locked: no saves, by anyone, until reopened.
    let locked = sheet(&mut user, p.a_id).await;
    assert_eq!((locked.editable, locked.can_submit), (false, false));
    let row_id = locked.rows[0].id;
    let reply = save(&mut user, p.a_id, vec![update(row_id, 1, &row("偷改"))]).await;
    assert_eq!(reply.status, 409);
    assert!(error_of(&reply).1.contains("已提報"));
    assert_eq!(save(&mut central, p.a_id, vec![insert(&row("代改"))]).await.status, 409);

    // The dashboard: A submitted two rows (one 中 and 部分符合, one 其他 and 不適用); B has not.
    let board = central.get("/api/fn/inventory_dashboard").await.json();
    let entries = board[1].as_array().expect("entries");
    let a = entries.iter().find(|e| e["org_id"] == p.a_id).expect("A listed");
    let b = entries.iter().find(|e| e["org_id"] == p.b_id).expect("B listed, as expected to report");
    assert_eq!(a["submission"]["figures"], json!({ "rows": 2, "levels": [0, 1, 0, 1], "baselines": [0, 1, 0, 1] }));
    assert_eq!(b["submission"], Value::Null);
    assert_eq!(admin.get("/api/fn/inventory_dashboard").await.status, 403);

    // Reopened by the central authority (not by the organization): editable again.
    let submission = a["submission"]["id"].as_i64().expect("id").to_string();
    assert_eq!(admin.post("reopen_submission", &[("submission_id", &submission)]).await.status, 403);
    assert_eq!(central.post("reopen_submission", &[("submission_id", &submission)]).await.status, 200);
    assert_eq!(central.post("reopen_submission", &[("submission_id", &submission)]).await.status, 404);
    assert_eq!(save(&mut user, p.a_id, vec![update(row_id, 1, &row("一改"))]).await.status, 200);
    assert_eq!(admin.post("submit_inventory", &[("org_id", &a_id)]).await.status, 200);
    let board = central.get("/api/fn/inventory_dashboard").await.json();
    let a = board[1].as_array().expect("entries").iter().find(|e| e["org_id"] == p.a_id).cloned().expect("A");
    assert_ne!(a["submission"]["id"].as_i64().expect("id").to_string(), submission);
}
on_both_databases!(inventory_reporting, submit_locks_until_the_central_authority_reopens);
