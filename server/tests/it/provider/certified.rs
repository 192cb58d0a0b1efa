//! A certified relying party (openid-client 6, end2end/oidc/relying_party.mjs) signs in
//! through Gatehouse over real HTTP, with its own checks of the ID token (signature, `iss`,
//! `aud`, `nonce`, `at_hash`) and of RFC 9207's `iss` in the answer; then userinfo,
//! introspection, refresh with rotation, reuse (the family is revoked) and revocation.

use std::process::Command;

use serde_json::Value;

use super::{Provider, REDIRECT};
use crate::{on_both_databases, support::TestDb};

/// Runs the relying party with `env`; its one line of JSON.
pub fn relying_party(env: &[(&str, &str)]) -> Value {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end");
    let out = Command::new("node")
        .arg("oidc/relying_party.mjs")
        .current_dir(root)
        .envs(env.iter().copied())
        .output()
        .expect("node runs end2end/oidc/relying_party.mjs (make test installs end2end's packages)");
    let text = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(text.trim()).unwrap_or_else(|e| {
        panic!("relying party output is not JSON ({e}): {text}\n{}", String::from_utf8_lossy(&out.stderr))
    })
}

async fn flow(p: &Provider, cookie: &str, client: &str, auth: &str) -> Value {
    flow_expecting(p, cookie, client, auth, "").await
}

/// `flow` by a client registered at the library as expecting ID tokens signed with `alg`
/// ("" for the library's default).
async fn flow_expecting(p: &Provider, cookie: &str, client: &str, auth: &str, alg: &str) -> Value {
    let cookie = cookie.to_string();
    let secret = p.secrets.get(client).cloned().unwrap_or_default();
    let issuer = p.issuer.clone();
    let (client, auth, alg) = (client.to_string(), auth.to_string(), alg.to_string());
    tokio::task::spawn_blocking(move || {
        relying_party(&[
            ("RP_ISSUER", &issuer),
            ("RP_CLIENT_ID", &client),
            ("RP_CLIENT_SECRET", &secret),
            ("RP_AUTH", &auth),
            ("RP_REDIRECT_URI", REDIRECT),
            ("RP_COOKIE", &cookie),
            ("RP_MODE", "flow"),
            ("RP_ID_TOKEN_ALG", &alg),
        ])
    })
    .await
    .expect("relying party ran")
}

async fn signs_in_through_a_certified_client(db: TestDb) {
    let mut p = Provider::start(&db).await;
    // A subsystem registered for ES256 ID tokens.
    p.register("ec", app::provider::ClientKind::Confidential, REDIRECT).await;
    p.state
        .write(&Default::default(), |work| {
            let listed = app::flows::provider::registry::list(work)?;
            let mut ec = listed.into_iter().find(|s| s.registration.code == "ec").expect("ec").registration;
            ec.id_token_alg = app::provider::IdTokenAlg::Es256;
            app::flows::provider::registry::save(work, None, ec)
        })
        .await
        .expect("ES256 registered");
    p.grant(p.teacher, "ec").await;
    p.consent(p.teacher, "ec").await;
    p.consent(p.teacher, "demo").await;
    p.consent(p.teacher, "spa").await;
    // One sign-in: a TOTP code is taken once.
    let cookie = p.signed_in("teacher01").await.cookie.expect("session cookie");
    let out = flow(&p, &cookie, "demo", "basic").await;
    assert_eq!(out["ok"], true, "{out:#}");
    let claims = &out["id_token_claims"];
    assert_eq!(claims["sub"], p.teacher.to_string());
    assert_eq!(claims["aud"], serde_json::json!(["demo"]));
    assert_eq!(claims["iss"], p.issuer);
    assert_eq!(claims["preferred_username"], "teacher01");
    assert_eq!(claims["amr"], serde_json::json!(["pwd", "otp", "mfa"]));
    assert_eq!(claims["acr"], "urn:gatehouse:acr:mfa");
    assert!(claims["sid"].as_str().is_some_and(|s| s.len() == 32), "{claims}");
    assert!(claims.get("email").is_none(), "email is at userinfo only: {claims}");
    assert_eq!(out["id_token_header"]["alg"], "RS256");
    assert_eq!(out["authorize_query"]["iss"], p.issuer);
    let info = &out["userinfo"];
    assert_eq!(info["sub"], p.teacher.to_string());
    assert_eq!(info["organization"]["oid"], "2.16.886.101.20003");
    assert_eq!(info["main_account"], false);
    assert!(info["functions"].is_array(), "{info}");
    assert_eq!(out["introspection"]["active"], true);
    assert_eq!(out["introspection"]["client_id"], "demo");
    assert_eq!(out["refresh"]["refresh_token_rotated"], true, "{out:#}");
    assert_eq!(out["reuse_error"], "invalid_grant");
    assert_eq!(out["family_error"], "invalid_grant");
    assert_eq!(out["before_revoke"]["active"], true);
    assert_eq!(out["after_revoke"]["active"], false);

    // client_secret_post, and a public client with PKCE alone.
    let post = flow(&p, &cookie, "demo", "post").await;
    assert_eq!(post["ok"], true, "{post:#}");
    let public = flow(&p, &cookie, "spa", "basic").await;
    assert_eq!(public["ok"], true, "{public:#}");
    assert_eq!(public["id_token_claims"]["aud"], serde_json::json!(["spa"]));

    // ES256 for the subsystem registered for it, checked by the library against the JWKS; a
    // client expecting RS256 refuses that token, so the algorithm is really the registered one.
    let ec = flow_expecting(&p, &cookie, "ec", "basic", "ES256").await;
    assert_eq!(ec["ok"], true, "{ec:#}");
    assert_eq!(ec["id_token_header"]["alg"], "ES256");
    assert_eq!(ec["id_token_claims"]["aud"], serde_json::json!(["ec"]));
    let mismatch = flow_expecting(&p, &cookie, "ec", "basic", "RS256").await;
    assert_eq!(mismatch["ok"], false, "{mismatch:#}");
    let rs = flow_expecting(&p, &cookie, "demo", "basic", "RS256").await;
    assert_eq!((rs["ok"].clone(), rs["id_token_header"]["alg"].clone()), (true.into(), "RS256".into()), "{rs:#}");
}
on_both_databases!(certified_client, signs_in_through_a_certified_client);
