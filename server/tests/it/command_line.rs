//! The `gatehouse` command's accounts: `create-user` takes a typed `--role`, and creates the
//! account with its grants in one transaction, every step audited as done from the command line.

use std::process::{Command, Output};

use app::db::DbUrl;

use crate::{
    on_both_databases,
    support::{load_demo, TestDb},
};

/// `gatehouse create-user` on `db` with `args` after it.
fn create_user(db: &TestDb, args: &[&str]) -> Output {
    let url = match &db.url {
        DbUrl::Postgres(url) => url.clone(),
        DbUrl::Sqlite(path) => format!("sqlite://{path}"),
    };
    Command::new(env!("CARGO_BIN_EXE_gatehouse"))
        .arg("create-user")
        .args(args)
        .env("DATABASE_URL", url)
        // The tests' key (`client::test_keys`), so no key file is written beside the tests.
        .env("GATEHOUSE_SECRET_KEY", "07".repeat(32))
        .env("RUST_LOG", "warn")
        .output()
        .expect("the gatehouse binary")
}

fn account(username: &str) -> [&str; 6] {
    ["--org", "011601", "--username", username, "--name", "測試者"]
}

type Held = (Option<String>, Vec<String>, Vec<(String, Option<String>, String)>, i64);

/// What the database holds of `username`: the account's role, its grants, its audit records
/// (event, method, detail) and the mail queued to it.
async fn held(db: &TestDb, username: &'static str) -> Held {
    use app::db::schema::{audit_events as a, outbox as o, users as u};
    use diesel::prelude::*;
    db.pool
        .run(move |conn| {
            let user = app::db::users::find_by_key(conn, username)?;
            let grants = match &user {
                Some(user) => app::db::portal::grant_codes(conn, user.id)?,
                None => Vec::new(),
            };
            let audit = a::table
                .filter(a::username.eq(username))
                .order(a::id)
                .select((a::event, a::method, a::detail))
                .load(conn)?;
            let mail = o::table.filter(o::recipient.eq(format!("{username}@test.edu.tw"))).count().get_result(conn)?;
            let role = u::table.filter(u::username_key.eq(username)).select(u::role).first(conn).optional()?;
            Ok((role, grants, audit, mail))
        })
        .await
        .expect("read the account")
}

async fn a_bad_role_is_refused_before_anything_is_done(db: TestDb) {
    load_demo(&db).await;
    let out =
        create_user(&db, &[&account("cli_boss")[..], &["--email", "cli_boss@test.edu.tw", "--role", "boss"]].concat());
    let said = String::from_utf8_lossy(&out.stderr);
    // A usage error (clap's status 2), naming the flag, the value and the roles there are.
    assert_eq!(out.status.code(), Some(2), "{said}");
    for part in ["--role", "boss", "central", "org_admin", "user"] {
        assert!(said.contains(part), "{part:?} not in: {said}");
    }
    assert_eq!(held(&db, "cli_boss").await, (None, vec![], vec![], 0));
}
on_both_databases!(cli_bad_role, a_bad_role_is_refused_before_anything_is_done);

async fn a_failing_grant_leaves_no_account_behind(db: TestDb) {
    load_demo(&db).await;
    let rest = ["--email", "cli_half@test.edu.tw", "--role", "org_admin", "--grant", "assets", "--grant", "no_such"];
    let out = create_user(&db, &[&account("cli_half")[..], &rest].concat());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{said}");
    // Neither the account, nor its first grant, nor their audit records, nor its mail.
    assert_eq!(held(&db, "cli_half").await, (None, vec![], vec![], 0));
    assert!(said.contains("no_such"), "the subsystem is named: {said}");

    // The same command without the unknown subsystem: the account, its grant, each audited.
    let rest = ["--email", "cli_half@test.edu.tw", "--role", "org_admin", "--grant", "assets"];
    let out = create_user(&db, &[&account("cli_half")[..], &rest].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("/set-password?token="));
    let (role, grants, audit, mail) = held(&db, "cli_half").await;
    assert_eq!((role.as_deref(), grants, mail), (Some("org_admin"), vec!["assets".to_string()], 1));
    let audit: Vec<(&str, Option<&str>, &str)> =
        audit.iter().map(|(e, m, d)| (e.as_str(), m.as_deref(), d.as_str())).collect();
    assert_eq!(audit, [("account_created", Some("cli"), ""), ("grant_changed", Some("cli"), "grant assets")]);
}
on_both_databases!(cli_grants, a_failing_grant_leaves_no_account_behind);
