//! The housekeeping sweep on both databases: what is past use goes, what can still change an
//! answer stays, a second sweep finds nothing, and the outbox gives up after its tries and
//! lists what it gave up on.

use app::{
    accounts::Role,
    auth::AuthSettings,
    db::{
        housekeeping::{self, Swept, CODE_GRACE_SECONDS},
        now,
        outbox::{self, Channel},
        schema::{
            audit_events, captcha_used, one_time_codes, open_ceremonies, outbox as o, rate_limits, sessions,
            sign_in_failures,
        },
    },
};
use diesel::prelude::*;
use gatehouse::delivery::Worker;

use crate::{
    client::create_user,
    mail::{free_port, smtp_on},
    on_both_databases,
    support::{load_demo, TestDb},
};

const DAY: i64 = 86_400;

/// Two rows of each kind, `old…` past use and `live…` still in use, keyed so the test can
/// tell which survived.
async fn seed(db: &TestDb, user_id: i64, t: i64, s: &AuthSettings) {
    let keep = s.sweep_rules().keep_audit_seconds;
    let (lock, window) = (s.lock_seconds, s.send_window_seconds);
    db.pool
        .run(move |conn| {
            for (id, expires) in [("old-session", t - 1), ("live-session", t + 600)] {
                diesel::insert_into(sessions::table)
                    .values((
                        sessions::id_hash.eq(id),
                        sessions::user_id.eq(user_id),
                        sessions::stage.eq("full"),
                        sessions::ip.eq("127.0.0.1"),
                        sessions::user_agent.eq("test"),
                        sessions::created_at.eq(t - DAY),
                        sessions::last_seen_at.eq(t - 60),
                        sessions::expires_at.eq(expires),
                    ))
                    .execute(conn)?;
            }
            // Expired long ago; used long ago; expired a moment ago (kept for the grace); live.
            for (hash, expires, used) in [
                ("old-expired", t - CODE_GRACE_SECONDS - 1, None),
                ("old-used", t + 600, Some(t - CODE_GRACE_SECONDS - 1)),
                ("live-just-expired", t - 60, None),
                ("live-code", t + 600, None),
            ] {
                diesel::insert_into(one_time_codes::table)
                    .values((
                        one_time_codes::user_id.eq(user_id),
                        one_time_codes::purpose.eq("reset_password"),
                        one_time_codes::code_hash.eq(hash),
                        one_time_codes::created_at.eq(t - 2 * DAY),
                        one_time_codes::expires_at.eq(expires),
                        one_time_codes::used_at.eq(used),
                    ))
                    .execute(conn)?;
            }
            for (challenge, expires) in [("old-captcha", t - 1), ("live-captcha", t + 60)] {
                diesel::insert_into(captcha_used::table)
                    .values((captcha_used::challenge.eq(challenge), captcha_used::expires_at.eq(expires)))
                    .execute(conn)?;
            }
            for (token, expires) in [("old-ceremony", t), ("live-ceremony", t + 60)] {
                app::db::ceremonies::put_open(conn, token, "{}", expires)?;
            }
            for (key, started) in [("old-limit", t - window), ("live-limit", t - window + 60)] {
                diesel::insert_into(rate_limits::table)
                    .values((
                        rate_limits::key.eq(key),
                        rate_limits::window_started_at.eq(started),
                        rate_limits::count.eq(3),
                    ))
                    .execute(conn)?;
            }
            // A lock that ran out; a run of failures older than the lock period; a lock still on
            // (its last failure long ago); a recent run.
            for (key, last, until) in [
                ("old-lock", t - 2 * lock, Some(t - 1)),
                ("old-run", t - lock, None),
                ("live-lock", t - 2 * lock, Some(t + 60)),
                ("live-run", t - 60, None),
            ] {
                diesel::insert_into(sign_in_failures::table)
                    .values((
                        sign_in_failures::username_key.eq(key),
                        sign_in_failures::failures.eq(2),
                        sign_in_failures::last_failed_at.eq(last),
                        sign_in_failures::locked_until.eq(until),
                    ))
                    .execute(conn)?;
            }
            for (key, at) in [("old-audit", t - keep), ("live-audit", t - keep + 60)] {
                diesel::insert_into(audit_events::table)
                    .values((
                        audit_events::at.eq(at),
                        audit_events::event.eq("sign_in"),
                        audit_events::outcome.eq("success"),
                        audit_events::ip.eq("127.0.0.1"),
                        audit_events::user_agent.eq("test"),
                        audit_events::detail.eq(key),
                    ))
                    .execute(conn)?;
            }
            // Delivered long ago; delivered recently; never delivered, from long ago (it stays:
            // the central authority must see what never arrived).
            for (template, created, sent) in [
                ("old-sent", t - keep - DAY, Some(t - keep)),
                ("live-sent", t - DAY, Some(t - 60)),
                ("live-unsent", t - keep - DAY, None),
            ] {
                diesel::insert_into(o::table)
                    .values((
                        o::channel.eq("email"),
                        o::recipient.eq("teacher@school.edu.tw"),
                        o::template.eq(template),
                        o::subject.eq("s"),
                        o::body.eq(""),
                        o::created_at.eq(created),
                        o::next_attempt_at.eq(created),
                        o::sent_at.eq(sent),
                    ))
                    .execute(conn)?;
            }
            Ok(())
        })
        .await
        .expect("seed");
}

/// Every key of the seeded rows still there, sorted.
async fn left(db: &TestDb) -> Vec<String> {
    let mut keys: Vec<String> = db
        .pool
        .run(|conn| {
            let mut keys: Vec<String> = sessions::table.select(sessions::id_hash).load(conn)?;
            keys.extend(one_time_codes::table.select(one_time_codes::code_hash).load::<String>(conn)?);
            keys.extend(captcha_used::table.select(captcha_used::challenge).load::<String>(conn)?);
            keys.extend(open_ceremonies::table.select(open_ceremonies::token_hash).load::<String>(conn)?);
            keys.extend(rate_limits::table.select(rate_limits::key).load::<String>(conn)?);
            keys.extend(sign_in_failures::table.select(sign_in_failures::username_key).load::<String>(conn)?);
            keys.extend(audit_events::table.select(audit_events::detail).load::<String>(conn)?);
            keys.extend(o::table.select(o::template).load::<String>(conn)?);
            Ok(keys)
        })
        .await
        .expect("rows");
    keys.retain(|k| k.starts_with("old-") || k.starts_with("live-"));
    keys.sort();
    keys
}

async fn sweeps_what_is_past_use_and_nothing_else(db: TestDb) {
    load_demo(&db).await;
    let settings = AuthSettings::default();
    let user = create_user(&db, "sweep_user", Role::User, "Tz9!mQ2#vbLp", None).await;
    let t = now();
    seed(&db, user, t, &settings).await;
    let rules = settings.sweep_rules();
    let swept = db.pool.run(move |conn| Ok(housekeeping::sweep(conn, t, rules)?)).await.expect("sweep");
    assert_eq!(
        swept,
        Swept {
            sessions: 1,
            codes: 2,
            captcha_answers: 1,
            ceremonies: 1,
            rate_limits: 1,
            sign_in_failures: 2,
            delivered_mail: 1,
            audit_events: 1
        }
    );
    let mut expected: Vec<String> = [
        "live-session",
        "live-just-expired",
        "live-code",
        "live-captcha",
        "live-ceremony",
        "live-limit",
        "live-lock",
        "live-run",
        "live-audit",
        "live-sent",
        "live-unsent",
    ]
    .map(String::from)
    .to_vec();
    expected.sort();
    assert_eq!(left(&db).await, expected);
    // Sweeping again, as a second server would, finds nothing more.
    let again = db.pool.run(move |conn| Ok(housekeeping::sweep(conn, t, rules)?)).await.expect("sweep");
    assert_eq!(again.total(), 0);
}
on_both_databases!(sweep, sweeps_what_is_past_use_and_nothing_else);

/// Audit rows are kept the months the installation set, and never fewer than six, whatever a
/// settings struct built in code says.
#[test]
fn audit_is_kept_at_least_six_months() {
    let month = 31 * DAY;
    let keep = |months| AuthSettings { audit_retention_months: months, ..AuthSettings::default() }.sweep_rules();
    assert_eq!(AuthSettings::default().sweep_rules().keep_audit_seconds, 12 * month);
    assert_eq!(keep(24).keep_audit_seconds, 24 * month);
    assert_eq!(keep(1).keep_audit_seconds, 6 * month);
}

/// The outbox tries a message `max` times, then leaves it: no longer due, listed for the
/// central authority with its last error.
async fn outbox_gives_up_after_its_tries(db: TestDb) {
    let settings = smtp_on(free_port());
    let worker = Worker::new(db.pool.clone(), &settings, 2).expect("worker");
    db.pool
        .run(|conn| Ok(outbox::enqueue(conn, Channel::Email, "lost@school.edu.tw", "reset_code", "s", "b", now())?))
        .await
        .expect("enqueue");
    let make_due =
        || db.pool.run(|conn| Ok(diesel::update(o::table).set(o::next_attempt_at.eq(0_i64)).execute(conn)?));
    for tries in 1..=2 {
        assert_eq!(worker.run_once().await.expect("pass"), 0);
        let (failed, total) = db.pool.run(|conn| Ok(outbox::given_up(conn, 2, 10)?)).await.expect("failed");
        assert_eq!(total, if tries == 2 { 1 } else { 0 }, "after {tries} tries");
        assert_eq!(failed.len() as i64, total);
        make_due().await.expect("due");
    }
    let due = db.pool.run(|conn| Ok(outbox::due(conn, Channel::Email, now(), 2, 10)?)).await.expect("due");
    assert!(due.is_empty(), "given up: not tried again");
    worker.run_once().await.expect("pass");
    let (failed, _) = db.pool.run(|conn| Ok(outbox::given_up(conn, 2, 10)?)).await.expect("failed");
    assert_eq!(failed[0].attempts, 2, "no third try");
    assert_eq!(failed[0].recipient, "lost@school.edu.tw");
    assert!(failed[0].last_error.is_some());
}
on_both_databases!(outbox_give_up, outbox_gives_up_after_its_tries);

/// 寄送失敗的訊息 through the server function: the central authority reads every message
/// given up on (and only those); anyone else is refused.
async fn failed_mail_is_for_the_central_authority(db: TestDb) {
    use crate::{
        admin::{signed_in, PASSWORD},
        client::{router, settings, Client, SECRET},
    };
    load_demo(&db).await;
    create_user(&db, "teacher_f", Role::User, PASSWORD, Some(SECRET)).await;
    create_user(&db, "central_f", Role::Central, PASSWORD, Some(SECRET)).await;
    let max = settings().outbox_max_attempts;
    gatehouse::demo::failed_mail(&db.pool, 3, max).await.expect("failed mail");
    // Queued and still being tried: not listed.
    db.pool
        .run(|conn| Ok(outbox::enqueue(conn, Channel::Email, "waiting@school.edu.tw", "reset_code", "s", "b", now())?))
        .await
        .expect("enqueue");
    let app = router(&db, settings());
    let mut teacher = signed_in(&app, "teacher_f", SECRET).await;
    assert_eq!(teacher.get("/api/fn/list_failed_mail").await.status, 403);
    assert_eq!(Client::new(&app).get("/api/fn/list_failed_mail").await.status, 401);
    let mut central = signed_in(&app, "central_f", SECRET).await;
    let listed: serde_json::Value = central.get("/api/fn/list_failed_mail").await.json();
    assert_eq!(listed["total"], 3, "{listed}");
    assert_eq!(listed["max_attempts"], max);
    let to: Vec<&str> =
        listed["messages"].as_array().expect("list").iter().filter_map(|m| m["recipient"].as_str()).collect();
    assert_eq!(to.len(), 3);
    assert!(!to.contains(&"waiting@school.edu.tw"), "{to:?}");
}
on_both_databases!(failed_mail_listing, failed_mail_is_for_the_central_authority);
