//! `kill -9` in the middle of writing, for real: the process is killed while its transaction is
//! open, and afterwards the database holds what it held before, never part of the work.
//! (The directory import and the inventory save; 提報 and a delivery are still to come.)

use std::{
    io::Write,
    process::{Command, Stdio},
    time::Duration,
};

use app::db::{schema::organizations, DbUrl};
use diesel::prelude::*;

use crate::support::TestDb;

/// A GDS OID list of `rows` made-up agencies under one made-up arc.
fn big_directory(rows: usize) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().expect("file");
    writeln!(file, "機關名稱,OID,電話,地址,DN").expect("write");
    for i in 0..rows {
        writeln!(file, "測試機關{i},2.16.886.999.{}.{},02-1234{:04},臺北市,", i / 1000 + 1, i % 1000 + 1, i % 10_000)
            .expect("write");
    }
    file
}

async fn organizations_now(db: &TestDb) -> i64 {
    db.pool.run(|conn| Ok(organizations::table.count().get_result(conn)?)).await.expect("count")
}

/// True once the importing process has a transaction open with writes in it: on PostgreSQL a
/// connection inside a transaction, on SQLite a write-ahead log that has grown.
fn writing(url: &DbUrl) -> bool {
    match url {
        DbUrl::Postgres(url) => {
            let Ok(mut conn) = PgConnection::establish(url) else { return false };
            #[derive(QueryableByName)]
            struct Open {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            diesel::sql_query(
                "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() \
                 AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_xid IS NOT NULL",
            )
            .get_result::<Open>(&mut conn)
            .is_ok_and(|o| o.n > 0)
        }
        DbUrl::Sqlite(path) => std::fs::metadata(format!("{path}-wal")).is_ok_and(|m| m.len() > 512 * 1024),
    }
}

async fn an_import_killed_midway_leaves_nothing_behind(db: TestDb) {
    const ROWS: usize = 30_000;
    let file = big_directory(ROWS);
    let database_url = database_url(&db.url);
    let import = || {
        Command::new(env!("CARGO_BIN_EXE_gatehouse"))
            .args(["import"])
            .arg(file.path())
            .env("DATABASE_URL", &database_url)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the gatehouse binary")
    };
    let before = organizations_now(&db).await;
    for round in 0..3 {
        let mut child = import();
        let mut caught = false;
        for _ in 0..600 {
            if writing(&db.url) {
                caught = true;
                break;
            }
            if child.try_wait().expect("wait").is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        assert!(caught, "round {round}: the import finished before it was seen writing");
        child.kill().expect("kill -9");
        let status = child.wait().expect("wait");
        assert!(!status.success(), "round {round}: killed, not finished");
        assert_eq!(organizations_now(&db).await, before, "round {round}: no part of the killed import is kept");
    }
    // Run to the end, the same file imports whole, and once more changes nothing.
    let done = import().wait_with_output().expect("import");
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stdout));
    assert_eq!(organizations_now(&db).await, before + ROWS as i64);
}
crate::on_both_databases!(killed_import, an_import_killed_midway_leaves_nothing_behind);

fn database_url(url: &DbUrl) -> String {
    match url {
        DbUrl::Postgres(url) => url.clone(),
        DbUrl::Sqlite(path) => format!("sqlite://{path}"),
    }
}

async fn asset_rows(db: &TestDb, org_id: i64) -> i64 {
    use app::db::schema::asset_rows as a;
    db.pool.run(move |conn| Ok(a::table.filter(a::org_id.eq(org_id)).count().get_result(conn)?)).await.expect("rows")
}

/// The server is killed while it writes a 20,000-row save: none of the rows are kept, the
/// session survives the restart, and the same save then goes through whole.
async fn a_server_killed_while_saving_keeps_no_row(db: TestDb) {
    use crate::{
        inventory::{insert, people, row, save, signed_in},
        two_servers::Server,
    };
    const ROWS: usize = 20_000;
    let org = people(&db).await.a_id;
    let url = database_url(&db.url);
    let mut server = Server::spawn(&url);
    server.healthy().await;
    let mut client = signed_in(&server.remote(), "a_admin").await;
    let changes: Vec<_> = (0..ROWS).map(|i| insert(&row(&format!("系統{i:05}")))).collect();
    let saving = tokio::spawn({
        let (mut client, changes) = (client.clone(), changes.clone());
        async move { save(&mut client, org, changes).await.status }
    });
    let mut caught = false;
    for _ in 0..3000 {
        if writing(&db.url) {
            caught = true;
            break;
        }
        if saving.is_finished() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(caught, "the save finished before it was seen writing");
    server.kill();
    assert_eq!(saving.await.expect("join"), 502, "the client learns the save did not answer");
    assert_eq!(asset_rows(&db, org).await, 0, "no part of the killed save is kept");

    let mut restarted = Server::spawn(&url);
    restarted.healthy().await;
    client.app = restarted.remote();
    assert_eq!(client.viewer().await["username"], "a_admin", "the session outlives the crash");
    let reply = save(&mut client, org, changes).await;
    assert_eq!(reply.status, 200, "{}", &reply.body[..reply.body.len().min(300)]);
    assert_eq!(asset_rows(&db, org).await, ROWS as i64);
}
crate::on_both_databases!(killed_save, a_server_killed_while_saving_keeps_no_row);
