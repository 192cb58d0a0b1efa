//! SPEC §3's lockout as an attacker tries it: codes and passwords counted together, bursts
//! that race the lock, a half-finished sign-in outliving the lock, a hashing queue filled
//! first, and the current password guessed on the change-password form.

use app::{accounts::Role, auth::AuthSettings, auth::HashLimits};

use crate::{
    client::{create_user, error_of, router, settings, stated_count, totp_now, Client, SECRET},
    on_both_databases,
    support::{load_demo, Reply, TestDb},
};

const PASSWORD: &str = "Tz9!mQ2#vbLp";

/// Outcomes and details of the audit records of `event` about `username`, oldest first.
pub async fn audited(db: &TestDb, username: &str, event: &str) -> Vec<(String, String)> {
    let (username, event) = (username.to_string(), event.to_string());
    db.pool
        .run(move |conn| {
            use app::db::schema::audit_events::dsl as a;
            use diesel::prelude::*;
            Ok(a::audit_events
                .filter(a::username.eq(username))
                .filter(a::event.eq(event))
                .order(a::id.asc())
                .select((a::outcome, a::detail))
                .load::<(String, String)>(conn)?)
        })
        .await
        .expect("audit")
}

async fn sessions_of(db: &TestDb, username: &str) -> i64 {
    let username = username.to_string();
    db.pool
        .run(move |conn| {
            use app::db::schema::{sessions, users};
            use diesel::prelude::*;
            Ok(sessions::table
                .inner_join(users::table.on(users::id.eq(sessions::user_id)))
                .filter(users::username.eq(username))
                .count()
                .get_result::<i64>(conn)?)
        })
        .await
        .expect("sessions")
}

/// `passwords` sent at once, each from its own browser with its CAPTCHA already solved.
async fn burst(app: &axum::Router, username: &str, passwords: &[&str]) -> Vec<Reply> {
    burst_from(app, username, passwords.iter().map(|p| (p.to_string(), None)).collect()).await
}

/// Sign-ins sent at once, each a password and the address it comes from (behind a trusted
/// proxy), each from its own browser with its CAPTCHA already solved. Every answer, in order.
async fn burst_from(app: &axum::Router, username: &str, attempts: Vec<(String, Option<String>)>) -> Vec<Reply> {
    let mut ready = Vec::new();
    for (password, address) in attempts {
        let mut c = Client::new(app);
        c.forwarded_for = address;
        let captcha = c.captcha().await;
        ready.push((c, captcha, password));
    }
    let username = username.to_string();
    let tasks: Vec<_> = ready
        .into_iter()
        .map(|(mut c, captcha, password)| {
            let username = username.clone();
            tokio::spawn(async move {
                c.post("sign_in", &[("username", &username), ("password", &password), ("captcha", &captcha)]).await
            })
        })
        .collect();
    let mut replies = Vec::new();
    for task in tasks {
        replies.push(task.await.expect("join"));
    }
    replies
}

async fn codes_and_passwords_count_together(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "knows_pw", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    // Someone who knows the password alternates it with guessed codes: the right password
    // must not wipe out the wrong codes, so the third wrong code locks.
    let mut counts = Vec::new();
    for _ in 0..2 {
        assert_eq!(c.sign_in("knows_pw", PASSWORD).await.body, "\"EnterCode\"");
        let wrong = c.verify("000000").await;
        assert_eq!(wrong.status, 400);
        counts.push(stated_count(&wrong).expect("a count"));
    }
    assert_eq!(c.sign_in("knows_pw", PASSWORD).await.body, "\"EnterCode\"");
    let third = c.verify("000001").await;
    counts.push(stated_count(&third).expect("a count"));
    assert_eq!(counts, [1, 2, 3], "codes count across sign-ins");
    assert!(error_of(&third).1.contains("鎖定"), "{}", third.body);
    // The lock ended the half-finished sign-in, and the right password is now refused.
    assert!(c.verify(&totp_now(SECRET, 0)).await.status == 401, "the code step is over");
    assert_eq!(c.sign_in("knows_pw", PASSWORD).await.status, 400);
    assert_eq!(sessions_of(&db, "knows_pw").await, 0);

    // Only a complete sign-in clears the count: after it, one wrong code is the first again.
    db.pool.run(|conn| Ok(app::db::failures::clear(conn, "knows_pw")?)).await.expect("unlock");
    c.sign_in("knows_pw", PASSWORD).await;
    assert_eq!(stated_count(&c.verify("000002").await), Some(1));
    c.sign_in("knows_pw", PASSWORD).await;
    assert_eq!(c.verify(&totp_now(SECRET, 1)).await.status, 200);
    assert!(db.pool.run(|conn| Ok(app::db::failures::get(conn, "knows_pw")?)).await.expect("get").is_none());
}
on_both_databases!(codes_and_passwords, codes_and_passwords_count_together);

async fn a_burst_cannot_outrun_the_lock(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "burst_target", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    // Thirty at once, the right password among them.
    let mut passwords = vec!["wrong-guess"; 30];
    passwords[17] = PASSWORD;
    let replies = burst(&app, "burst_target", &passwords).await;

    // Each answer is its own: a sign-in, or the failure text with a count nobody else got.
    let mut counts = Vec::new();
    let mut signed_in = 0;
    for (i, reply) in replies.iter().enumerate() {
        match reply.status {
            200 => {
                assert_eq!(i, 17, "only the right password can sign in");
                signed_in += 1;
            }
            400 => counts.push(stated_count(reply).unwrap_or_else(|| panic!("no count: {}", reply.body))),
            other => panic!("answer {i}: {other} {}", reply.body),
        }
    }
    let mut unique = counts.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), counts.len(), "no answer repeats another's count: {counts:?}");
    // At most the limit was checked in this lock window; the rest were refused unchecked.
    let checked = audited(&db, "burst_target", "sign_in").await;
    let hashed = checked.iter().filter(|(outcome, detail)| outcome != "refused" || detail.starts_with("right")).count();
    assert!(hashed <= 3, "{hashed} passwords checked in one lock window: {checked:?}");
    assert_eq!(checked.len(), 30, "every attempt is audited");
    // One session at most, and only if the right password was checked before the lock.
    assert_eq!(sessions_of(&db, "burst_target").await, signed_in);
    // Whatever happened, the account is locked now.
    let mut c = Client::new(&app);
    assert_eq!(c.sign_in("burst_target", PASSWORD).await.status, 400);
}
on_both_databases!(burst, a_burst_cannot_outrun_the_lock);

async fn the_right_password_loses_to_a_lock_taken_while_it_was_checked(db: TestDb) {
    load_demo(&db).await;
    let app = router(&db, settings());
    // The race needs the two attempts to overlap. On a loaded machine the right password can be
    // checked and answered before the wrong one arrives; that is a plain sign-in, checked as
    // such, and the race is tried again on a fresh account.
    for round in 0..8 {
        let username = format!("race_target{round}");
        create_user(&db, &username, Role::User, PASSWORD, Some(SECRET)).await;
        let mut c = Client::new(&app);
        for n in 1..=2 {
            assert_eq!(stated_count(&c.sign_in(&username, "wrong").await), Some(n));
        }
        // The third and fourth attempts at once: one gets the last check (count 3), the other
        // is beyond the limit (count 4) and locks at once. Whichever the right password got, it
        // must not sign in, and its answer is a wrong one's with its own count.
        let replies = burst(&app, &username, &[PASSWORD, "wrong"]).await;
        if replies[0].status == 200 {
            // No overlap: the right password came first, was checked with count 3 and gave it
            // back (its session waited for the code); the wrong one that followed took count 3,
            // the last, and locked the account, which ends the half-finished sign-in too.
            assert_eq!(replies[1].status, 400, "{}", replies[1].body);
            assert_eq!(stated_count(&replies[1]), Some(3), "{}", replies[1].body);
            assert!(error_of(&replies[1]).1.contains("鎖定"), "{}", replies[1].body);
            assert_eq!(sessions_of(&db, &username).await, 0, "the lock ended the half-finished sign-in");
            continue;
        }
        let mut counts: Vec<i32> = replies
            .iter()
            .map(|r| {
                assert_eq!(r.status, 400, "{}", r.body);
                assert!(error_of(r).1.contains("鎖定"), "{}", r.body);
                stated_count(r).expect("count")
            })
            .collect();
        counts.sort_unstable();
        assert_eq!(counts, [3, 4]);
        assert_eq!(sessions_of(&db, &username).await, 0, "no session once the failures reached the limit");
        // The right password's refusal is on record.
        let records = audited(&db, &username, "sign_in").await;
        let refused = records.iter().filter(|(outcome, _)| outcome == "refused").count();
        assert!(refused >= 1, "{records:?}");
        assert!(records.iter().all(|(outcome, _)| outcome != "success"), "{records:?}");
        return;
    }
    panic!("in 8 rounds the two attempts never overlapped");
}
on_both_databases!(lock_wins, the_right_password_loses_to_a_lock_taken_while_it_was_checked);

async fn a_lock_ends_a_half_finished_sign_in(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "half_way", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut owner = Client::new(&app);
    assert_eq!(owner.sign_in("half_way", PASSWORD).await.body, "\"EnterCode\"");
    // Someone else locks the account meanwhile with wrong passwords.
    let mut other = Client::new(&app);
    for _ in 0..3 {
        other.sign_in("half_way", "wrong").await;
    }
    let late = owner.verify(&totp_now(SECRET, 0)).await;
    assert_eq!(late.status, 401, "the half-finished sign-in ended with the lock: {}", late.body);
    // When the lock is over, sign-in starts again at the password.
    db.pool
        .run(|conn| {
            use app::db::schema::sign_in_failures::dsl as f;
            use diesel::prelude::*;
            diesel::update(f::sign_in_failures.find("half_way"))
                .set(f::locked_until.eq(app::db::now() - 1))
                .execute(conn)?;
            Ok(())
        })
        .await
        .expect("expire the lock");
    assert_eq!(owner.verify(&totp_now(SECRET, 0)).await.status, 401);
    assert_eq!(owner.sign_in("half_way", PASSWORD).await.body, "\"EnterCode\"");
    assert_eq!(owner.verify(&totp_now(SECRET, 0)).await.status, 200);
}
on_both_databases!(half_finished, a_lock_ends_a_half_finished_sign_in);

async fn the_hashing_queue_is_bounded(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "queue_user", Role::User, PASSWORD, Some(SECRET)).await;
    let limits = HashLimits { total: 3, per_client: 1 };
    let app = router(&db, AuthSettings { trusted_proxies: 1, max_failures: 100, hash_limits: limits, ..settings() });
    // Many clients at once, each at its own address: beyond three in the queue, 503.
    let apart = (0..12).map(|i| ("wrong".to_string(), Some(format!("198.51.100.{i}")))).collect();
    let mut busy = 0;
    let mut answered = 0;
    for reply in burst_from(&app, "queue_user", apart).await {
        match reply.status {
            503 => {
                busy += 1;
                assert_eq!(reply.headers.get("retry-after").and_then(|v| v.to_str().ok()), Some("1"));
                assert!(error_of(&reply).1.contains("秒後再試"), "{}", reply.body);
            }
            400 => answered += 1,
            other => panic!("{other}: {}", reply.body),
        }
    }
    assert!(busy > 0, "twelve at once over a queue of three: some must be told to come back");
    // A client told to come back made no attempt: only the answered ones counted.
    let count = db.pool.run(|conn| Ok(app::db::failures::get(conn, "queue_user")?)).await.expect("get");
    assert_eq!(count.map(|f| f.failures), Some(answered));

    // One address cannot hold more than its share, even with room in the queue.
    let together = (0..6).map(|_| ("wrong".to_string(), Some("203.0.113.7".to_string()))).collect();
    let statuses: Vec<u16> = burst_from(&app, "queue_user", together).await.iter().map(|r| r.status).collect();
    assert!(statuses.iter().any(|s| *s == 503), "one address, six at once, a share of one: {statuses:?}");
    assert!(statuses.iter().all(|s| *s == 503 || *s == 400), "{statuses:?}");
}
on_both_databases!(hash_queue, the_hashing_queue_is_bounded);

async fn wrong_current_passwords_count_and_lock(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "changer", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    c.sign_in("changer", PASSWORD).await;
    assert_eq!(c.verify(&totp_now(SECRET, 0)).await.status, 200);
    let new = "Nw8#kLp2@xQz";
    for n in 1..=3 {
        let reply = c.post("change_password", &[("current", "guess"), ("password", new), ("confirm", new)]).await;
        assert_eq!(reply.status, 400);
        let (error, _) = error_of(&reply);
        assert!(matches!(error, app::error::AppError::Invalid { ref field, .. } if field == "current"), "{error:?}");
        assert_eq!(stated_count(&reply), Some(n));
    }
    let failures = audited(&db, "changer", "password_changed").await;
    assert_eq!(failures.iter().filter(|(o, _)| o == "failure").count(), 3, "{failures:?}");
    // The lock ended the session the guesses came from, and refuses sign-in.
    assert!(c.viewer().await.is_null());
    assert_eq!(Client::new(&app).sign_in("changer", PASSWORD).await.status, 400);
    assert!(!audited(&db, "changer", "lockout").await.is_empty());
}
on_both_databases!(change_password_lock, wrong_current_passwords_count_and_lock);
