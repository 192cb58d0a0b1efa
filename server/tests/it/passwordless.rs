//! Password-free sign-in and 停用帳號密碼登入, tried without a passkey: an open ceremony's
//! token answered twice, late, or never issued; a key that names an account it is not bound
//! to; a flood of ceremonies; the password, 忘記密碼 and the 90-day change while password
//! sign-in is off; turning it back on without a fresh verification, with a weak or an old
//! password; an administrator's reset as the way back. The ceremonies with a real passkey run
//! in Chromium (end2end/tests/passwordless.spec.ts).

use app::{accounts::Role, auth::webauthn::user_handle, error::AppError};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD as BASE64URL, Engine};
use serde_json::json;

use crate::{
    client::{all_at_once, create_user, error_of, last_mail, request, router, settings, stated_count, Client},
    credentials::{age_verification, signed_in},
    lockout::audited,
    on_both_databases,
    support::{load_demo, TestDb},
};

const PASSWORD: &str = "Tz9!mQ2#vbLp";
const NEW_PASSWORD: &str = "Qm4$wRt7!xZp";

/// A made-up passkey answer naming `user_id`'s handle (or none), signed by nobody.
fn forged_answer(user_id: Option<i64>) -> String {
    let handle = user_id.map(|id| BASE64URL.encode(user_handle(id).as_bytes()));
    json!({
        "id": "AAAA", "rawId": "AAAA", "type": "public-key",
        "response": { "authenticatorData": "AAAA", "clientDataJSON": "e30", "signature": "AAAA", "userHandle": handle }
    })
    .to_string()
}

/// A new open ceremony: its token, and the options as JSON.
async fn options(c: &mut Client) -> (String, serde_json::Value) {
    let reply = c.post("passkey_options", &[]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let reply = reply.json();
    let token = reply["token"].as_str().expect("token").to_string();
    let options = serde_json::from_str(reply["options"].as_str().expect("options JSON")).expect("options");
    (token, options)
}

async fn user_id(db: &TestDb, username: &str) -> i64 {
    let username = username.to_string();
    db.pool.run(move |conn| Ok(app::db::users::find_by_key(conn, &username)?.expect("user").id)).await.expect("id")
}

async fn password_sign_in(db: &TestDb, username: &str, on: bool) {
    let id = user_id(db, username).await;
    db.pool.run(move |conn| Ok(app::db::users::set_password_sign_in(conn, id, on)?)).await.expect("set");
}

async fn an_open_ceremony_serves_once_and_names_no_one(db: TestDb) {
    load_demo(&db).await;
    let holder = create_user(&db, "holder", Role::User, PASSWORD, Some(crate::client::SECRET)).await;
    let app = router(&db, settings());
    let mut guest = Client::new(&app);

    // A guest may begin one: any passkey of this site may answer, with the user verified.
    let (token, opts) = options(&mut guest).await;
    let public = &opts["publicKey"];
    assert_eq!(public["rpId"], "localhost", "{opts}");
    assert_eq!(public["userVerification"], "required", "{opts}");
    assert!(public["allowCredentials"].as_array().is_none_or(Vec::is_empty), "no account named: {opts}");
    assert!(opts.get("mediation").is_none(), "the browser's dialog, not autofill: {opts}");

    // An answer to no ceremony, or to one under another token, is refused.
    let unasked =
        guest.post("sign_in_with_passkey", &[("token", "nothing"), ("credential", &forged_answer(None))]).await;
    assert!(error_of(&unasked).1.contains("逾時或已使用過"), "{}", unasked.body);

    // A key that names an account it is not bound to is refused without counting against
    // that account (nobody can lock another out this way), and spends the ceremony.
    let stranger =
        guest.post("sign_in_with_passkey", &[("token", &token), ("credential", &forged_answer(Some(holder)))]).await;
    assert_eq!(stranger.status, 400, "{}", stranger.body);
    assert!(error_of(&stranger).1.contains("沒有綁定這個 Gatehouse 帳號"), "{}", stranger.body);
    assert_eq!(stated_count(&stranger), None, "{}", stranger.body);
    let again =
        guest.post("sign_in_with_passkey", &[("token", &token), ("credential", &forged_answer(Some(holder)))]).await;
    assert!(error_of(&again).1.contains("逾時或已使用過"), "{}", again.body);
    // Nor does a handle that is not ours, or none at all.
    for answer in [forged_answer(None), forged_answer(Some(999_999))] {
        let (token, _) = options(&mut guest).await;
        let refused = guest.post("sign_in_with_passkey", &[("token", &token), ("credential", &answer)]).await;
        assert!(error_of(&refused).1.contains("沒有綁定"), "{}", refused.body);
    }
    // What is no key's answer at all is said so.
    let (token, _) = options(&mut guest).await;
    let garbage = guest.post("sign_in_with_passkey", &[("token", &token), ("credential", "{")]).await;
    assert!(error_of(&garbage).1.contains("未通過驗證"), "{}", garbage.body);

    // A ceremony past its 5 minutes is refused.
    let (token, _) = options(&mut guest).await;
    db.pool
        .run(|conn| {
            use app::db::schema::open_ceremonies::dsl as o;
            use diesel::prelude::*;
            diesel::update(o::open_ceremonies).set(o::expires_at.eq(app::db::now() - 1)).execute(conn)?;
            Ok(())
        })
        .await
        .expect("expire");
    let late =
        guest.post("sign_in_with_passkey", &[("token", &token), ("credential", &forged_answer(Some(holder)))]).await;
    assert!(error_of(&late).1.contains("逾時或已使用過"), "{}", late.body);

    // No session came of any of it, and the password still signs in with no failure counted.
    assert!(guest.viewer().await.is_null());
    assert!(audited(&db, "holder", "passkey_sign_in").await.is_empty());
    assert_eq!(guest.sign_in("holder", PASSWORD).await.status, 200);
}
on_both_databases!(open_ceremonies, an_open_ceremony_serves_once_and_names_no_one);

async fn one_client_cannot_flood_the_ceremonies(db: TestDb) {
    load_demo(&db).await;
    let app = router(&db, settings());
    let mut guest = Client::new(&app);
    for n in 0..60 {
        assert_eq!(guest.post("passkey_options", &[]).await.status, 200, "ceremony {n}");
    }
    let refused = guest.post("passkey_options", &[]).await;
    assert_eq!(error_of(&refused).0, AppError::Busy { retry_after: 60 }, "{}", refused.body);
}
on_both_databases!(ceremony_flood, one_client_cannot_flood_the_ceremonies);

async fn without_password_sign_in_the_password_opens_nothing(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "keyonly", Role::User, PASSWORD, Some(crate::client::SECRET)).await;
    let app = router(&db, settings());

    // Turning it off takes a passkey's answer: a forged one changes nothing.
    let mut c = signed_in(&app, "keyonly", 0).await;
    let (token, _) = options(&mut c).await;
    let forged = c.post("disable_password_sign_in", &[("token", &token), ("credential", &forged_answer(None))]).await;
    assert_eq!(forged.status, 400, "{}", forged.body);
    assert_eq!(c.post("my_sign_in_methods", &[]).await.json()["password_sign_in"], true);
    let guest = Client::new(&app)
        .post("disable_password_sign_in", &[("token", &token), ("credential", &forged_answer(None))])
        .await;
    assert_eq!(guest.status, 401);

    // A password past its 90 days must be changed...
    db.pool
        .run(|conn| {
            use app::db::schema::users::dsl as u;
            use diesel::prelude::*;
            diesel::update(u::users).set(u::password_changed_at.eq(app::db::now() - 200 * 86_400)).execute(conn)?;
            Ok(())
        })
        .await
        .expect("age the password");
    assert_eq!(c.viewer().await["password_expired"], true);

    // Off (as a passkey would turn it, in Chromium): the right password is refused like a wrong
    // one, counted, and says nothing more.
    password_sign_in(&db, "keyonly", false).await;
    assert_eq!(c.post("my_sign_in_methods", &[]).await.json()["password_sign_in"], false);
    let mut other = Client::new(&app);
    let refused = other.sign_in("keyonly", PASSWORD).await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert_eq!(stated_count(&refused), Some(1), "{}", refused.body);
    assert!(other.viewer().await.is_null());
    // 忘記密碼 mails nothing (and answers as for any request).
    let before = last_mail(&db, "keyonly@test.edu.tw").await;
    assert_eq!(request(&mut other, "測試者", "keyonly", "keyonly@test.edu.tw").await, 200);
    assert_eq!(last_mail(&db, "keyonly@test.edu.tw").await, before);
    // ...but not while password sign-in is off.
    assert_eq!(c.viewer().await["password_expired"], false);

    // Back on takes a fresh verification and a new password that passes the policy and was
    // not one of the last ones.
    age_verification(&db, 6 * 60).await;
    let stale = c.post("enable_password_sign_in", &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)]).await;
    assert_eq!(error_of(&stale).0, AppError::StepUpRequired);
    let mut c = signed_in_by_session(&app, &db, "keyonly").await;
    for (password, confirm, field) in
        [("short", "short", "password"), (NEW_PASSWORD, "Qm4$wRt7!xZq", "confirm"), (PASSWORD, PASSWORD, "password")]
    {
        let refused = c.post("enable_password_sign_in", &[("password", password), ("confirm", confirm)]).await;
        assert_eq!(refused.status, 400, "{password}: {}", refused.body);
        match error_of(&refused).0 {
            AppError::Invalid { field: f, .. } => assert_eq!(f, field, "{password}"),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(c.post("my_sign_in_methods", &[]).await.json()["password_sign_in"], false);
    let mut phone = signed_in_by_session(&app, &db, "keyonly").await;
    let done = c.post("enable_password_sign_in", &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)]).await;
    assert_eq!(done.status, 200, "{}", done.body);
    // Audited, mailed, and the other sessions ended, as with every credential change.
    assert_eq!(
        audited(&db, "keyonly", "password_sign_in_enabled").await.last().map(|(o, _)| o.as_str()),
        Some("success")
    );
    let (_, body) = last_mail(&db, "keyonly@test.edu.tw").await.expect("notice");
    assert!(body.contains("重新啟用了帳號密碼登入"), "{body}");
    assert!(phone.viewer().await.is_null());
    // The new password signs in; the old one is gone.
    let mut later = Client::new(&app);
    assert_eq!(later.sign_in("keyonly", PASSWORD).await.status, 400);
    assert_eq!(later.sign_in("keyonly", NEW_PASSWORD).await.status, 200);
}
on_both_databases!(password_off, without_password_sign_in_the_password_opens_nothing);

/// A freshly verified session of `username` made without its password (which may be off),
/// as a password-free sign-in makes one.
async fn signed_in_by_session(app: &axum::Router, db: &TestDb, username: &str) -> Client {
    let id = user_id(db, username).await;
    let cookie = crate::client::session_cookie(&db.pool, id, &format!("{username:0>32}"), "hwk user mfa").await;
    Client::with_cookie(app, Some(cookie))
}

async fn an_administrators_reset_is_the_way_back(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "lostkeys", Role::User, PASSWORD, Some(crate::client::SECRET)).await;
    create_user(&db, "central_p", Role::Central, PASSWORD, Some(crate::client::SECRET)).await;
    let app = router(&db, settings());
    password_sign_in(&db, "lostkeys", false).await;
    let mut admin = signed_in(&app, "central_p", 0).await;
    let id = user_id(&db, "lostkeys").await.to_string();
    assert_eq!(admin.post("admin_reset_factors", &[("user_id", &id)]).await.status, 200);
    // Password sign-in is on again, with no password yet: 忘記密碼 now mails a code.
    let mut c = Client::new(&app);
    assert_eq!(c.sign_in("lostkeys", PASSWORD).await.status, 400, "the old password stays forgotten");
    assert_eq!(request(&mut c, "測試者", "lostkeys", "lostkeys@test.edu.tw").await, 200);
    let (subject, _) = last_mail(&db, "lostkeys@test.edu.tw").await.expect("code");
    assert!(subject.contains("忘記密碼") || subject.contains("驗證碼"), "{subject}");
}
on_both_databases!(admin_reset, an_administrators_reset_is_the_way_back);

/// Binds a key to `username` as a ceremony would (the removal never reads the credential).
async fn bind_key(db: &TestDb, username: &str, label: &str) {
    let (id, label) = (user_id(db, username).await, label.to_string());
    db.pool
        .run(move |conn| {
            let (kind, external) = (app::accounts::FactorKind::SecurityKey, format!("key-{label}-{id}"));
            assert!(app::db::factors::insert_external(conn, id, kind, &label, Some("{}"), &external)?);
            Ok(())
        })
        .await
        .expect("bind")
}

async fn key_ids(db: &TestDb, username: &str) -> Vec<i64> {
    let id = user_id(db, username).await;
    let bound = db.pool.run(move |conn| Ok(app::db::factors::for_user(conn, id)?)).await.expect("keys");
    bound.into_iter().filter(|f| f.kind == app::accounts::FactorKind::SecurityKey).map(|f| f.id).collect()
}

async fn keys_left(db: &TestDb, username: &str) -> usize {
    key_ids(db, username).await.len()
}

/// Every key of an account without password sign-in removed at once, from tabs of one
/// session: all go but one, refused as the last way in. With password sign-in on, the same
/// burst removes them all (so the refusal is the rule, not the race).
async fn removals_at_once_leave_the_last_key(db: TestDb) {
    const KEYS: usize = 6;
    load_demo(&db).await;
    create_user(&db, "manykeys", Role::User, PASSWORD, Some(crate::client::SECRET)).await;
    let app = router(&db, settings());
    for (password_on, left) in [(false, 1), (true, 0)] {
        password_sign_in(&db, "manykeys", password_on).await;
        for n in keys_left(&db, "manykeys").await..KEYS {
            bind_key(&db, "manykeys", &format!("金鑰{n}{password_on}")).await;
        }
        let ids = key_ids(&db, "manykeys").await;
        assert_eq!(ids.len(), KEYS);
        let c = signed_in_by_session(&app, &db, "manykeys").await;
        let calls = ids.iter().map(|id| (c.clone(), "remove_key", vec![("id".to_string(), id.to_string())])).collect();
        let replies = all_at_once(calls).await;
        let bodies: Vec<_> = replies.iter().map(|r| (r.status, &r.body)).collect();
        assert_eq!(replies.iter().filter(|r| r.status == 200).count(), KEYS - left, "{password_on}: {bodies:?}");
        for refused in replies.iter().filter(|r| r.status != 200) {
            assert_eq!(refused.status, 400, "{}", refused.body);
            match error_of(refused).0 {
                AppError::Invalid { field, message } => {
                    assert_eq!(
                        (field.as_str(), message.msg),
                        ("key", app::i18n::Msg::LastKeyNeeded),
                        "{}",
                        refused.body
                    )
                }
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(keys_left(&db, "manykeys").await, left, "password sign-in {password_on}");
    }
}
on_both_databases!(last_key_race, removals_at_once_leave_the_last_key);
