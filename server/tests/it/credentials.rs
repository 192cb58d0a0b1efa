//! Changing credentials, tried as an attacker with a stolen session would: rebinding without
//! a fresh verification, an expired password used for anything but its change, floods of
//! mail, a new code bought to get fresh guesses. And what every change owes its owner: the
//! other sessions end, a notice is mailed.

use app::{accounts::Role, auth::AuthSettings};

use crate::{
    client::{
        create_user, eight_digits, error_of, last_mail, mails_to, request, reset, router, settings, stated_count,
        totp_now, Client, SECRET,
    },
    lockout::audited,
    on_both_databases,
    support::{load_demo, TestDb},
};

const PASSWORD: &str = "Tz9!mQ2#vbLp";
const NEW_PASSWORD: &str = "Qa7$wE3&rTzy";

pub(crate) async fn signed_in(app: &axum::Router, username: &str, step: i64) -> Client {
    let mut c = Client::new(app);
    assert_eq!(c.sign_in(username, PASSWORD).await.status, 200);
    let reply = c.verify(&totp_now(SECRET, step)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    c
}

fn secret_of(offer: &serde_json::Value) -> String {
    offer["uri"]
        .as_str()
        .and_then(|u| u.split("secret=").nth(1))
        .and_then(|s| s.split('&').next())
        .expect("secret")
        .to_string()
}

/// Moves the session's last verification `seconds` into the past.
pub(crate) async fn age_verification(db: &TestDb, seconds: i64) {
    db.pool
        .run(move |conn| {
            use app::db::schema::sessions::dsl as s;
            use diesel::prelude::*;
            diesel::update(s::sessions).set(s::verified_at.eq(app::db::now() - seconds)).execute(conn)?;
            Ok(())
        })
        .await
        .expect("age");
}

async fn rebinding_needs_a_fresh_verification(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "rebinder", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut phone = signed_in(&app, "rebinder", -1).await;
    // Minutes later, a stolen session alone cannot replace the authenticator.
    let mut c = signed_in(&app, "rebinder", 0).await;
    age_verification(&db, 6 * 60).await;
    let refused = c.post("offer_totp", &[]).await;
    assert_eq!(refused.status, 403);
    assert_eq!(error_of(&refused).0, app::error::AppError::StepUpRequired);
    assert_eq!(c.post("confirm_totp", &[("code", &totp_now(SECRET, 1))]).await.status, 403);

    // A wrong code at the step-up counts like any wrong code.
    let wrong = c.post("step_up", &[("code", "000000")]).await;
    assert_eq!(stated_count(&wrong), Some(1));
    assert!(matches!(error_of(&wrong).0, app::error::AppError::Invalid { ref field, .. } if field == "code"));
    let cookie_before = c.cookie.clone();
    let ok = c.post("step_up", &[("code", &totp_now(SECRET, 1))]).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_ne!(c.cookie, cookie_before, "a new session id after the step-up");
    assert_eq!(audited(&db, "rebinder", "step_up").await.last().map(|(o, _)| o.as_str()), Some("success"));

    // Now the binding goes through, ends the other sessions and tells the owner.
    let offer: serde_json::Value = c.post("offer_totp", &[]).await.json();
    let secret = secret_of(&offer);
    let bound = c.post("confirm_totp", &[("code", &totp_now(&secret, 0))]).await;
    assert_eq!(bound.status, 200, "{}", bound.body);
    assert!(phone.viewer().await.is_null(), "the other session ended");
    assert_eq!(c.viewer().await["stage"], "Full", "the session that rebound stays");
    let (subject, body) = last_mail(&db, "rebinder@test.edu.tw").await.expect("notice");
    assert!(subject.contains("登入設定已變更"), "{subject}");
    assert!(body.contains("綁定了驗證器 App") && body.contains("rebinder"), "{body}");
    // The old authenticator no longer signs in; the new one does.
    let mut d = Client::new(&app);
    d.sign_in("rebinder", PASSWORD).await;
    assert_eq!(d.verify(&totp_now(SECRET, 2)).await.status, 400);
    assert_eq!(d.verify(&totp_now(&secret, 1)).await.status, 200);
}
on_both_databases!(step_up, rebinding_needs_a_fresh_verification);

async fn an_expired_password_may_only_be_changed(db: TestDb) {
    load_demo(&db).await;
    let id = create_user(&db, "expired_pw", Role::User, PASSWORD, Some(SECRET)).await;
    db.pool
        .run(move |conn| {
            use app::db::schema::users::dsl as u;
            use diesel::prelude::*;
            diesel::update(u::users.find(id))
                .set(u::password_changed_at.eq(app::db::now() - 91 * 86_400))
                .execute(conn)?;
            Ok(())
        })
        .await
        .expect("age the password");
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    c.sign_in("expired_pw", PASSWORD).await;
    assert_eq!(c.verify(&totp_now(SECRET, 0)).await.body, "\"ChangePassword\"");
    // The server refuses everything else, whatever the page would show.
    for (uri, post) in [("/api/fn/my_activity", false), ("/api/fn/get_inventory", false), ("sign_out_others", true)] {
        let reply = if post { c.post(uri, &[]).await } else { c.get(uri).await };
        assert_eq!(reply.status, 403, "{uri}: {}", reply.body);
        assert_eq!(error_of(&reply).0, app::error::AppError::PasswordExpired, "{uri}");
    }
    let changed = c
        .post("change_password", &[("current", PASSWORD), ("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)])
        .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(c.get("/api/fn/my_activity").await.status, 200);
}
on_both_databases!(expired_password, an_expired_password_may_only_be_changed);

async fn every_credential_change_ends_other_sessions_and_is_mailed(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "owner_x", Role::User, PASSWORD, Some(SECRET)).await;
    create_user(&db, "central_x", Role::Central, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());

    // The owner changes the password: the other device is out, the owner is told.
    let mut other = signed_in(&app, "owner_x", -1).await;
    let mut c = signed_in(&app, "owner_x", 0).await;
    let reply = c
        .post("change_password", &[("current", PASSWORD), ("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)])
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(other.viewer().await.is_null());
    assert_eq!(c.viewer().await["stage"], "Full");
    let (_, body) = last_mail(&db, "owner_x@test.edu.tw").await.expect("notice");
    assert!(body.contains("變更了密碼"), "{body}");

    // An admin resets the bindings: every session of the account ends, the owner is told.
    let mut admin = signed_in(&app, "central_x", 1).await;
    let rows: serde_json::Value = admin.get("/api/fn/admin_find_users?q=owner_x").await.json();
    let id = rows[0]["id"].as_i64().expect("id").to_string();
    assert_eq!(admin.post("admin_reset_factors", &[("user_id", &id)]).await.status, 200);
    assert!(c.viewer().await.is_null(), "the owner's own session ended too");
    let mails = mails_to(&db, "owner_x@test.edu.tw").await;
    assert!(mails[0].1.contains("由管理者重設了登入綁定"), "{mails:?}");
    assert_eq!(mails.len(), 2, "one notice per change: {mails:?}");
}
on_both_databases!(notices, every_credential_change_ends_other_sessions_and_is_mailed);

/// 忘記密碼 for a test account (named 測試者, mailed at username@test.edu.tw).
async fn request_reset(c: &mut Client, username: &str) -> u16 {
    request(c, "測試者", username, &format!("{username}@test.edu.tw")).await
}

async fn forgot_account(c: &mut Client, email: &str) -> u16 {
    let captcha = c.captcha().await;
    c.post("remind_username", &[("email", email), ("captcha", &captcha)]).await.status
}

async fn sending_is_limited_with_the_same_answer(db: TestDb) {
    load_demo(&db).await;
    for name in ["flood_a", "flood_b", "flood_c"] {
        create_user(&db, name, Role::User, PASSWORD, Some(SECRET)).await;
    }
    let app = router(&db, AuthSettings { trusted_proxies: 1, sends_per_client: 4, ..settings() });
    // Per account: five requests, three mails, five identical answers.
    let mut c = Client::new(&app);
    c.forwarded_for = Some("192.0.2.1".into());
    for _ in 0..5 {
        assert_eq!(request_reset(&mut c, "flood_a").await, 200);
    }
    assert_eq!(mails_to(&db, "flood_a@test.edu.tw").await.len(), 3);
    let refused = audited(&db, "flood_a", "password_reset_requested").await;
    assert_eq!(refused.iter().filter(|(o, d)| o == "refused" && d == "sending limit").count(), 2, "{refused:?}");

    // Per client address: its share (4, of which 5 were used above) is gone for any account.
    assert_eq!(request_reset(&mut c, "flood_b").await, 200);
    assert!(mails_to(&db, "flood_b@test.edu.tw").await.is_empty());
    // Another address still gets its mail.
    let mut d = Client::new(&app);
    d.forwarded_for = Some("192.0.2.2".into());
    assert_eq!(request_reset(&mut d, "flood_b").await, 200);
    assert_eq!(mails_to(&db, "flood_b@test.edu.tw").await.len(), 1);

    // 忘記帳號: the same, per address asked about.
    let mut e = Client::new(&app);
    e.forwarded_for = Some("192.0.2.3".into());
    for _ in 0..4 {
        assert_eq!(forgot_account(&mut e, "flood_c@test.edu.tw").await, 200);
    }
    assert_eq!(mails_to(&db, "flood_c@test.edu.tw").await.len(), 3);
}
on_both_databases!(send_limits, sending_is_limited_with_the_same_answer);

async fn a_new_code_gives_no_fresh_tries(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "guesser_t", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, AuthSettings { sends_per_recipient: 10, ..settings() });
    let mut c = Client::new(&app);
    assert_eq!(request_reset(&mut c, "guesser_t").await, 200);
    for guess in ["11111111", "22222222", "33333333"] {
        assert_eq!(reset(&mut c, "guesser_t", guess, NEW_PASSWORD).await.status, 400);
    }
    // A new code, and two more guesses: five in all, so even the new, right code is void.
    assert_eq!(request_reset(&mut c, "guesser_t").await, 200);
    let code = eight_digits(&last_mail(&db, "guesser_t@test.edu.tw").await.expect("mail").1);
    for guess in ["44444444", "55555555"] {
        assert_eq!(reset(&mut c, "guesser_t", guess, NEW_PASSWORD).await.status, 400);
    }
    let late = reset(&mut c, "guesser_t", &code, NEW_PASSWORD).await;
    assert_eq!(late.status, 400, "{}", late.body);
    // And asking again sends nothing until the window has passed.
    let before = mails_to(&db, "guesser_t@test.edu.tw").await.len();
    assert_eq!(request_reset(&mut c, "guesser_t").await, 200);
    assert_eq!(mails_to(&db, "guesser_t@test.edu.tw").await.len(), before);
}
on_both_databases!(no_fresh_tries, a_new_code_gives_no_fresh_tries);

async fn parallel_guesses_share_the_tries(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "parallel_g", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    assert_eq!(request_reset(&mut c, "parallel_g").await, 200);
    let code = eight_digits(&last_mail(&db, "parallel_g@test.edu.tw").await.expect("mail").1);
    // Twelve wrong guesses at once: no more than five may be compared.
    let mut ready = Vec::new();
    for i in 0..12 {
        let mut g = Client::new(&app);
        let captcha = g.captcha().await;
        let guess = format!("{:08}", (i * 7_919_017 + 13) % 100_000_000);
        ready.push((g, captcha, if guess == code { "00000000".to_string() } else { guess }));
    }
    let tasks: Vec<_> = ready
        .into_iter()
        .map(|(mut g, captcha, guess)| {
            tokio::spawn(async move {
                g.post(
                    "reset_password",
                    &[
                        ("username", "parallel_g"),
                        ("code", &guess),
                        ("password", NEW_PASSWORD),
                        ("confirm", NEW_PASSWORD),
                        ("captcha", &captcha),
                    ],
                )
                .await
            })
        })
        .collect();
    for task in tasks {
        let reply = task.await.expect("join");
        assert_eq!(reply.status, 400, "{}", reply.body);
    }
    let tries = db
        .pool
        .run(|conn| {
            use app::db::schema::one_time_codes::dsl as o;
            use diesel::prelude::*;
            Ok(o::one_time_codes.select(o::attempts).load::<i32>(conn)?)
        })
        .await
        .expect("tries");
    assert_eq!(tries.iter().max(), Some(&5), "{tries:?}");
    // The code is spent: even the right one is refused now.
    assert_eq!(reset(&mut c, "parallel_g", &code, NEW_PASSWORD).await.status, 400);
}
on_both_databases!(parallel_guesses, parallel_guesses_share_the_tries);

async fn secrets_are_sealed_with_a_key_outside_the_database(db: TestDb) {
    load_demo(&db).await;
    let id = create_user(&db, "sealed_u", Role::User, PASSWORD, None).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    c.sign_in("sealed_u", PASSWORD).await;
    let offer: serde_json::Value = c.post("offer_totp", &[]).await.json();
    let secret = secret_of(&offer);
    assert_eq!(c.post("confirm_totp", &[("code", &totp_now(&secret, 0))]).await.status, 200);
    let stored = db
        .pool
        .run(move |conn| Ok(app::db::factors::for_user(conn, id)?.remove(0).secret.unwrap_or_default()))
        .await
        .expect("factor");
    assert!(stored.starts_with("v1:") && !stored.contains(&secret), "{stored}");
    // Nothing in the database is a key: only the key's check value.
    let secrets: Vec<(String, String)> = db
        .pool
        .run(|conn| {
            use app::db::schema::server_secrets::dsl as s;
            use diesel::prelude::*;
            Ok(s::server_secrets.select((s::name, s::value)).load(conn)?)
        })
        .await
        .expect("secrets");
    assert!(secrets.iter().all(|(name, _)| name == "secret_key_check"), "{secrets:?}");

    // The first process records the key's check value; one with another key refuses to start.
    assert_eq!(app::auth::at_rest::prepare(&db.pool, &crate::client::test_keys()).await.expect("prepare"), 0);
    let other = app::auth::Keys::from_bytes([9; 32]);
    assert!(matches!(app::auth::at_rest::prepare(&db.pool, &other).await, Err(app::auth::at_rest::KeyError::WrongKey)));

    // A secret stored in plain text before sealing existed is sealed at start and still works.
    let legacy = create_user(&db, "legacy_u", Role::User, PASSWORD, None).await;
    db.pool.run(move |conn| Ok(app::db::factors::insert_totp(conn, legacy, SECRET, 0)?)).await.expect("plain");
    assert_eq!(app::auth::at_rest::prepare(&db.pool, &crate::client::test_keys()).await.expect("prepare"), 1);
    let mut d = Client::new(&app);
    d.sign_in("legacy_u", PASSWORD).await;
    assert_eq!(d.verify(&totp_now(SECRET, 0)).await.status, 200);

    // Mailed codes are hashed with a key derived from the secret key, not stored anywhere.
    assert_eq!(request_reset(&mut Client::new(&app), "sealed_u").await, 200);
    let code = eight_digits(&last_mail(&db, "sealed_u@test.edu.tw").await.expect("mail").1);
    let stored_hash = db
        .pool
        .run(move |conn| {
            use app::db::schema::one_time_codes::dsl as o;
            use diesel::prelude::*;
            Ok(o::one_time_codes.filter(o::user_id.eq(id)).select(o::code_hash).first::<String>(conn)?)
        })
        .await
        .expect("code");
    let purpose = app::db::codes::Purpose::ResetPassword;
    assert_eq!(stored_hash, app::auth::codes::code_hash(&crate::client::test_keys().codes(), purpose, id, &code));
    assert_ne!(stored_hash, app::auth::codes::code_hash(&other.codes(), purpose, id, &code));
}
on_both_databases!(at_rest, secrets_are_sealed_with_a_key_outside_the_database);

fn six_digits(body: &str) -> String {
    body.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).expect("a 6-digit code").to_string()
}

async fn email_of(db: &TestDb, username: &str) -> (String, Option<String>) {
    let username = username.to_string();
    db.pool
        .run(move |conn| {
            let u = app::db::users::find_by_key(conn, &username)?.expect("user");
            Ok((u.email, u.mobile))
        })
        .await
        .expect("user")
}

async fn email_and_mobile_changes_need_step_up_and_the_new_addresss_code(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "mover", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut other_device = signed_in(&app, "mover", -1).await;
    let mut c = signed_in(&app, "mover", 0).await;
    let change = |channel: &'static str, value: &'static str| [("channel", channel), ("value", value)];

    // Bad input is said at its field; a stolen session that has not verified lately gets nothing sent.
    let gmail = c.post("request_contact_change", &change("email", "me@gmail.com")).await;
    assert!(matches!(error_of(&gmail).0, app::error::AppError::Invalid { ref field, .. } if field == "email"));
    let same = c.post("request_contact_change", &change("email", "mover@test.edu.tw")).await;
    assert_eq!(error_of(&same).0, app::error::AppError::invalid("email", app::i18n::Msg::ContactSame));
    age_verification(&db, 6 * 60).await;
    let stale = c.post("request_contact_change", &change("email", "new.mover@school.edu.tw")).await;
    assert_eq!((stale.status, error_of(&stale).0), (403, app::error::AppError::StepUpRequired));
    assert!(last_mail(&db, "new.mover@school.edu.tw").await.is_none());

    // After a step-up, the code goes to the new address, bound to that address.
    assert_eq!(c.post("step_up", &[("code", &totp_now(SECRET, 1))]).await.status, 200);
    assert_eq!(c.post("request_contact_change", &change("email", "new.mover@school.edu.tw")).await.status, 200);
    let code = six_digits(&last_mail(&db, "new.mover@school.edu.tw").await.expect("code mail").1);
    let elsewhere = c
        .post("confirm_contact_change", &[("channel", "email"), ("value", "thief@school.edu.tw"), ("code", &code)])
        .await;
    assert_eq!(error_of(&elsewhere).0, app::error::AppError::invalid("code", app::i18n::Msg::CodeInvalid));
    let as_mobile =
        c.post("confirm_contact_change", &[("channel", "sms"), ("value", "0912345678"), ("code", &code)]).await;
    assert_eq!(as_mobile.status, 400, "a code of one channel never changes the other");
    assert_eq!(email_of(&db, "mover").await.0, "mover@test.edu.tw");
    let done = c
        .post("confirm_contact_change", &[("channel", "email"), ("value", "new.mover@school.edu.tw"), ("code", &code)])
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(email_of(&db, "mover").await.0, "new.mover@school.edu.tw");
    // Single use; the old address is told; the other device is signed out, this one is not.
    let again = c
        .post("confirm_contact_change", &[("channel", "email"), ("value", "new.mover@school.edu.tw"), ("code", &code)])
        .await;
    assert_eq!(again.status, 400);
    assert!(last_mail(&db, "mover@test.edu.tw").await.is_some_and(|(_, body)| body.contains("變更了公務信箱")));
    assert!(other_device.viewer().await.is_null());
    assert_eq!(c.viewer().await["stage"], "Full");
    assert_eq!(audited(&db, "mover", "email_changed").await.len(), 1);

    // The mobile: the code goes by SMS to the new number; five wrong tries spend it.
    assert_eq!(c.post("request_contact_change", &change("sms", "0987 654 321")).await.status, 200);
    let sms = six_digits(&last_mail(&db, "0987-654321").await.expect("SMS").1);
    let wrong = if sms == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let reply =
            c.post("confirm_contact_change", &[("channel", "sms"), ("value", "0987654321"), ("code", wrong)]).await;
        assert_eq!(reply.status, 400);
    }
    let late = c.post("confirm_contact_change", &[("channel", "sms"), ("value", "0987654321"), ("code", &sms)]).await;
    assert_eq!(late.status, 400, "no tries left");
    // A new code does not buy fresh tries either.
    assert_eq!(c.post("request_contact_change", &change("sms", "0987654321")).await.status, 200);
    let sms = six_digits(&last_mail(&db, "0987-654321").await.expect("SMS").1);
    let spent = c.post("confirm_contact_change", &[("channel", "sms"), ("value", "0987654321"), ("code", &sms)]).await;
    assert_eq!(spent.status, 400);
    assert_eq!(email_of(&db, "mover").await.1, None);
}
on_both_databases!(contact_change, email_and_mobile_changes_need_step_up_and_the_new_addresss_code);

async fn office_details_are_checked_and_saved(db: TestDb) {
    load_demo(&db).await;
    let id = create_user(&db, "clerk_a", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let form = |title: &'static str, phone: &'static str| {
        [
            ("title", title),
            ("unit", "總務處"),
            ("address", ""),
            ("office_phone", phone),
            ("office_ext", "21"),
            ("fax", ""),
        ]
    };
    assert_eq!(Client::new(&app).post("save_profile", &form("組長", "07-1234567")).await.status, 401);
    let mut c = signed_in(&app, "clerk_a", 0).await;
    let bad = c.post("save_profile", &form("組長", "call me")).await;
    assert!(matches!(error_of(&bad).0, app::error::AppError::Invalid { ref field, .. } if field == "office_phone"));
    let untitled = c.post("save_profile", &form("", "07-1234567")).await;
    assert!(matches!(error_of(&untitled).0, app::error::AppError::Invalid { ref field, .. } if field == "title"));
    let saved = db.pool.run(move |conn| Ok(app::db::users::profile(conn, id)?)).await.expect("profile");
    assert_eq!(saved.title, "", "a refused form changes nothing");
    assert_eq!(c.post("save_profile", &form("組長", "07-1234567")).await.status, 200);
    let saved = db.pool.run(move |conn| Ok(app::db::users::profile(conn, id)?)).await.expect("profile");
    assert_eq!(
        (saved.title.as_str(), saved.unit.as_str(), saved.phone()),
        ("組長", "總務處", "07-1234567 #21".to_string())
    );
    let mine: serde_json::Value = c.get("/api/fn/get_my_profile").await.json();
    assert_eq!(mine["profile"]["unit"], "總務處");
}
on_both_databases!(office_details, office_details_are_checked_and_saved);
