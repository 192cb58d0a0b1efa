//! Mail delivery against a real SMTP server (aiosmtpd from PyPI, which `make test` installs):
//! a message queued while the server is down stays in the outbox, is retried with backoff,
//! and arrives once the server is up.

use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    time::Duration,
};

use app::db::{
    now,
    outbox::{self, Channel},
};
use gatehouse::{
    config::{DeliverySettings, SmtpSecurity, SmtpSettings},
    delivery::Worker,
};

use crate::{on_both_databases, support::TestDb};

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// Mail over plain SMTP to 127.0.0.1:`port`, no SMS.
pub fn smtp_on(port: u16) -> DeliverySettings {
    DeliverySettings {
        smtp: Some(SmtpSettings {
            host: "127.0.0.1".into(),
            port,
            security: SmtpSecurity::None,
            user: None,
            password: None,
            from: "Gatehouse <no-reply@gatehouse.test>".into(),
        }),
        sms: None,
        ..DeliverySettings::default()
    }
}

/// An SMTP server writing every message into a maildir; killed when dropped.
pub struct SmtpServer(Child);

impl SmtpServer {
    pub fn start(port: u16, maildir: &std::path::Path) -> SmtpServer {
        SmtpServer::with_handler(port, maildir, "aiosmtpd.handlers.Mailbox")
    }

    /// One that holds its answer to the first message for a minute (`holding_mailbox.py`).
    pub fn holding(port: u16, maildir: &std::path::Path) -> SmtpServer {
        SmtpServer::with_handler(port, maildir, "holding_mailbox.HoldingMailbox")
    }

    fn with_handler(port: u16, maildir: &std::path::Path, handler: &str) -> SmtpServer {
        for sub in ["tmp", "new", "cur"] {
            std::fs::create_dir_all(maildir.join(sub)).expect("maildir");
        }
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", handler])
            .arg(maildir)
            .env("PYTHONPATH", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m aiosmtpd (make test installs aiosmtpd)");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return SmtpServer(child);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("aiosmtpd did not start on port {port}");
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn delivered(maildir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(maildir.join("new"))
        .map(|dir| dir.filter_map(|e| e.ok()).filter_map(|e| std::fs::read_to_string(e.path()).ok()).collect())
        .unwrap_or_default()
}

async fn mail_waits_for_the_server_and_then_arrives(db: TestDb) {
    let port = free_port();
    let settings = smtp_on(port);
    let worker = Worker::new(db.pool.clone(), &settings, 10).expect("worker");
    db.pool
        .run(|conn| {
            Ok(outbox::enqueue(
                conn,
                Channel::Email,
                "teacher@school.edu.tw",
                "reset_code",
                "【Gatehouse】忘記密碼驗証碼",
                "code 12345678",
                now(),
            )?)
        })
        .await
        .expect("enqueue");

    // The server is down: nothing is lost, the failure is recorded and the retry waits.
    assert_eq!(worker.run_once().await.expect("pass"), 0);
    let queued = db.pool.run(|conn| Ok(outbox::recent(conn, 10)?)).await.expect("outbox");
    assert_eq!(queued.len(), 1);
    assert_eq!((queued[0].attempts, queued[0].sent_at), (1, None));
    assert!(queued[0].last_error.is_some());
    assert!(queued[0].next_attempt_at > now(), "backoff before the next try");
    // Not due yet: a second pass does not hammer the server.
    assert_eq!(worker.run_once().await.expect("pass"), 0);
    assert_eq!(db.pool.run(|conn| Ok(outbox::recent(conn, 10)?)).await.expect("outbox")[0].attempts, 1);

    // The server comes up and the retry falls due.
    let maildir = tempfile::tempdir().expect("maildir");
    let _server = SmtpServer::start(port, maildir.path());
    db.pool
        .run(|conn| {
            use app::db::schema::outbox::dsl::*;
            use diesel::prelude::*;
            diesel::update(outbox).set(next_attempt_at.eq(now())).execute(conn)?;
            Ok(())
        })
        .await
        .expect("make due");
    let sent_now = worker.run_once().await.expect("pass");
    let state = db.pool.run(|conn| Ok(outbox::recent(conn, 10)?)).await.expect("outbox");
    assert_eq!(sent_now, 1, "last error: {:?}", state[0].last_error);
    let mails = delivered(maildir.path());
    assert_eq!(mails.len(), 1, "exactly one copy arrives");
    assert!(mails[0].contains("To: teacher@school.edu.tw"), "{}", mails[0]);
    assert!(mails[0].contains("From: Gatehouse <no-reply@gatehouse.test>"), "{}", mails[0]);
    assert!(mails[0].contains("code 12345678"), "{}", mails[0]);
    let sent = db.pool.run(|conn| Ok(outbox::recent(conn, 10)?)).await.expect("outbox");
    assert!(sent[0].sent_at.is_some());
    // Delivered, the code is gone from the database; who got which message, when, stays.
    assert_eq!(sent[0].body, "");
    assert_eq!((sent[0].recipient.as_str(), sent[0].template.as_str()), ("teacher@school.edu.tw", "reset_code"));
    // Sent messages are not sent again.
    assert_eq!(worker.run_once().await.expect("pass"), 0);
    assert_eq!(delivered(maildir.path()).len(), 1);
}
on_both_databases!(smtp_delivery, mail_waits_for_the_server_and_then_arrives);

/// Two servers deliver from one database (a second pool on it, as a second process has): each
/// due message is sent by one of them, once. Both pass at the same moment; each says how many
/// it sent, and the two counts add up to the messages, with one copy of each in the mailbox.
async fn two_servers_send_each_message_once(db: TestDb) {
    const MESSAGES: usize = 20;
    let port = free_port();
    let maildir = tempfile::tempdir().expect("maildir");
    let _server = SmtpServer::start(port, maildir.path());
    let settings = smtp_on(port);
    let url = db.url.clone();
    let other_pool =
        tokio::task::spawn_blocking(move || gatehouse::database::open(&url, 4)).await.expect("join").expect("pool");
    let (one, two) = (
        Worker::new(db.pool.clone(), &settings, 10).expect("worker"),
        Worker::new(other_pool, &settings, 10).expect("worker"),
    );
    db.pool
        .run(|conn| {
            for i in 0..MESSAGES {
                let to = format!("teacher{i:02}@school.edu.tw");
                outbox::enqueue(conn, Channel::Email, &to, "reset_code", "subject", &format!("code {i}"), now())?;
            }
            Ok(())
        })
        .await
        .expect("enqueue");
    let (a, b) = tokio::join!(one.run_once(), two.run_once());
    let (a, b) = (a.expect("first server"), b.expect("second server"));
    assert_eq!(a + b, MESSAGES, "each message sent by one server: {a} + {b}");
    let mut to: Vec<String> = delivered(maildir.path())
        .iter()
        .filter_map(|m| m.lines().find(|l| l.starts_with("To: ")).map(str::to_string))
        .collect();
    to.sort();
    let expected: Vec<String> = (0..MESSAGES).map(|i| format!("To: teacher{i:02}@school.edu.tw")).collect();
    assert_eq!(to, expected, "one copy of each");
    let state = db.pool.run(|conn| Ok(outbox::recent(conn, 100)?)).await.expect("outbox");
    assert!(state.iter().all(|m| m.sent_at.is_some() && m.attempts == 0), "all sent, none counted as failed");
    // Nothing is left for either.
    let (a, b) = tokio::join!(one.run_once(), two.run_once());
    assert_eq!((a.expect("first"), b.expect("second")), (0, 0));
}
on_both_databases!(two_servers_one_outbox, two_servers_send_each_message_once);
