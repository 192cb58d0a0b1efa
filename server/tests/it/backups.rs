//! `gatehouse backup` while a server runs, and `gatehouse restore` into a fresh data folder:
//! the copy holds every write the server acknowledged before the backup began, nothing it
//! acknowledged after the backup ended, and from each person a run of saves without a gap
//! (one moment's database); the key came along, so every authenticator binding still opens and
//! every session still holds; neither command overwrites anything.

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use app::{accounts::Role, db::DbUrl};

use crate::{
    client::{create_user_in, totp_now, Client, SECRET},
    inventory::{grant_assets, insert, names, row, save, sheet},
    support::{load_demo, TestDb},
    two_servers::Server,
};

const PASSWORD: &str = "Tz9!mQ2#vbLp";
const ORG: &str = "2.16.886.101.20003.20005";
const PEOPLE: [&str; 3] = ["bk_one", "bk_two", "bk_three"];

/// `gatehouse <args>` with the database at `db` and the key in the file `key` (never the
/// variable, which the tests' other servers use).
fn gatehouse(args: &[&str], db: &Path, key: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gatehouse"))
        .args(args)
        .env_remove("GATEHOUSE_SECRET_KEY")
        .env("DATABASE_URL", format!("sqlite://{}", db.display()))
        .env("GATEHOUSE_SECRET_KEY_FILE", key)
        .env("RUST_LOG", "warn")
        .output()
        .expect("the gatehouse binary")
}

/// A server on the database `db` with the key file `key`.
async fn serve(db: &Path, key: &Path) -> Server {
    let key = key.display().to_string();
    let mut server = Server::spawn_with(
        &format!("sqlite://{}", db.display()),
        &[("GATEHOUSE_SECRET_KEY", ""), ("GATEHOUSE_SECRET_KEY_FILE", &key)],
    );
    server.healthy().await;
    server
}

/// What one person did on the live server: their session, and each row saved with when the
/// server acknowledged it, in order.
struct Work {
    session: Option<String>,
    saved: Vec<(String, Instant)>,
}

async fn sign_in(c: &mut Client, name: &str, step: i64) {
    assert_eq!(c.sign_in(name, PASSWORD).await.status, 200, "{name}'s password");
    let reply = c.verify(&totp_now(SECRET, step)).await;
    assert_eq!(reply.status, 200, "{name}'s code: {}", reply.body);
}

/// Signs `name` in, then saves a row after another until `stop`; every fourth round a new
/// sign-in's first step as well, so that sign-ins run beside the saves.
async fn work(app: axum::Router, name: &'static str, org_id: i64, stop: Arc<AtomicBool>) -> Work {
    let mut c = Client::new(&app);
    sign_in(&mut c, name, -1).await;
    let mut saved = Vec::new();
    for n in 0.. {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let label = format!("{name}-{n:04}");
        let reply = save(&mut c, org_id, vec![insert(&row(&label))]).await;
        assert_eq!(reply.status, 200, "{label}: {}", reply.body);
        saved.push((label, Instant::now()));
        if n % 4 == 3 {
            assert_eq!(Client::new(&app).sign_in(name, PASSWORD).await.status, 200, "{name} again");
        }
    }
    Work { session: c.cookie, saved }
}

fn digest(path: &Path) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(path).expect("file")).to_vec()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_people_work_restores_every_acknowledged_write() {
    let dir = tempfile::tempdir().expect("dir");
    let live: PathBuf = dir.path().join("live");
    std::fs::create_dir_all(&live).expect("live folder");
    let (db_file, key_file) = (live.join("gatehouse.db"), live.join("secret.key"));
    // The tests' key (`client::test_keys`) in a key file, as an installation keeps it.
    std::fs::write(&key_file, "07".repeat(32)).expect("key file");
    let url = DbUrl::Sqlite(db_file.display().to_string());
    let db = TestDb::from_pool(gatehouse::database::open(&url, 4).expect("database"), url);
    load_demo(&db).await;
    for name in PEOPLE {
        let id = create_user_in(&db, ORG, name, Role::User, PASSWORD, Some(SECRET)).await;
        grant_assets(&db, id).await;
    }
    let org_id = db
        .pool
        .run(|conn| Ok(app::db::orgs::find_id(conn, &app::directory::OrgKey::Oid(ORG.into()))?.0))
        .await
        .expect("org");

    let server = serve(&db_file, &key_file).await;
    let app = server.remote();
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> =
        PEOPLE.iter().map(|name| tokio::spawn(work(app.clone(), name, org_id, stop.clone()))).collect();
    tokio::time::sleep(Duration::from_millis(1500)).await;

    let backup_dir = dir.path().join("backup");
    let began = Instant::now();
    let out = {
        let (db_file, key_file, backup_dir) = (db_file.clone(), key_file.clone(), backup_dir.clone());
        tokio::task::spawn_blocking(move || {
            gatehouse(&["backup", &backup_dir.display().to_string()], &db_file, &key_file)
        })
        .await
        .expect("backup ran")
    };
    let ended = Instant::now();
    assert!(out.status.success(), "backup: {}", String::from_utf8_lossy(&out.stderr));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("backed up into"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    tokio::time::sleep(Duration::from_millis(800)).await;
    stop.store(true, Ordering::SeqCst);
    let mut done = Vec::new();
    for worker in workers {
        done.push(worker.await.expect("worker"));
    }
    drop(server);
    for work in &done {
        assert!(work.saved.iter().any(|(_, at)| *at < began), "saves acknowledged before the backup");
        assert!(work.saved.iter().any(|(_, at)| *at > ended), "saves acknowledged after it");
    }
    // Only its owner may read the copy and the key.
    #[cfg(unix)]
    for file in ["gatehouse.db", "secret.key"] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(backup_dir.join(file)).expect(file).permissions().mode();
        assert_eq!(mode & 0o077, 0, "{file} is private");
    }

    // A second backup into the same folder is refused and changes nothing there.
    let manifest = std::fs::read(backup_dir.join("manifest.json")).expect("manifest");
    let out = gatehouse(&["backup", &backup_dir.display().to_string()], &db_file, &key_file);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(backup_dir.join("manifest.json")).expect("manifest"), manifest);

    // Restored into a fresh data folder, the key from the backup.
    let fresh = dir.path().join("fresh");
    let (new_db, new_key) = (fresh.join("gatehouse.db"), fresh.join("secret.key"));
    let out = gatehouse(&["restore", &backup_dir.display().to_string()], &new_db, &new_key);
    assert!(out.status.success(), "restore: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&new_key).expect("key restored"), "07".repeat(32));
    // Restoring again over it is refused, and the restored database is untouched.
    let before = digest(&new_db);
    let out = gatehouse(&["restore", &backup_dir.display().to_string()], &new_db, &new_key);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("does not overwrite"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(digest(&new_db), before);
    // A damaged copy is refused before anything is written.
    let damaged = dir.path().join("damaged");
    std::fs::create_dir_all(&damaged).expect("folder");
    for file in ["manifest.json", "secret.key", "gatehouse.db"] {
        std::fs::copy(backup_dir.join(file), damaged.join(file)).expect("copy");
    }
    let mut bytes = std::fs::read(damaged.join("gatehouse.db")).expect("copy");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(damaged.join("gatehouse.db"), bytes).expect("damage");
    let elsewhere = dir.path().join("elsewhere");
    let out = gatehouse(&["restore", &damaged.display().to_string()], &elsewhere.join("g.db"), &elsewhere.join("k"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("damaged"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!elsewhere.exists(), "nothing written for a damaged backup");

    let restored = serve(&new_db, &new_key).await;
    let app = restored.remote();
    for (name, work) in PEOPLE.iter().zip(&done) {
        // The sessions started before the backup hold on the restored server.
        assert_ne!(Client::with_cookie(&app, work.session.clone()).viewer().await, serde_json::Value::Null, "{name}");
        // The authenticator binding opens with the restored key: a new code signs in.
        let mut c = Client::new(&app);
        sign_in(&mut c, name, 1).await;
        let held = names(&sheet(&mut c, org_id).await);
        let mine: Vec<&str> = held.iter().map(String::as_str).filter(|n| n.starts_with(&format!("{name}-"))).collect();
        for (label, at) in &work.saved {
            if *at < began {
                assert!(mine.contains(&label.as_str()), "{label}, acknowledged before the backup, is in it");
            }
            if *at > ended {
                assert!(!mine.contains(&label.as_str()), "{label}, acknowledged after the backup, is not");
            }
        }
        // One moment's database: the first saves, with none missing between them.
        let expected: Vec<&str> = work.saved.iter().take(mine.len()).map(|(l, _)| l.as_str()).collect();
        assert_eq!(mine, expected, "{name}'s saves in the copy are a prefix of what was acknowledged");
    }
}

/// On PostgreSQL the command says which tools to use instead, and writes nothing.
#[test]
fn postgresql_is_backed_up_with_its_own_tools() {
    let dir = tempfile::tempdir().expect("dir");
    let target = dir.path().join("backup");
    let out = Command::new(env!("CARGO_BIN_EXE_gatehouse"))
        .args(["backup", &target.display().to_string()])
        .env("DATABASE_URL", "postgres://gatehouse@127.0.0.1:1/none")
        .output()
        .expect("the gatehouse binary");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("pg_dump"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!target.exists());
}
