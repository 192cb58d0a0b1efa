//! `gatehouse subsystem …` and `gatehouse keys rotate`: a subsystem registered from the
//! command line with its secret printed once, a refusal naming the flag and storing nothing,
//! a rotated secret, turning it off and on, and the signing keys rotated on command.

use std::process::{Command, Output};

use app::db::DbUrl;

use crate::{on_both_databases, support::TestDb};

/// `gatehouse` on `db` with `args`.
fn gatehouse(db: &TestDb, args: &[&str]) -> Output {
    let url = match &db.url {
        DbUrl::Postgres(url) => url.clone(),
        DbUrl::Sqlite(path) => format!("sqlite://{path}"),
    };
    Command::new(env!("CARGO_BIN_EXE_gatehouse"))
        .args(args)
        .env("DATABASE_URL", url)
        // The tests' key (`client::test_keys`), so no key file is written beside the tests.
        .env("GATEHOUSE_SECRET_KEY", "07".repeat(32))
        .env("RUST_LOG", "warn")
        .output()
        .expect("the gatehouse binary")
}

/// What the command printed, and that it succeeded.
fn succeeds(out: Output) -> String {
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "stdout: {stdout}\nstderr: {stderr}");
    stdout.into_owned()
}

/// The secret a command printed: its last line, after the line saying it is shown once.
fn printed_secret(stdout: &str) -> String {
    let lines: Vec<&str> = stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(
        lines.iter().any(|l| l.contains("will not be shown again")),
        "the secret is said to be shown once: {stdout}"
    );
    let secret = lines.last().map(|l| l.trim().to_string()).unwrap_or_default();
    assert!(secret.len() >= 32 && !secret.contains(' '), "a secret on the last line: {stdout}");
    secret
}

fn add_args<'a>(code: &'a str, redirect: &'a str) -> Vec<&'a str> {
    vec![
        "subsystem",
        "add",
        "--code",
        code,
        "--name-zh",
        "成績系統",
        "--name-en",
        "Grades",
        "--kind",
        "confidential",
        "--home-url",
        "https://grades.example.edu.tw/",
        "--redirect-uri",
        redirect,
        "--redirect-uri",
        "http://localhost:3001/cb",
        "--post-logout-uri",
        "https://grades.example.edu.tw/bye",
        "--fields",
        "email name",
        "--function",
        "view | 查詢成績 | View grades",
        "--function",
        "enter | 登錄成績",
        "--id-token-alg",
        "es256",
    ]
}

type Row = (bool, String, String, String, i64);

/// The subsystem `code` as stored: whether on, its kind, redirect URIs and fields, and how
/// many secrets it has.
async fn stored(db: &TestDb, code: &'static str) -> Option<Row> {
    use app::db::schema::client_secrets as cs;
    use diesel::prelude::*;
    db.pool
        .run(move |conn| {
            let Some(row) = app::db::clients::find(conn, code)? else { return Ok(None) };
            let secrets = cs::table.filter(cs::subsystem_id.eq(row.id)).count().get_result(conn)?;
            Ok(Some((row.active, row.client_kind, row.redirect_uris, row.fields, secrets)))
        })
        .await
        .expect("read the subsystem")
}

/// The subsystem `code`'s catalogue of functions as stored.
async fn catalogue(db: &TestDb, code: &'static str) -> String {
    db.pool
        .run(move |conn| Ok(app::db::clients::find(conn, code)?.map(|r| r.functions).unwrap_or_default()))
        .await
        .expect("read the catalogue")
}

/// Audit records of `event` written from the command line.
async fn audited(db: &TestDb, event: &'static str) -> Vec<String> {
    use app::db::schema::audit_events as a;
    use diesel::prelude::*;
    db.pool
        .run(move |conn| {
            Ok(a::table
                .filter(a::event.eq(event))
                .filter(a::method.eq("cli"))
                .order(a::id)
                .select(a::detail)
                .load(conn)?)
        })
        .await
        .expect("read the audit")
}

async fn a_subsystem_is_registered_and_managed(db: TestDb) {
    // A redirect URI over plain http elsewhere than this machine: refused at its flag, and
    // nothing stored.
    let out = gatehouse(&db, &add_args("grades", "http://example.org/cb"));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("--redirect-uri"), "the field is named: {said}");
    assert!(said.contains("https://"), "the message is in English and says what to do: {said}");
    assert_eq!(stored(&db, "grades").await, None);
    assert_eq!(audited(&db, "subsystem_registered").await, Vec::<String>::new());

    // A good one: registered, its first secret printed once.
    let said = succeeds(gatehouse(&db, &add_args("grades", "https://grades.example.edu.tw/cb")));
    assert!(said.contains("Registered subsystem grades"), "{said}");
    let first = printed_secret(&said);
    let row = stored(&db, "grades").await.expect("stored");
    let redirects = "https://grades.example.edu.tw/cb\nhttp://localhost:3001/cb".to_string();
    assert_eq!(row, (true, "confidential".into(), redirects.clone(), "name email".into(), 1));
    assert_eq!(audited(&db, "subsystem_registered").await, ["grades"]);

    let listed = succeeds(gatehouse(&db, &["subsystem", "list"]));
    let line = listed.lines().find(|l| l.starts_with("grades\t")).unwrap_or_else(|| panic!("listed: {listed}"));
    assert!(line.contains("\tconfidential\tactive\t成績系統\tGrades\t"), "{line}");
    assert!(line.ends_with("\tES256\tview enter"), "its algorithm and catalogue, in order: {line}");

    // A catalogue with a code twice: refused at its flag, nothing changed.
    let mut twice = add_args("grades", "https://grades.example.edu.tw/cb");
    twice.extend(["--function", "view | 再查一次"]);
    let out = gatehouse(&db, &twice);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && said.contains("--function"), "{said}");
    assert_eq!(catalogue(&db, "grades").await, "view | 查詢成績 | View grades\nenter | 登錄成績 | 登錄成績");

    // A new secret, another than the first; the first still counts until its overlap ends.
    let second = printed_secret(&succeeds(gatehouse(&db, &["subsystem", "rotate-secret", "grades"])));
    assert_ne!(first, second);
    assert_eq!(stored(&db, "grades").await.map(|r| r.4), Some(2));
    assert_eq!(audited(&db, "client_secret_rotated").await, ["grades"]);

    // Off, and on again.
    succeeds(gatehouse(&db, &["subsystem", "disable", "grades"]));
    assert_eq!(stored(&db, "grades").await.map(|r| r.0), Some(false));
    let listed = succeeds(gatehouse(&db, &["subsystem", "list"]));
    assert!(listed.contains("grades\tconfidential\tdisabled\t"), "{listed}");
    succeeds(gatehouse(&db, &["subsystem", "enable", "grades"]));
    assert_eq!(stored(&db, "grades").await.map(|r| r.0), Some(true));

    // 管考系統 comes registered without a secret: set up, it is changed and told how to get one.
    let said = succeeds(gatehouse(&db, &add_args("ismg", "https://ismg.example.gov.tw/cb")));
    assert!(said.contains("Changed subsystem ismg") && said.contains("rotate-secret ismg"), "{said}");
    assert!(!said.contains("will not be shown again"), "{said}");
    assert_eq!(stored(&db, "ismg").await.map(|r| (r.2.lines().count(), r.4)), Some((2, 0)));
    printed_secret(&succeeds(gatehouse(&db, &["subsystem", "rotate-secret", "ismg"])));
    assert_eq!(stored(&db, "ismg").await.map(|r| r.4), Some(1));

    // Nothing to act on: refused, naming the code.
    let out = gatehouse(&db, &["subsystem", "disable", "no_such"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no_such"));
}
on_both_databases!(cli_subsystem, a_subsystem_is_registered_and_managed);

/// How many signing keys have been retired.
async fn retired_keys(db: &TestDb) -> i64 {
    use app::db::schema::signing_keys as k;
    use diesel::prelude::*;
    db.pool
        .run(|conn| Ok(k::table.filter(k::retired_at.is_not_null()).count().get_result(conn)?))
        .await
        .expect("count the keys")
}

async fn signing_keys_rotate_on_command(db: TestDb) {
    succeeds(gatehouse(&db, &["keys", "rotate"]));
    let once = retired_keys(&db).await;
    assert!(once > 0, "the current keys retired");
    succeeds(gatehouse(&db, &["keys", "rotate"]));
    assert_eq!(retired_keys(&db).await, 2 * once, "each rotation retires the keys that signed");
}
on_both_databases!(cli_signing_keys, signing_keys_rotate_on_command);
