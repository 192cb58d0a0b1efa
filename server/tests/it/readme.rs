//! Every command in the README and the guides in `docs/` (each line of a ```` ```sh ```` block)
//! is run here, in the order the documents give them, as an operator would type them: the
//! `gatehouse` ones in a fresh installation folder with this build's binary on the PATH, the
//! PostgreSQL ones (`pg_dump`, `createdb`, `pg_restore`) against the test server. `make`
//! targets are checked to exist and to expand (`make -n`; CI runs `make test` itself). A
//! command of any other kind fails the test until it is added here, so no command in the
//! documents goes unchecked and none can go stale.

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use diesel::{connection::SimpleConnection, Connection, PgConnection};

use crate::support::new_pg_database;

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository").to_path_buf()
}

/// The documents, in the order an operator reads them.
const DOCUMENTS: [&str; 6] =
    ["README.md", "docs/trying.md", "docs/operating.md", "docs/subsystems.md", "docs/development.md", "docs/http.md"];

/// Each ```` ```sh ```` block of `text`: its commands, continuation lines joined and
/// comments dropped.
fn blocks(text: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut current: Option<Vec<String>> = None;
    let mut pending = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        match &mut current {
            None if trimmed == "```sh" => current = Some(Vec::new()),
            None => {}
            Some(block) if trimmed == "```" => {
                assert!(pending.is_empty(), "a block ends inside a continued line");
                found.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                let code = match trimmed.find(" #") {
                    Some(at) => trimmed[..at].trim_end(),
                    None if trimmed.starts_with('#') => "",
                    None => trimmed,
                };
                if let Some(head) = code.strip_suffix('\\') {
                    pending.push_str(head);
                    pending.push(' ');
                } else if !code.is_empty() || !pending.is_empty() {
                    pending.push_str(code);
                    block.push(std::mem::take(&mut pending).trim().to_string());
                }
            }
        }
    }
    assert!(current.is_none(), "a ```sh block is not closed");
    found
}

/// The program a command runs: its first word after `NAME=value` assignments.
fn program(command: &str) -> &str {
    command.split_whitespace().find(|w| !(w.contains('=') && !w.starts_with('-'))).unwrap_or("")
}

fn run(command: &str, folder: &Path, env: &[(&str, String)]) -> String {
    let bin = folder.join("bin");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new("bash")
        .args(["-euo", "pipefail", "-c", command])
        .current_dir(folder)
        .env("PATH", path)
        .env_remove("GATEHOUSE_SECRET_KEY")
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .expect("bash");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "`{command}` failed:\n{stdout}\n{stderr}");
    stdout.into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_in_the_documents_runs() {
    let folder = tempfile::tempdir().expect("an installation folder");
    let bin = folder.path().join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_gatehouse"), bin.join("gatehouse")).expect("gatehouse on the PATH");
    // The official files the guide imports, from the shared data beside the checkout.
    for file in ["GDS.csv", "e1_new.csv", "change.csv"] {
        std::fs::copy(repository().join("../shared/data").join(file), folder.path().join(file)).expect(file);
    }
    // The PostgreSQL an installation's servers share, with the demo directory in it.
    let pg_url = new_pg_database();
    let pool = gatehouse::database::open(&app::db::DbUrl::Postgres(pg_url.clone()), 2).expect("PostgreSQL");
    gatehouse::demo::load(&pool).await.expect("demo directory");
    let restored_url = format!("{}/gatehouse_restored", pg_url.rsplit_once('/').expect("database name").0);
    PgConnection::establish(&pg_url)
        .expect("connect")
        .batch_execute("DROP DATABASE IF EXISTS gatehouse_restored")
        .expect("no earlier restore");

    let mut ran = Vec::new();
    for document in DOCUMENTS {
        let text = std::fs::read_to_string(repository().join(document)).expect(document);
        for block in blocks(&text) {
            let postgres = block.iter().any(|c| ["pg_dump", "pg_restore", "createdb"].contains(&program(c)));
            let env: Vec<(&str, String)> = if postgres { vec![("DATABASE_URL", pg_url.clone())] } else { Vec::new() };
            for command in block {
                match program(&command) {
                    "make" => {
                        let target = command.split_whitespace().skip_while(|w| *w != "make").nth(1).unwrap_or("");
                        let out =
                            Command::new("make").args(["-n", target]).current_dir(repository()).output().expect("make");
                        assert!(out.status.success(), "{document}: `{command}`: no such make target");
                    }
                    "gatehouse" | "pg_dump" | "pg_restore" | "createdb" => {
                        run(&command, folder.path(), &env);
                    }
                    other => panic!("{document}: `{command}`: {other} is neither run nor checked by this test"),
                }
                ran.push(command);
            }
        }
    }
    let has = |part: &str| ran.iter().any(|c| c.contains(part));
    for expected in [
        "make run",
        "make test",
        "gatehouse backup",
        "gatehouse restore",
        "pg_dump",
        "pg_restore",
        "gatehouse subsystem add",
    ] {
        assert!(has(expected), "the documents say `{expected}`");
    }

    // What the commands did: the directory imported, the accounts made, the backup restored,
    // the dump restored whole.
    let installed = app::db::DbUrl::Sqlite(folder.path().join("data/gatehouse.db").display().to_string());
    let restored = app::db::DbUrl::Sqlite(folder.path().join("restored/gatehouse.db").display().to_string());
    for url in [installed, restored] {
        let pool = app::db::DbPool::new(&url, 1);
        let (orgs, admin) = pool
            .run(|conn| {
                use app::db::schema::organizations as o;
                use diesel::prelude::*;
                let orgs: i64 = o::table.count().get_result(conn)?;
                Ok((orgs, app::db::users::find_by_key(conn, "admin01")?.is_some()))
            })
            .await
            .expect("read");
        assert!(orgs > 8000, "the national directory: {orgs}");
        assert!(admin, "the first central-authority account");
    }
    let count = |url: &str| {
        let pool = app::db::DbPool::new(&app::db::DbUrl::Postgres(url.to_string()), 1);
        async move {
            pool.run(|conn| {
                use app::db::schema::organizations as o;
                use diesel::prelude::*;
                Ok(o::table.count().get_result::<i64>(conn)?)
            })
            .await
            .expect("count")
        }
    };
    let (before, after) = (count(&pg_url).await, count(&restored_url).await);
    assert!(before > 0);
    assert_eq!(after, before, "the dump restored whole");
}
