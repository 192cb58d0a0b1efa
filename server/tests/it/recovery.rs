//! 忘記密碼, 忘記帳號, set-password links and password rules, tried the way an attacker would.

use app::{accounts::Role, auth::AuthSettings};

use crate::{
    client::{
        create_user, eight_digits, error_of, last_mail, request, reset, router, settings, totp_now, Client, SECRET,
    },
    on_both_databases,
    support::{load_demo, TestDb},
};

const PASSWORD: &str = "Tz9!mQ2#vbLp";
const NEW_PASSWORD: &str = "Qa7$wE3&rTzy";

async fn reset_codes_are_single_use_expire_and_bound_to_their_account(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "alice_t", Role::User, PASSWORD, Some(SECRET)).await;
    create_user(&db, "bob_t", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);

    // A mismatch gets the same answer and sends nothing.
    assert_eq!(request(&mut c, "別人", "alice_t", "alice_t@test.edu.tw").await, 200);
    assert_eq!(request(&mut c, "測試者", "nobody_x", "x@test.edu.tw").await, 200);
    assert!(last_mail(&db, "alice_t@test.edu.tw").await.is_none());

    assert_eq!(request(&mut c, "測試者", "alice_t", "alice_t@test.edu.tw").await, 200);
    let (subject, body) = last_mail(&db, "alice_t@test.edu.tw").await.expect("mail");
    assert!(subject.contains("忘記密碼"), "{subject}");
    let code = eight_digits(&body);

    // Alice's code does not work for Bob.
    assert_eq!(
        error_of(&reset(&mut c, "bob_t", &code, NEW_PASSWORD).await).0,
        app::error::AppError::invalid("code", app::i18n::Msg::CodeInvalid)
    );
    // A weak new password is refused at its field and does not use up the code.
    let weak = reset(&mut c, "alice_t", &code, "password").await;
    assert!(matches!(error_of(&weak).0, app::error::AppError::Invalid { ref field, .. } if field == "password"));
    assert_eq!(reset(&mut c, "alice_t", &code, NEW_PASSWORD).await.status, 200);
    // Single use.
    assert_eq!(reset(&mut c, "alice_t", &code, "Zx8^cV5*bNmq").await.status, 400);
    assert_eq!(c.sign_in("alice_t", NEW_PASSWORD).await.status, 200);

    // Expiry: a code older than 60 minutes is refused.
    request(&mut c, "測試者", "bob_t", "bob_t@test.edu.tw").await;
    let code = eight_digits(&last_mail(&db, "bob_t@test.edu.tw").await.expect("mail").1);
    db.pool
        .run(|conn| {
            use app::db::schema::one_time_codes::dsl::*;
            use diesel::prelude::*;
            diesel::update(one_time_codes).set(expires_at.eq(app::db::now() - 1)).execute(conn)?;
            Ok(())
        })
        .await
        .expect("expire");
    assert_eq!(reset(&mut c, "bob_t", &code, NEW_PASSWORD).await.status, 400);

    // Attempts are limited: after 5 wrong codes even the right one is refused.
    request(&mut c, "測試者", "bob_t", "bob_t@test.edu.tw").await;
    let code = eight_digits(&last_mail(&db, "bob_t@test.edu.tw").await.expect("mail").1);
    let wrong = if code == "00000000" { "11111111" } else { "00000000" };
    for _ in 0..5 {
        assert_eq!(reset(&mut c, "bob_t", wrong, NEW_PASSWORD).await.status, 400);
    }
    assert_eq!(reset(&mut c, "bob_t", &code, NEW_PASSWORD).await.status, 400);
    assert_eq!(c.sign_in("bob_t", PASSWORD).await.status, 200, "Bob's password never changed");
}
on_both_databases!(reset_codes, reset_codes_are_single_use_expire_and_bound_to_their_account);

async fn username_reminders_go_only_to_the_address(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "carol_t", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    for email in ["carol_t@test.edu.tw", "unknown@test.edu.tw"] {
        let captcha = c.captcha().await;
        let reply = c.post("remind_username", &[("email", email), ("captcha", &captcha)]).await;
        assert_eq!((reply.status, reply.body.as_str()), (200, "null"));
    }
    let (_, body) = last_mail(&db, "carol_t@test.edu.tw").await.expect("mail");
    assert!(body.contains("carol_t"));
    assert!(last_mail(&db, "unknown@test.edu.tw").await.is_none());
    let captcha = c.captcha().await;
    let bad = c.post("remind_username", &[("email", "not-an-email"), ("captcha", &captcha)]).await;
    assert_eq!(error_of(&bad).0, app::error::AppError::invalid("email", app::i18n::Msg::EmailInvalid));
}
on_both_databases!(username_reminder, username_reminders_go_only_to_the_address);

async fn set_password_links_work_once_and_history_is_kept(db: TestDb) {
    load_demo(&db).await;
    let settings = AuthSettings { max_failures: 10, ..settings() };
    let new = app::db::users::NewUser {
        username: "root_admin".into(),
        display_name: "管理者".into(),
        email: "root@test.gov.tw".into(),
        role: Some(Role::Central),
        ..Default::default()
    };
    let services = gatehouse::server::app_state_with(db.pool.clone(), true, settings.clone()).services;
    let link = app::flows::accounts::admin::create_with_link(&services, "2.16.886.101.20003", new, Vec::new())
        .await
        .expect("create");
    let token = link.split("token=").nth(1).expect("token").to_string();
    assert!(last_mail(&db, "root@test.gov.tw").await.is_some_and(|(_, body)| body.contains(&link)));
    let app = router(&db, settings);
    let mut c = Client::new(&app);
    // The admin profile wants 12 characters.
    let short = c.post("set_password", &[("token", &token), ("password", "Ab1!xyzw"), ("confirm", "Ab1!xyzw")]).await;
    assert!(matches!(error_of(&short).0, app::error::AppError::Invalid { ref field, .. } if field == "password"));
    let ok = c.post("set_password", &[("token", &token), ("password", PASSWORD), ("confirm", PASSWORD)]).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let again =
        c.post("set_password", &[("token", &token), ("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)]).await;
    assert_eq!(error_of(&again).0, app::error::AppError::invalid("form", app::i18n::Msg::LinkInvalid));

    // Sign in, bind, then try to reuse the password on change: refused (none of the last 3).
    assert_eq!(c.sign_in("root_admin", PASSWORD).await.body, "\"BindFactor\"");
    let offer: serde_json::Value = c.post("offer_totp", &[]).await.json();
    let secret = offer["uri"]
        .as_str()
        .and_then(|u| u.split("secret=").nth(1))
        .and_then(|s| s.split('&').next())
        .expect("secret")
        .to_string();
    assert_eq!(c.post("confirm_totp", &[("code", &totp_now(&secret, 0))]).await.status, 200);
    let same = c.post("change_password", &[("current", PASSWORD), ("password", PASSWORD), ("confirm", PASSWORD)]).await;
    assert!(error_of(&same).1.contains("前 3 次"), "{}", same.body);
    let wrong_current =
        c.post("change_password", &[("current", "nope"), ("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)]).await;
    // A wrong current password is an attempt under the lockout, said at its field.
    assert!(
        matches!(error_of(&wrong_current).0, app::error::AppError::Invalid { ref field, ref message }
            if field == "current" && message.msg == app::i18n::Msg::SignInFailed),
        "{}",
        wrong_current.body
    );
    assert_eq!(crate::client::stated_count(&wrong_current), Some(1));
    let mismatch = c
        .post("change_password", &[("current", PASSWORD), ("password", NEW_PASSWORD), ("confirm", "different1A!")])
        .await;
    assert_eq!(error_of(&mismatch).0, app::error::AppError::invalid("confirm", app::i18n::Msg::PasswordMismatch));
    assert_eq!(
        c.post("change_password", &[("current", PASSWORD), ("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)])
            .await
            .status,
        200
    );
    assert_eq!(c.viewer().await["stage"], "Full", "the changing session stays signed in");
}
on_both_databases!(set_password_link, set_password_links_work_once_and_history_is_kept);

/// Anyone can guess a username (school code + name), so requests that match no one must not
/// spend the owner's allowance (issue 26): strangers' 忘記密碼 with the right username and a
/// made-up name, or the right address and a made-up name, and 補寄驗證信 likewise, are counted
/// apart; the owner's own request afterwards is mailed at once.
async fn strangers_do_not_spend_the_owners_allowance(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "victim_t", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, AuthSettings { trusted_proxies: 1, ..settings() });
    let owner_email = "victim_t@test.edu.tw";
    let mut stranger = Client::new(&app);
    stranger.forwarded_for = Some("198.51.100.7".into());
    for (name, email) in [("王大明", "made.up@test.edu.tw"), ("王大明", owner_email), ("陳小華", "x@test.edu.tw")]
    {
        for _ in 0..3 {
            assert_eq!(request(&mut stranger, name, "victim_t", email).await, 200, "the same answer");
            let captcha = stranger.captcha().await;
            let form = [("name", name), ("username", "victim_t"), ("email", email), ("captcha", captcha.as_str())];
            assert_eq!(stranger.post("resend_set_password_link", &form).await.status, 200);
        }
    }
    assert!(crate::client::mails_to(&db, owner_email).await.is_empty(), "nothing matched, nothing sent");
    let mut owner = Client::new(&app);
    owner.forwarded_for = Some("203.0.113.5".into());
    assert_eq!(request(&mut owner, "測試者", "victim_t", owner_email).await, 200);
    let (_, body) = last_mail(&db, owner_email).await.expect("the owner's code is mailed");
    assert_eq!(reset(&mut owner, "victim_t", &eight_digits(&body), NEW_PASSWORD).await.status, 200);
}
on_both_databases!(strangers_allowance, strangers_do_not_spend_the_owners_allowance);
