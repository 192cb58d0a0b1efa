//! `kill -9` in the middle of writing, for real: the process is killed while its transaction is
//! open, and afterwards the database holds what it held before, never part of the work.
//! The directory import, the inventory save, a 提報, and a mail in the middle of its delivery.

use std::{
    io::Write,
    process::{Command, Stdio},
    time::Duration,
};

use app::db::{
    now,
    outbox::{self, Channel},
    schema::organizations,
    DbUrl,
};
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

/// Whether another backend of the test's PostgreSQL database meets `condition` (on
/// `pg_stat_activity`).
fn other_backends(url: &str, condition: &str) -> bool {
    let Ok(mut conn) = PgConnection::establish(url) else { return false };
    #[derive(QueryableByName)]
    struct Open {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(format!(
        "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() \
         AND pid <> pg_backend_pid() AND ({condition})"
    ))
    .get_result::<Open>(&mut conn)
    .is_ok_and(|o| o.n > 0)
}

/// True once the importing process has a transaction open with writes in it: on PostgreSQL a
/// connection inside a transaction, on SQLite a write-ahead log that has grown.
fn writing(url: &DbUrl) -> bool {
    match url {
        DbUrl::Postgres(url) => other_backends(url, "xact_start IS NOT NULL AND backend_xid IS NOT NULL"),
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

/// True while another connection holds a transaction open: on PostgreSQL a backend inside an
/// explicit transaction past its first statement (a single statement on its own is not one);
/// on SQLite the write lock, which `BEGIN IMMEDIATE` from here is then refused at once.
fn in_transaction(url: &DbUrl) -> bool {
    match url {
        DbUrl::Postgres(url) => {
            other_backends(url, "state = 'idle in transaction' OR (state = 'active' AND xact_start < query_start)")
        }
        DbUrl::Sqlite(path) => {
            let Ok(mut conn) = SqliteConnection::establish(path) else { return false };
            match diesel::sql_query("BEGIN IMMEDIATE").execute(&mut conn) {
                Ok(_) => {
                    let _ = diesel::sql_query("ROLLBACK").execute(&mut conn);
                    false
                }
                Err(_) => true,
            }
        }
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

/// The organization's 提報 (standing or reopened), each as its row count and its snapshot's
/// length; and how many 提報 the audit log records.
async fn submissions(db: &TestDb, org_id: i64) -> (Vec<(i64, usize)>, i64) {
    use app::db::schema::{asset_submissions as s, audit_events as e};
    db.pool
        .run(move |conn| {
            let stored: Vec<(i64, String)> =
                s::table.filter(s::org_id.eq(org_id)).select((s::row_count, s::snapshot)).load(conn)?;
            let audited = e::table
                .filter(e::event.eq("inventory_submitted"))
                .filter(e::org_id.eq(org_id))
                .count()
                .get_result(conn)?;
            let snapshots = stored
                .into_iter()
                .map(|(count, snapshot)| {
                    (count, serde_json::from_str::<Vec<serde_json::Value>>(&snapshot).map_or(0, |rows| rows.len()))
                })
                .collect();
            Ok((snapshots, audited))
        })
        .await
        .expect("submissions")
}

/// The server is killed in the middle of a 提報 of 20,000 rows, inside its transaction: no
/// submission and no record of one are kept, the sheet is not locked, and after a restart the
/// same 提報 goes through whole.
async fn a_server_killed_while_submitting_keeps_no_submission(db: TestDb) {
    use crate::{
        inventory::{insert, people, row, save, signed_in},
        two_servers::Server,
    };
    const ROWS: usize = 20_000;
    let p = people(&db).await;
    let org = p.a_id.to_string();
    let changes: Vec<_> = (0..ROWS).map(|i| insert(&row(&format!("系統{i:05}")))).collect();
    let mut user = signed_in(&p.app, "a_user").await;
    assert_eq!(save(&mut user, p.a_id, changes).await.status, 200);
    let today = app::time::taipei_date(app::db::now());
    let later = app::time::taipei_date(app::db::now() + 30 * 86_400);
    let mut central = signed_in(&p.app, "central").await;
    let period = [("title", "115年資產清冊提報"), ("first_day", today.as_str()), ("last_day", later.as_str())];
    assert_eq!(central.post("open_period", &period).await.status, 200);

    let url = database_url(&db.url);
    let mut server = Server::spawn(&url);
    server.healthy().await;
    let mut admin = signed_in(&server.remote(), "a_admin").await;
    let submitting = tokio::spawn({
        let (mut admin, org) = (admin.clone(), org.clone());
        async move { admin.post("submit_inventory", &[("org_id", &org)]).await.status }
    });
    // Seen inside a transaction three times in a row, 5 ms apart: the 提報's own, not a
    // statement of the session check before it.
    let mut seen = 0;
    for _ in 0..3000 {
        seen = if in_transaction(&db.url) { seen + 1 } else { 0 };
        if seen == 3 || submitting.is_finished() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(seen, 3, "the 提報 finished before it was seen in its transaction");
    server.kill();
    assert_eq!(submitting.await.expect("join"), 502, "the client learns the 提報 did not answer");
    assert_eq!(submissions(&db, p.a_id).await, (vec![], 0), "no part of the killed 提報 is kept");

    let mut restarted = Server::spawn(&url);
    restarted.healthy().await;
    admin.app = restarted.remote();
    let reply = admin.post("submit_inventory", &[("org_id", &org)]).await;
    assert_eq!(reply.status, 200, "{}", &reply.body[..reply.body.len().min(300)]);
    assert_eq!(submissions(&db, p.a_id).await, (vec![(ROWS as i64, ROWS)], 1));
}
crate::on_both_databases!(killed_submit, a_server_killed_while_submitting_keeps_no_submission);

async fn outbox_now(db: &TestDb) -> Vec<outbox::Message> {
    db.pool.run(|conn| Ok(outbox::recent(conn, 10)?)).await.expect("outbox")
}

/// The server is killed while the mail server holds its answer to a message: the message is
/// not lost. Restarted, the server sends it once its lease (3 s here) has run out, and it
/// arrives once.
async fn a_server_killed_while_sending_loses_no_mail(db: TestDb) {
    use crate::{
        mail::{delivered, free_port, SmtpServer},
        two_servers::Server,
    };
    let (port, maildir) = (free_port(), tempfile::tempdir().expect("maildir"));
    let _smtp = SmtpServer::holding(port, maildir.path());
    db.pool
        .run(|conn| {
            let text = "驗證碼 31415926";
            Ok(outbox::enqueue(conn, Channel::Email, "teacher@school.edu.tw", "reset_code", "忘記密碼", text, now())?)
        })
        .await
        .expect("enqueue");
    let port = port.to_string();
    let settings = [
        ("GATEHOUSE_SMTP_HOST", "127.0.0.1"),
        ("GATEHOUSE_SMTP_PORT", port.as_str()),
        ("GATEHOUSE_SMTP_SECURITY", "none"),
        ("GATEHOUSE_OUTBOX_LEASE_SECONDS", "3"),
    ];
    let url = database_url(&db.url);
    let mut server = Server::spawn_with(&url, &settings);
    let holding = maildir.path().join("holding");
    for _ in 0..600 {
        if holding.exists() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(holding.exists(), "the message reached the mail server");
    server.kill();
    let claimed = outbox_now(&db).await;
    assert_eq!(
        (claimed.len(), claimed[0].sent_at, claimed[0].attempts),
        (1, None, 0),
        "claimed, neither sent nor failed"
    );
    assert!(delivered(maildir.path()).is_empty(), "the mail server kept nothing it had not accepted");

    let mut restarted = Server::spawn_with(&url, &settings);
    restarted.healthy().await;
    let mut sent = None;
    for _ in 0..300 {
        sent = outbox_now(&db).await[0].sent_at;
        if sent.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(sent.is_some(), "sent after the restart, once the lease ran out");
    // One more pass of the worker (every 5 s) sends nothing again.
    tokio::time::sleep(Duration::from_secs(6)).await;
    let mails = delivered(maildir.path());
    assert_eq!(mails.len(), 1, "exactly one copy arrives");
    assert!(mails[0].contains("To: teacher@school.edu.tw"), "{}", mails[0]);
}
crate::on_both_databases!(killed_delivery, a_server_killed_while_sending_loses_no_mail);
