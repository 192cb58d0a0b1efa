//! Security keys and passkeys, tried as an attacker would without the key: 登入設定 and every
//! key change behind a fresh verification, a ceremony answered without being begun, answered
//! twice, answered after its 5 minutes or from another session, a forged answer, another
//! account's key id. The ceremonies with a real authenticator run in Chromium (its virtual
//! authenticator, end2end/tests/security_keys.spec.ts).

use app::{accounts::Role, error::AppError};
use serde_json::json;

use crate::{
    client::{create_user, error_of, router, settings, stated_count, totp_now, Client, SECRET},
    credentials::{age_verification, signed_in},
    lockout::audited,
    on_both_databases,
    support::{load_demo, TestDb},
};

const PASSWORD: &str = "Tz9!mQ2#vbLp";

/// A made-up answer to a registration: well formed, signed by nobody.
fn forged_registration() -> String {
    json!({
        "id": "AAAA", "rawId": "AAAA", "type": "public-key",
        "response": { "attestationObject": "o2NmbXRkbm9uZQ", "clientDataJSON": "e30" }
    })
    .to_string()
}

fn forged_assertion() -> String {
    json!({
        "id": "AAAA", "rawId": "AAAA", "type": "public-key",
        "response": { "authenticatorData": "AAAA", "clientDataJSON": "e30", "signature": "AAAA", "userHandle": null }
    })
    .to_string()
}

fn field_of(reply: &crate::support::Reply) -> String {
    match error_of(reply).0 {
        AppError::Invalid { field, .. } => field,
        other => panic!("not a field error: {other:?}"),
    }
}

async fn sign_in_settings_need_a_fresh_verification(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "keyholder", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = signed_in(&app, "keyholder", 0).await;

    // Just signed in: the sign-in counts as the verification.
    let listed = c.post("my_sign_in_methods", &[]).await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    let listed = listed.json();
    assert_eq!(listed["keys_available"], true);
    assert_eq!(listed["methods"].as_array().map(Vec::len), Some(1));
    assert_eq!(listed["methods"][0]["kind"], "Totp");
    assert!(listed["methods"][0]["last_used_at"].is_i64(), "{listed}");
    assert!(!listed.to_string().contains("secret"), "no secret leaves the server: {listed}");

    // Minutes later a stolen session sees and changes nothing.
    age_verification(&db, 6 * 60).await;
    for (function, form) in
        [("my_sign_in_methods", vec![]), ("offer_key", vec![("name", "YubiKey")]), ("remove_key", vec![("id", "1")])]
    {
        let refused = c.post(function, &form).await;
        assert_eq!(refused.status, 403, "{function}: {}", refused.body);
        assert_eq!(error_of(&refused).0, AppError::StepUpRequired, "{function}");
    }
    let refused = c.post("bind_key", &[("credential", &forged_registration())]).await;
    assert_eq!(error_of(&refused).0, AppError::StepUpRequired);
    // What is no key's answer at all is said so, and changes nothing.
    let garbage = c.post("bind_key", &[("credential", "{not json")]).await;
    assert!(error_of(&garbage).1.contains("未通過驗證"), "{}", garbage.body);

    // A guest gets nothing either.
    let mut guest = Client::new(&app);
    assert_eq!(guest.post("my_sign_in_methods", &[]).await.status, 401);
    assert_eq!(guest.post("offer_key", &[("name", "x")]).await.status, 401);
}
on_both_databases!(sign_in_settings_fresh, sign_in_settings_need_a_fresh_verification);

async fn a_ceremony_serves_once_for_its_session(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "keyholder", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = signed_in(&app, "keyholder", 0).await;

    // The name is checked first, at its field.
    let unnamed = c.post("offer_key", &[("name", "   ")]).await;
    assert_eq!((unnamed.status, field_of(&unnamed)), (400, "name".to_string()));

    // No ceremony begun: the answer is refused, and nothing is bound.
    let early = c.post("bind_key", &[("credential", &forged_registration())]).await;
    assert_eq!((early.status, field_of(&early)), (400, "key".to_string()), "{}", early.body);
    assert!(error_of(&early).1.contains("逾時或已使用過"), "{}", early.body);

    // The instructions name this server as the relying party and exclude nothing yet.
    let offer = c.post("offer_key", &[("name", "YubiKey")]).await;
    assert_eq!(offer.status, 200, "{}", offer.body);
    let offer: serde_json::Value = serde_json::from_str(offer.json().as_str().expect("JSON text")).expect("options");
    let options = &offer["publicKey"];
    assert_eq!(options["rp"]["id"], "localhost", "{options}");
    assert_eq!(options["user"]["name"], "keyholder");
    assert_eq!(options["authenticatorSelection"]["userVerification"], "required", "{options}");
    assert!(options["challenge"].as_str().is_some_and(|c| c.len() >= 43), "{options}");

    // Another session of the same account cannot answer this session's ceremony.
    let mut other = signed_in(&app, "keyholder", 1).await;
    let elsewhere = other.post("bind_key", &[("credential", &forged_registration())]).await;
    assert_eq!(field_of(&elsewhere), "key");
    assert!(error_of(&elsewhere).1.contains("逾時或已使用過"), "{}", elsewhere.body);

    // A forged answer is refused and spends the ceremony: a second answer finds none.
    let forged = c.post("bind_key", &[("credential", &forged_registration())]).await;
    assert_eq!(forged.status, 400, "{}", forged.body);
    assert!(error_of(&forged).1.contains("未通過驗證"), "{}", forged.body);
    let again = c.post("bind_key", &[("credential", &forged_registration())]).await;
    assert!(error_of(&again).1.contains("逾時或已使用過"), "{}", again.body);
    assert_eq!(audited(&db, "keyholder", "factor_bound").await.last().map(|(o, _)| o.as_str()), Some("failure"));

    // A ceremony past its 5 minutes is refused all the same.
    assert_eq!(c.post("offer_key", &[("name", "YubiKey")]).await.status, 200);
    expire_ceremonies(&db).await;
    let late = c.post("bind_key", &[("credential", &forged_registration())]).await;
    assert!(error_of(&late).1.contains("逾時或已使用過"), "{}", late.body);

    // Nothing was bound through any of it.
    let listed = c.post("my_sign_in_methods", &[]).await.json();
    assert_eq!(listed["methods"].as_array().map(Vec::len), Some(1), "{listed}");
    // Another account's factor id (or one that is no key) is not found.
    let totp_id = listed["methods"][0]["id"].to_string();
    assert_eq!(c.post("remove_key", &[("id", &totp_id)]).await.status, 404);
    assert_eq!(c.post("remove_key", &[("id", "999999")]).await.status, 404);
}
on_both_databases!(key_ceremonies, a_ceremony_serves_once_for_its_session);

/// Sets every ceremony's expiry a second into the past, as its 5 minutes ending would.
async fn expire_ceremonies(db: &TestDb) {
    db.pool
        .run(|conn| {
            use app::db::schema::sessions::dsl as s;
            use diesel::prelude::*;
            let held: Vec<(String, Option<String>)> = s::sessions.select((s::id_hash, s::ceremony)).load(conn)?;
            for (id, ceremony) in held {
                let Some(text) = ceremony else { continue };
                let mut value: serde_json::Value = serde_json::from_str(&text).expect("ceremony JSON");
                value["expires_at"] = json!(app::db::now() - 1);
                diesel::update(s::sessions.find(id)).set(s::ceremony.eq(value.to_string())).execute(conn)?;
            }
            Ok(())
        })
        .await
        .expect("expire");
}

async fn the_key_step_refuses_without_a_key_or_a_ceremony(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "codeonly", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    // Before the password: nothing to ask.
    assert_eq!(c.post("key_challenge", &[]).await.status, 401);
    assert_eq!(c.sign_in("codeonly", PASSWORD).await.status, 200);
    assert_eq!(c.viewer().await["key_bound"], false);
    let none = c.post("key_challenge", &[]).await;
    assert!(error_of(&none).1.contains("沒有綁定安全金鑰"), "{}", none.body);
    // An answer to no ceremony is refused without counting as a guess.
    let unasked = c.post("sign_in_with_key", &[("credential", &forged_assertion())]).await;
    assert_eq!(field_of(&unasked), "key");
    assert_eq!(stated_count(&unasked), None, "{}", unasked.body);
    // The code still completes the sign-in.
    assert_eq!(c.verify(&totp_now(SECRET, 0)).await.status, 200);
    assert_eq!(c.viewer().await["key_bound"], false);
    // Signed in, the step-up by key has nothing to ask either, and no answer without asking.
    let none = c.post("key_challenge", &[]).await;
    assert!(error_of(&none).1.contains("沒有綁定安全金鑰"), "{}", none.body);
    let unasked = c.post("step_up_with_key", &[("credential", &forged_assertion())]).await;
    assert_eq!(field_of(&unasked), "key");
    // A guest cannot step up at all.
    let guest = Client::new(&app).post("step_up_with_key", &[("credential", &forged_assertion())]).await;
    assert_eq!(guest.status, 401);
}
on_both_databases!(key_step_without_key, the_key_step_refuses_without_a_key_or_a_ceremony);
