//! The reads and writes that change no account are on record too: who searched accounts or
//! the audit log, exported it, saved, imported or exported an inventory, and took every
//! organization's submissions.

use crate::{
    inventory::{insert, people, row, save, signed_in},
    lockout::audited,
    on_both_databases,
    support::TestDb,
};

async fn reads_and_exports_are_audited(db: TestDb) {
    let p = people(&db).await;
    let mut user = signed_in(&p.app, "a_user").await;
    assert_eq!(save(&mut user, p.a_id, vec![insert(&row("系統甲")), insert(&row("系統乙"))]).await.status, 200);
    let csv = "系統名稱(必填),系統屬性(必填)\n系統丙,行政\n";
    assert_eq!(user.upload(&format!("/inventory/import?org_id={}", p.a_id), csv.as_bytes().to_vec()).await.status, 400);
    assert_eq!(user.get(&format!("/inventory/export.csv?org_id={}", p.a_id)).await.status, 200);

    let mut central = signed_in(&p.app, "central").await;
    assert_eq!(central.get("/api/fn/admin_find_users?q=a_").await.status, 200);
    assert_eq!(central.get("/api/fn/admin_audit?username=a_user&from=&to=").await.status, 200);
    assert_eq!(central.get("/admin/audit.csv?username=a_user").await.status, 200);
    assert_eq!(central.get(&format!("/inventory/export.xlsx?org_id={}", p.b_id)).await.status, 200);
    let opened = central
        .post("open_period", &[("title", "提報"), ("first_day", "2026-01-01"), ("last_day", "2099-12-31")])
        .await;
    assert_eq!(opened.status, 200, "{}", opened.body);
    assert_eq!(central.get(&format!("/admin/inventory/export.xlsx?period_id={}", opened.body)).await.status, 200);

    // The account's own 帳號活動紀錄 keeps to sign-ins and credentials: data work is not in it.
    let own: serde_json::Value = user.get("/api/fn/my_activity").await.json();
    let events: Vec<&str> = own.as_array().expect("list").iter().filter_map(|e| e["event"].as_str()).collect();
    assert!(events.iter().all(|e| !e.starts_with("Inventory")), "{events:?}");
    let saved = audited(&db, "a_user", "inventory_saved").await;
    assert_eq!(saved, [("success".to_string(), "2 added, 0 changed, 0 deleted".to_string())]);
    assert_eq!(audited(&db, "a_user", "inventory_exported").await.len(), 1);
    let imported = audited(&db, "a_user", "inventory_imported").await;
    assert!(imported.len() == 1 && imported[0].1.contains("refused"), "{imported:?}");
    for event in ["accounts_searched", "audit_searched", "audit_exported", "inventory_exported", "submissions_exported"]
    {
        let records = audited(&db, "central", event).await;
        assert_eq!(records.len(), 1, "{event}: {records:?}");
    }
    assert!(audited(&db, "central", "audit_exported").await[0].1.contains("username=a_user"));
}
on_both_databases!(reads_and_exports, reads_and_exports_are_audited);
