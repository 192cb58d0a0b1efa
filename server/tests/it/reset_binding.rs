//! 重設登入綁定 (the phone is lost), tried as an attacker who knows the password would: another
//! address, an old code after a new one, a wrong code (counted toward the lock), a code used
//! twice, an expired one, and the lock reached.

use app::{accounts::Role, i18n::Msg};

use crate::{
    client::{create_user, error_of, mails_to, refused_at, router, settings, stated_count, totp_now, Client, SECRET},
    on_both_databases,
    support::{load_demo, TestDb},
};

const PASSWORD: &str = "Tz9!mQ2#vbLp";
const EMAIL: &str = "lostphone@test.edu.tw";

/// At the code step: the password proved, the authenticator not.
async fn at_code_step(app: &axum::Router) -> Client {
    let mut c = Client::new(app);
    assert_eq!(c.sign_in("lostphone", PASSWORD).await.status, 200);
    c
}

async fn ask(c: &mut Client, email: &str) -> crate::support::Reply {
    let captcha = c.captcha().await;
    c.post("request_binding_reset", &[("email", email), ("captcha", &captcha)]).await
}

/// The code of the newest emergency mail, `KX-125770`.
async fn newest_code(db: &TestDb) -> String {
    let (subject, body) = mails_to(db, EMAIL).await.into_iter().find(|(s, _)| s.contains("緊急驗證")).expect("mail");
    let code = body
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .find(|w| w.len() == 9 && w.as_bytes()[2] == b'-')
        .unwrap_or_else(|| panic!("no code in: {body}"))
        .to_string();
    assert!(subject.contains(&code[..2]), "the subject names the letters: {subject}");
    code
}

async fn the_emergency_code_resets_every_binding(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "lostphone", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut elsewhere = Client::new(&app);
    elsewhere.sign_in("lostphone", PASSWORD).await;
    assert_eq!(elsewhere.verify(&totp_now(SECRET, 0)).await.status, 200);
    let mut c = at_code_step(&app).await;

    // Another address is answered as the right one is (whoever has the password alone learns
    // nothing of the address), and nothing is sent anywhere.
    let wrong = ask(&mut c, "someone@else.tw").await;
    assert_eq!(wrong.status, 200, "{}", wrong.body);
    let wrong = wrong.json();
    assert_eq!((wrong["email"].as_str(), wrong["seconds"].as_i64()), (Some("s******@else.tw"), Some(300)));
    assert_eq!(wrong["letters"].as_str().map(str::len), Some(2));
    assert!(mails_to(&db, "someone@else.tw").await.is_empty());
    assert!(mails_to(&db, EMAIL).await.is_empty(), "nor to the account's own");

    // The account's address (in any case) gets a code; the page is told its letters.
    let sent = ask(&mut c, "LostPhone@Test.edu.tw").await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let sent = sent.json();
    let first = newest_code(&db).await;
    assert_eq!(sent["letters"], first[..2], "{sent}");
    assert_eq!(sent["email"], "l********@test.edu.tw");
    assert_eq!(sent["seconds"], 300);

    // A new code voids the older: the first is now a wrong code, counted toward the lock.
    assert_eq!(ask(&mut c, EMAIL).await.status, 200);
    let second = newest_code(&db).await;
    let old = c.post("confirm_binding_reset", &[("code", &first)]).await;
    assert_eq!(old.status, 400);
    assert_eq!(stated_count(&old), Some(1), "{}", old.body);

    // The newest code (its digits alone will do) deletes every binding and goes on to binding.
    let reset = c.post("confirm_binding_reset", &[("code", &second[3..])]).await;
    assert_eq!(reset.status, 200, "{}", reset.body);
    assert_eq!(reset.json(), "BindFactor");
    assert_eq!(c.viewer().await["stage"], "NeedsBinding");
    assert!(elsewhere.viewer().await.is_null(), "the other session ended");
    let notices = mails_to(&db, EMAIL).await;
    assert!(notices.iter().any(|(s, b)| s.contains("登入設定已變更") && b.contains("緊急驗證碼")), "{notices:?}");
    // The old authenticator no longer signs in: the account binds anew.
    let mut d = Client::new(&app);
    d.sign_in("lostphone", PASSWORD).await;
    assert_eq!(d.viewer().await["stage"], "NeedsBinding");
    // The code was used once: again, it finds nothing bound to reset, and resets nothing.
    let again = c.post("confirm_binding_reset", &[("code", &second)]).await;
    refused_at(&again, "code", Msg::ResetBindingNeedsAdmin);
}
on_both_databases!(emergency_reset, the_emergency_code_resets_every_binding);

async fn wrong_and_expired_codes_count_and_the_lock_holds(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "lostphone", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = at_code_step(&app).await;
    assert_eq!(ask(&mut c, EMAIL).await.status, 200);
    let code = newest_code(&db).await;

    // Past its 5 minutes the right code is a wrong one.
    db.pool
        .run(|conn| {
            use app::db::schema::one_time_codes::dsl as o;
            use diesel::prelude::*;
            diesel::update(o::one_time_codes).set(o::expires_at.eq(app::db::now() - 1)).execute(conn)?;
            Ok(())
        })
        .await
        .expect("expire");
    let late = c.post("confirm_binding_reset", &[("code", &code)]).await;
    assert_eq!(stated_count(&late), Some(1), "{}", late.body);

    // Wrong codes and wrong authenticator codes share one count: the third locks the account
    // and ends this half-finished sign-in.
    assert_eq!(stated_count(&c.verify("000000").await), Some(2));
    assert_eq!(ask(&mut c, EMAIL).await.status, 200);
    let fresh = newest_code(&db).await;
    let wrong = if fresh.ends_with('0') { "KX-111111" } else { "KX-000000" };
    let locked = c.post("confirm_binding_reset", &[("code", wrong)]).await;
    assert_eq!(stated_count(&locked), Some(3), "{}", locked.body);
    // The right code now finds no session to reset from, and a new sign-in is refused.
    assert_eq!(c.post("confirm_binding_reset", &[("code", &fresh)]).await.status, 401);
    assert_eq!(Client::new(&app).sign_in("lostphone", PASSWORD).await.status, 400);
}
on_both_databases!(emergency_lock, wrong_and_expired_codes_count_and_the_lock_holds);

async fn the_reset_is_not_for_signed_in_or_unbound_accounts(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "lostphone", Role::User, PASSWORD, Some(SECRET)).await;
    create_user(&db, "unbound", Role::User, PASSWORD, None).await;
    let app = router(&db, settings());
    // A guest, and a signed-in account (its 登入設定 is the way), get nothing.
    assert_eq!(ask(&mut Client::new(&app), EMAIL).await.status, 401);
    let mut full = at_code_step(&app).await;
    full.verify(&totp_now(SECRET, 0)).await;
    assert_eq!(ask(&mut full, EMAIL).await.status, 403);
    // With no authenticator to lose there is nothing to reset here: an administrator helps.
    let mut u = Client::new(&app);
    u.sign_in("unbound", PASSWORD).await;
    let refused = ask(&mut u, "unbound@test.edu.tw").await;
    assert!(error_of(&refused).1.contains("系統管理者"), "{}", refused.body);
    assert!(mails_to(&db, "unbound@test.edu.tw").await.iter().all(|(s, _)| !s.contains("緊急驗證")));
}
on_both_databases!(emergency_refused, the_reset_is_not_for_signed_in_or_unbound_accounts);

/// Put this half-finished sign-in's session at `stage`, as a sign-in begun with Google leaves
/// it (`external`; the Google trip itself is in `google.rs`).
async fn set_stage(db: &TestDb, stage: &'static str) {
    db.pool
        .run(move |conn| {
            use app::db::schema::sessions::dsl as s;
            use diesel::prelude::*;
            diesel::update(s::sessions.filter(s::stage.ne("full"))).set(s::stage.eq(stage)).execute(conn)?;
            Ok(())
        })
        .await
        .expect("stage");
}

async fn set_password_sign_in(db: &TestDb, on: bool) {
    db.pool
        .run(move |conn| {
            let user = app::db::users::find_by_key(conn, "lostphone")?.expect("user");
            Ok(app::db::users::set_password_sign_in(conn, user.id, on)?)
        })
        .await
        .expect("set");
}

/// The emergency reset only after the password itself was proved in this sign-in (issue 26,
/// SPEC §3): a session begun with Google neither asks for a code nor uses one that the mailbox
/// got for a password session, and with password sign-in off it is not offered at all. The
/// viewer tells the page which, and the bindings stay.
async fn the_reset_needs_the_password_proved_in_this_sign_in(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "lostphone", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = at_code_step(&app).await;
    assert_eq!(c.viewer().await["emergency_reset"], "Offered");
    // A code asked for while the password was proved, then the session is one begun with Google.
    assert_eq!(ask(&mut c, EMAIL).await.status, 200);
    let code = newest_code(&db).await;
    set_stage(&db, "external").await;
    assert_eq!(c.viewer().await["emergency_reset"], "NeedsPassword");
    let asked = ask(&mut c, EMAIL).await;
    refused_at(&asked, "email", Msg::ResetBindingNeedsPassword);
    let used = c.post("confirm_binding_reset", &[("code", &code)]).await;
    refused_at(&used, "code", Msg::ResetBindingNeedsPassword);
    assert_eq!(mails_to(&db, EMAIL).await.len(), 1, "no second code");

    // Password sign-in turned off (meanwhile, or before a Google sign-in): an administrator helps.
    set_stage(&db, "password").await;
    set_password_sign_in(&db, false).await;
    assert_eq!(c.viewer().await["emergency_reset"], "NeedsAdmin");
    refused_at(&ask(&mut c, EMAIL).await, "email", Msg::ResetBindingNeedsAdmin);
    refused_at(&c.post("confirm_binding_reset", &[("code", &code)]).await, "code", Msg::ResetBindingNeedsAdmin);
    let bound = db
        .pool
        .run(|conn| {
            let user = app::db::users::find_by_key(conn, "lostphone")?.expect("user");
            Ok(app::db::factors::for_user(conn, user.id)?)
        })
        .await
        .expect("factors");
    assert_eq!(bound.len(), 1, "the authenticator is still bound");
    // Back on, with the password proved, the same code still resets.
    set_password_sign_in(&db, true).await;
    assert_eq!(c.post("confirm_binding_reset", &[("code", &code)]).await.status, 200);
}
on_both_databases!(emergency_needs_password, the_reset_needs_the_password_proved_in_this_sign_in);
