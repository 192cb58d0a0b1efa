//! Importing the real official files, twice, on both databases.

use app::{
    db::orgs,
    directory::{OrgKey, SearchQuery},
};
use gatehouse::import::{import_bytes, Format, ImportError, ParseError};

use crate::{
    on_both_databases,
    support::{shared_data, TestDb},
};

async fn org_count(db: &TestDb) -> usize {
    db.pool.run(|c| Ok(orgs::all_orgs(c)?.len())).await.expect("count")
}

async fn gds_twice(db: TestDb) {
    let bytes = shared_data("GDS.csv");
    let first = import_bytes(&db.pool, &bytes, false).await.expect("import GDS");
    println!("{first}");
    assert_eq!(first.format, Format::Gds);
    // 8,189 data rows; the one whose OID carries a stray tab is trimmed and kept.
    assert_eq!(first.added + first.rejected.len(), 8189, "{first}");
    assert!(first.rejected.len() < 5, "{first}");
    assert_eq!(org_count(&db).await, first.added);

    let second = import_bytes(&db.pool, &bytes, false).await.expect("import GDS again");
    assert_eq!((second.added, second.updated), (0, 0), "{second}");
    assert_eq!(second.unchanged, first.added);
    assert_eq!(org_count(&db).await, first.added);

    // Parents are the longest existing OID prefix.
    let moe = db
        .pool
        .run(|c| orgs::find_summary(c, &OrgKey::Oid("2.16.886.101.20003.20005.20097".into())))
        .await
        .expect("國教署");
    assert_eq!(moe.parent_oid.as_deref(), Some("2.16.886.101.20003.20005"));
    let names: Vec<&str> = moe.parents.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["行政院", "教育部"]);
}
on_both_databases!(gds_imports_idempotently, gds_twice);

async fn moe_twice(db: TestDb) {
    let bytes = shared_data("e1_new.csv");
    let first = import_bytes(&db.pool, &bytes, false).await.expect("import schools");
    println!("{first}");
    assert_eq!(first.format, Format::MoeSchools);
    assert_eq!(first.added + first.rejected.len(), 2632, "{first}");
    assert!(first.rejected.is_empty(), "{first}");
    let second = import_bytes(&db.pool, &bytes, false).await.expect("again");
    assert_eq!((second.added, second.updated, second.unchanged), (0, 0, 2632));
    let school =
        db.pool.run(|c| orgs::find_summary(c, &OrgKey::SchoolCode("134785".into()))).await.expect("瓦磘國小 by code");
    assert_eq!(school.name, "縣立瓦磘國小");
    assert_eq!(school.county.as_deref(), Some("屏東縣"));
}
on_both_databases!(moe_schools_import_idempotently, moe_twice);

async fn renames_resolve(db: TestDb) {
    import_bytes(&db.pool, &shared_data("GDS.csv"), false).await.expect("GDS");
    let report = import_bytes(&db.pool, &shared_data("change.csv"), false).await.expect("renames");
    println!("{report}");
    assert_eq!(report.format, Format::Renames);
    assert_eq!(report.added, 24, "{report}");
    let again = import_bytes(&db.pool, &shared_data("change.csv"), false).await.expect("again");
    assert_eq!((again.added, again.placeholders, again.unchanged), (0, 0, 24));

    // 衛生署 is not in the 2018 list: its old OID now leads to 衛生福利部.
    let old = db
        .pool
        .run(|c| orgs::find_summary(c, &OrgKey::Oid("2.16.886.101.20003.20014".into())))
        .await
        .expect("old OID resolves");
    let successor = old.successor.expect("successor");
    assert_eq!(successor.key, "2.16.886.101.20003.20065");
    assert_eq!(successor.name, "衛生福利部");
    let hits = db
        .pool
        .run(|c| {
            Ok(orgs::search(c, &orgs::DirectoryCache::default(), &SearchQuery::parse("2.16.886.101.20003.20014"), 5)?)
        })
        .await
        .expect("search");
    assert_eq!(hits[0].successor.as_ref().map(|s| s.key.as_str()), Some("2.16.886.101.20003.20065"));
}
on_both_databases!(renamed_oids_lead_to_successors, renames_resolve);

async fn malformed_changes_nothing(db: TestDb) {
    crate::support::load_demo(&db).await;
    let before = org_count(&db).await;
    for bad in [&b"name,id\n1,2\n"[..], b"\xB1\xD0\xA8\x7C,OID\n", b""] {
        let err = import_bytes(&db.pool, bad, false).await.expect_err("refused");
        assert!(matches!(err, ImportError::Parse(_)), "{err}");
    }
    assert!(matches!(
        import_bytes(&db.pool, b"name,id\n", false).await,
        Err(ImportError::Parse(ParseError::UnknownHeader(_)))
    ));
    // A dry run counts but writes nothing.
    let dry = import_bytes(&db.pool, &shared_data("e1_new.csv"), true).await.expect("dry run");
    assert_eq!(dry.added + dry.updated + dry.unchanged, 2632);
    assert!(dry.added > 2600, "{dry}");
    assert_eq!(org_count(&db).await, before);
}
on_both_databases!(malformed_files_and_dry_runs_change_nothing, malformed_changes_nothing);

/// `gatehouse import` beside a running server: the import reads the directory, then writes. On
/// SQLite a plain transaction that had read before another connection's write was committed
/// failed at its first write (the browser tests' contact imports did, now and then). Here the
/// other writer holds the lock while the import starts, then commits: the import waits for it
/// and goes through.
async fn import_beside_a_writer(db: TestDb) {
    use diesel::RunQueryDsl;
    crate::support::load_demo(&db).await;
    let before = org_count(&db).await;
    let (locked_tx, locked) = tokio::sync::oneshot::channel();
    let writer = db.pool.run(move |conn| {
        app::db::write_transaction(conn, |conn| {
            diesel::sql_query("CREATE TABLE server_was_here (x INTEGER)").execute(conn)?;
            let _ = locked_tx.send(());
            std::thread::sleep(std::time::Duration::from_millis(700));
            Ok::<_, app::error::AppError>(())
        })
    });
    let import = async {
        locked.await.expect("the writer holds the lock");
        import_bytes(&db.pool, &shared_data("e1_new.csv"), false).await
    };
    let (written, imported) = tokio::join!(writer, import);
    written.expect("the other writer");
    let imported = imported.expect("the import waits for the other writer, then goes through");
    assert!(imported.added > 2600, "{imported}");
    assert_eq!(org_count(&db).await, before + imported.added);
}
on_both_databases!(an_import_waits_for_another_writer, import_beside_a_writer);
