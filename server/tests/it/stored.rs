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
