use std::str::FromStr;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use chrono::{Duration, Utc};
use openidconnect::{
    core::{CoreIdToken, CoreIdTokenClaims, CoreIdTokenVerifier, CoreJsonWebKeySet},
    Audience, ClientId, EmptyAdditionalClaims, IssuerUrl, Nonce, PrivateSigningKey, SigningError, StandardClaims,
    SubjectIdentifier,
};
use ring::signature::{RsaPublicKeyComponents, UnparsedPublicKey, ECDSA_P256_SHA256_FIXED, RSA_PKCS1_2048_8192_SHA256};
use serde_json::{json, Value};

use super::*;

const ISSUER: &str = "https://id.example.edu";
const CLIENT: &str = "library";

fn id_token(key: &SigningKey, subject: &str) -> CoreIdToken {
    let claims = CoreIdTokenClaims::new(
        IssuerUrl::new(ISSUER.into()).unwrap(),
        vec![Audience::new(CLIENT.into())],
        Utc::now() + Duration::minutes(5),
        Utc::now(),
        StandardClaims::new(SubjectIdentifier::new(subject.into())),
        EmptyAdditionalClaims {},
    );
    CoreIdToken::new(claims, key, key.core_alg(), None, None).unwrap()
}

/// Whether a relying party using `openidconnect`, trusting `keys`, accepts `token`.
fn accepted(token: &CoreIdToken, keys: Vec<openidconnect::core::CoreJsonWebKey>, alg: SigningAlg) -> bool {
    let verifier = CoreIdTokenVerifier::new_public_client(
        ClientId::new(CLIENT.into()),
        IssuerUrl::new(ISSUER.into()).unwrap(),
        CoreJsonWebKeySet::new(keys),
    )
    .set_allowed_algs([alg.core()]);
    token.claims(&verifier, |_: Option<&Nonce>| Ok(())).is_ok()
}

/// Verifies with ring from the published JWK alone, so a wrong `n`, `e`, `x` or `y` shows.
fn ring_verifies(key: &SigningKey, message: &[u8], signature: &[u8]) -> bool {
    let jwk: Value = serde_json::from_str(&key.public_jwk_json().unwrap()).unwrap();
    let member = |name: &str| URL_SAFE_NO_PAD.decode(jwk[name].as_str().unwrap()).unwrap();
    match key.alg() {
        SigningAlg::Rs256 => RsaPublicKeyComponents { n: member("n"), e: member("e") }
            .verify(&RSA_PKCS1_2048_8192_SHA256, message, signature)
            .is_ok(),
        SigningAlg::Es256 => {
            let point = [vec![0x04], member("x"), member("y")].concat();
            UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, point).verify(message, signature).is_ok()
        }
    }
}

fn decode_json(part: &str) -> Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

#[test]
fn id_tokens_verify_under_their_own_key_only() {
    for alg in SigningAlg::ALL {
        let key = SigningKey::generate(alg).unwrap();
        let other = SigningKey::generate(alg).unwrap();
        let token = id_token(&key, "42");
        assert!(accepted(&token, vec![key.public_jwk()], alg), "{alg}");
        assert!(!accepted(&token, vec![other.public_jwk()], alg), "{alg}: another key's JWKS");
        // Another key published under this key's id: only the signature check can refuse it.
        let mut impostor: Value = serde_json::from_str(&other.public_jwk_json().unwrap()).unwrap();
        impostor["kid"] = key.kid().into();
        assert!(!accepted(&token, vec![serde_json::from_value(impostor).unwrap()], alg), "{alg}: impostor");
    }
}

#[test]
fn stored_key_signs_like_the_original() {
    for alg in SigningAlg::ALL {
        let key = SigningKey::generate(alg).unwrap();
        let stored = SigningKey::from_pkcs8(key.kid(), alg, key.pkcs8()).unwrap();
        assert_eq!((stored.kid(), stored.alg(), stored.pkcs8()), (key.kid(), alg, key.pkcs8()));
        assert_eq!(stored.public_jwk(), key.public_jwk());
        assert!(accepted(&id_token(&stored, "42"), vec![key.public_jwk()], alg), "{alg}");
    }
}

#[test]
fn signatures_are_jws_sized_and_other_algs_refused() {
    let es = SigningKey::generate(SigningAlg::Es256).unwrap();
    let rs = SigningKey::generate(SigningAlg::Rs256).unwrap();
    assert_eq!(es.sign(&SigningAlg::Es256.core(), b"m").unwrap().len(), 64);
    assert_eq!(rs.sign(&SigningAlg::Rs256.core(), b"m").unwrap().len(), 256);
    assert!(matches!(es.sign(&SigningAlg::Rs256.core(), b"m"), Err(SigningError::UnsupportedAlg(_))));
    assert!(matches!(rs.sign(&SigningAlg::Es256.core(), b"m"), Err(SigningError::UnsupportedAlg(_))));
    let claims = CoreIdTokenClaims::new(
        IssuerUrl::new(ISSUER.into()).unwrap(),
        vec![Audience::new(CLIENT.into())],
        Utc::now() + Duration::minutes(5),
        Utc::now(),
        StandardClaims::new(SubjectIdentifier::new("42".into())),
        EmptyAdditionalClaims {},
    );
    assert!(CoreIdToken::new(claims, &rs, SigningAlg::Es256.core(), None, None).is_err());
}

#[test]
fn logout_token_is_a_jws_ring_verifies() {
    for alg in SigningAlg::ALL {
        let key = SigningKey::generate(alg).unwrap();
        let claims = json!({ "iss": ISSUER, "aud": CLIENT, "sid": "s1", "events": { "http://schemas.openid.net/event/backchannel-logout": {} } });
        let token = sign_jwt(&key, Some(LOGOUT_TOKEN_TYP), &claims).unwrap();
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3, "{alg}");
        assert_eq!(decode_json(parts[0]), json!({ "alg": alg.as_str(), "kid": key.kid(), "typ": "logout+jwt" }));
        assert_eq!(decode_json(parts[1]), claims);
        let signature = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
        assert!(ring_verifies(&key, format!("{}.{}", parts[0], parts[1]).as_bytes(), &signature), "{alg}");
        let untyped = sign_jwt(&key, None, &claims).unwrap();
        assert!(decode_json(untyped.split('.').next().unwrap()).get("typ").is_none());
    }
    let key = SigningKey::generate(SigningAlg::Es256).unwrap();
    assert!(matches!(sign_jwt(&key, None, &json!(["not", "claims"])), Err(SigningKeyError::ClaimsNotAnObject)));
}

#[test]
fn tampered_payloads_fail() {
    for alg in SigningAlg::ALL {
        let key = SigningKey::generate(alg).unwrap();
        let token = sign_jwt(&key, Some(LOGOUT_TOKEN_TYP), &json!({ "sub": "42" })).unwrap();
        let parts: Vec<&str> = token.split('.').collect();
        let forged = URL_SAFE_NO_PAD.encode(br#"{"sub":"43"}"#);
        let signature = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
        assert!(ring_verifies(&key, format!("{}.{}", parts[0], parts[1]).as_bytes(), &signature));
        assert!(!ring_verifies(&key, format!("{}.{forged}", parts[0]).as_bytes(), &signature), "{alg}");

        let id = id_token(&key, "42").to_string();
        let parts: Vec<&str> = id.split('.').collect();
        let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        let forged_payload = payload.replace(r#""sub":"42""#, r#""sub":"43""#);
        assert_ne!(forged_payload, payload);
        let forged = [parts[0], &URL_SAFE_NO_PAD.encode(forged_payload), parts[2]].join(".");
        assert!(accepted(&CoreIdToken::from_str(&id).unwrap(), vec![key.public_jwk()], alg));
        assert!(!accepted(&CoreIdToken::from_str(&forged).unwrap(), vec![key.public_jwk()], alg), "{alg}");
    }
}

#[test]
fn kid_is_the_rfc_7638_thumbprint() {
    // RFC 7638 section 3.1.
    let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    let parts = PublicParts::Rsa { n: URL_SAFE_NO_PAD.decode(n).unwrap(), e: vec![1, 0, 1] };
    assert_eq!(parts.thumbprint(), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    for alg in SigningAlg::ALL {
        let key = SigningKey::generate(alg).unwrap();
        assert_eq!(key.kid().len(), 43, "{alg}");
        assert!(key.kid().bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_ne!(key.kid(), SigningKey::generate(alg).unwrap().kid());
    }
}

#[test]
fn published_jwk_names_its_use_and_alg_and_nothing_private() {
    let keys = [SigningKey::generate(SigningAlg::Rs256).unwrap(), SigningKey::generate(SigningAlg::Es256).unwrap()];
    for (key, kty) in keys.iter().zip(["RSA", "EC"]) {
        let jwk: Value = serde_json::from_str(&key.public_jwk_json().unwrap()).unwrap();
        assert_eq!((&jwk["kty"], &jwk["use"], &jwk["kid"]), (&json!(kty), &json!("sig"), &json!(key.kid())));
        assert_eq!(jwk["alg"], json!(key.alg().as_str()));
        assert!(jwk.get("d").is_none());
    }
    let rows: Vec<String> = keys.iter().map(|k| k.public_jwk_json().unwrap()).collect();
    assert_eq!(jwks_from_json(rows.iter().map(String::as_str)).unwrap(), jwks(&keys));
    let mut leaked: Value = serde_json::from_str(&rows[1]).unwrap();
    leaked["d"] = json!("c2VjcmV0");
    assert!(matches!(jwks_from_json([leaked.to_string().as_str()]), Err(SigningKeyError::PrivateMaterial)));
}

#[test]
fn algs_parse_and_stored_keys_are_checked() {
    for alg in SigningAlg::ALL {
        assert_eq!(alg.as_str().parse::<SigningAlg>().unwrap(), alg);
    }
    assert!(matches!("HS256".parse::<SigningAlg>(), Err(SigningKeyError::UnknownAlg(_))));
    let es = SigningKey::generate(SigningAlg::Es256).unwrap();
    let rs = SigningKey::generate(SigningAlg::Rs256).unwrap();
    assert!(matches!(SigningKey::from_pkcs8("k", SigningAlg::Rs256, es.pkcs8()), Err(SigningKeyError::Rejected(_))));
    assert!(matches!(SigningKey::from_pkcs8("k", SigningAlg::Es256, rs.pkcs8()), Err(SigningKeyError::Rejected(_))));
    assert!(matches!(SigningKey::from_pkcs8("k", SigningAlg::Es256, b"junk"), Err(SigningKeyError::Rejected(_))));
}

#[test]
fn opened_keys_are_found_by_id_and_the_oldest_go_first() {
    let opened = OpenedKeys::default();
    let first = SigningKey::generate(SigningAlg::Es256).expect("key");
    let first_kid = first.kid().to_string();
    opened.keep(first);
    assert_eq!(opened.get(&first_kid).map(|k| k.kid().to_string()), Some(first_kid.clone()));
    assert!(opened.get("another-kid").is_none());
    let mut last = String::new();
    for _ in 0..8 {
        let key = SigningKey::generate(SigningAlg::Es256).expect("key");
        last = key.kid().to_string();
        opened.keep(key);
    }
    assert!(opened.get(&first_kid).is_none(), "the ninth key pushes the first out");
    assert!(opened.get(&last).is_some());
}
