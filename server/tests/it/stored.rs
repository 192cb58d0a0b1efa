//! The database keeps the enums' texts to the values the code knows, and the code reads them
//! strictly: the two lists must agree.

use app::{
    accounts::{AuditEvent, AuditOutcome},
    db::{audit, now},
};

use crate::{on_both_databases, support::TestDb};

async fn the_audit_vocabulary_matches_the_database(db: TestDb) {
    // Every event the code can write, the database takes.
    db.pool
        .run(|conn| {
            for event in AuditEvent::ALL {
                audit::write(conn, &audit::Record::new(*event, AuditOutcome::Success), now())?;
            }
            Ok(())
        })
        .await
        .expect("every known event is accepted");
    // Anything else it refuses.
    for (event, outcome) in [("no_such_event", "success"), ("sign_in", "maybe")] {
        let refused = db
            .pool
            .run(move |conn| {
                use app::db::schema::audit_events::dsl as a;
                use diesel::prelude::*;
                Ok(diesel::insert_into(a::audit_events)
                    .values((a::at.eq(now()), a::event.eq(event), a::outcome.eq(outcome)))
                    .execute(conn)?)
            })
            .await;
        assert!(refused.is_err(), "{event}/{outcome} was stored");
    }
    // And a search reads every stored event back.
    let entries = db.pool.run(|conn| Ok(audit::search(conn, "", (None, None), None, 100)?)).await.expect("search");
    assert_eq!(entries.len(), AuditEvent::ALL.len());
}
on_both_databases!(audit_vocabulary, the_audit_vocabulary_matches_the_database);

/// Every live row and every submission as stored, to see that a refused read changed nothing.
async fn inventory_as_stored(db: &TestDb) -> (Vec<(i64, i64, String)>, Vec<(i64, String, Option<i64>)>) {
    use app::db::schema::{asset_rows as r, asset_submissions as s};
    use diesel::prelude::*;
    db.pool
        .run(|conn| {
            let rows = r::table.order(r::id).select((r::id, r::version, r::cells)).load(conn)?;
            let submissions = s::table.order(s::id).select((s::id, s::snapshot, s::reopened_at)).load(conn)?;
            Ok((rows, submissions))
        })
        .await
        .expect("read the inventory")
}

/// JSON damaged outside the application (a live row's cells, a submission's snapshot) is
/// refused when read, with an error: never read back as empty cells or an empty report, which
/// a save would then write over what was there. The refusal changes nothing.
async fn damaged_json_is_refused_not_read_as_empty(db: TestDb) {
    use crate::inventory::{insert, people, row, save, signed_in};
    let p = people(&db).await;
    let (mut user, mut admin, mut central) =
        (signed_in(&p.app, "a_user").await, signed_in(&p.app, "a_admin").await, signed_in(&p.app, "central").await);
    assert_eq!(save(&mut user, p.a_id, vec![insert(&row("一")), insert(&row("二"))]).await.status, 200);
    let (today, later) = (app::time::taipei_date(now()), app::time::taipei_date(now() + 30 * 86_400));
    let period = [("title", "115年資產清冊提報"), ("first_day", today.as_str()), ("last_day", later.as_str())];
    assert_eq!(central.post("open_period", &period).await.status, 200);
    assert_eq!(admin.post("submit_inventory", &[("org_id", &p.a_id.to_string())]).await.status, 200);
    let board = central.get("/api/fn/inventory_dashboard").await.json();
    let period_id = board[0]["id"].as_i64().expect("the open period");
    let export = format!("/admin/inventory/export.xlsx?period_id={period_id}");
    assert_eq!(central.get(&export).await.status, 200, "readable before the damage");

    let (rows, submissions) = inventory_as_stored(&db).await;
    let (first_row, submission) = (rows[0].0, submissions[0].0);
    db.pool
        .run(move |conn| {
            use diesel::RunQueryDsl;
            diesel::sql_query(format!("UPDATE asset_rows SET cells = '[\"一\", ' WHERE id = {first_row}"))
                .execute(conn)?;
            diesel::sql_query(format!("UPDATE asset_submissions SET snapshot = '{{\"rows\"' WHERE id = {submission}"))
                .execute(conn)?;
            Ok(())
        })
        .await
        .expect("damage");
    let damaged = inventory_as_stored(&db).await;

    // The sheet, its export and the period's export are each refused, not answered short.
    for (who, uri) in [
        (&mut user, format!("/api/fn/get_inventory?org_id={}", p.a_id)),
        (&mut admin, format!("/inventory/export.xlsx?org_id={}", p.a_id)),
        (&mut central, export),
    ] {
        let reply = who.get(&uri).await;
        assert_eq!(reply.status, 500, "{uri}: {}", reply.body.chars().take(300).collect::<String>());
    }
    // 提報 again (the central authority reopens first) reads the damaged row too: refused.
    let reopen = central.post("reopen_submission", &[("submission_id", &submission.to_string())]).await;
    assert_eq!(reopen.status, 200);
    let damaged = (damaged.0, damaged.1.into_iter().map(|(id, snapshot, _)| (id, snapshot)).collect::<Vec<_>>());
    assert_eq!(admin.post("submit_inventory", &[("org_id", &p.a_id.to_string())]).await.status, 500);
    let after = inventory_as_stored(&db).await;
    assert_eq!(after.0, damaged.0, "no row changed");
    assert_eq!(
        after.1.into_iter().map(|(id, snapshot, _)| (id, snapshot)).collect::<Vec<_>>(),
        damaged.1,
        "no new snapshot"
    );
}
on_both_databases!(damaged_json, damaged_json_is_refused_not_read_as_empty);
