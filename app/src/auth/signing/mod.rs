//! The keys Gatehouse signs its own tokens with, as an OpenID Connect provider: ID tokens
//! (through `openidconnect`, which this key plugs into) and back-channel logout tokens (`jws`).
//! RS256 because OpenID Connect requires every provider to offer it, ES256 for shorter tokens.
//!
//! Signing is done by ring, never by the `rsa` crate: its private-key operations leak timing
//! (RUSTSEC-2023-0071, unfixed), and so does `openidconnect`'s `CoreRsaPrivateSigningKey`, which
//! is built on it. ring cannot generate RSA keys, so openssl makes them and ring loads them.

mod jws;
#[cfg(test)]
mod tests;

use std::{fmt, str::FromStr};

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use openidconnect::{
    core::{CoreJsonCurveType, CoreJsonWebKey, CoreJsonWebKeySet, CoreJwsSigningAlgorithm},
    JsonWebKeyId, PrivateSigningKey, SigningError,
};
use ring::{
    rand::SystemRandom,
    signature::{EcdsaKeyPair, KeyPair, RsaKeyPair, RsaPublicKeyComponents, ECDSA_P256_SHA256_FIXED_SIGNING},
};
use sha2::{Digest, Sha256};

pub use jws::{sign_jwt, LOGOUT_TOKEN_TYP};

/// RSA keys are made this size: the smallest ring accepts, and what clients expect.
const RSA_BITS: u32 = 2048;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SigningAlg {
    Rs256,
    Es256,
}

impl SigningAlg {
    pub const ALL: [SigningAlg; 2] = [SigningAlg::Rs256, SigningAlg::Es256];

    /// The JOSE name, as in a token's header and the discovery document.
    pub fn as_str(self) -> &'static str {
        match self {
            SigningAlg::Rs256 => "RS256",
            SigningAlg::Es256 => "ES256",
        }
    }

    pub fn core(self) -> CoreJwsSigningAlgorithm {
        match self {
            SigningAlg::Rs256 => CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
            SigningAlg::Es256 => CoreJwsSigningAlgorithm::EcdsaP256Sha256,
        }
    }
}

impl fmt::Display for SigningAlg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SigningAlg {
    type Err = SigningKeyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SigningAlg::ALL.into_iter().find(|alg| alg.as_str() == s).ok_or_else(|| SigningKeyError::UnknownAlg(s.into()))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SigningKeyError {
    #[error("unknown signing algorithm {0:?}")]
    UnknownAlg(String),
    #[error("could not generate a signing key: {0}")]
    Generate(String),
    #[error("the signing key was rejected: {0}")]
    Rejected(String),
    #[error("signing failed")]
    Sign,
    #[error("a key to publish holds private key material")]
    PrivateMaterial,
    #[error("the claims of a JWT must be a JSON object")]
    ClaimsNotAnObject,
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

enum Pair {
    Rsa(RsaKeyPair),
    Ec(EcdsaKeyPair),
}

/// A private signing key with its id. Not `Clone`: ring's key pairs are not, and a key shared
/// between tasks belongs in an `Arc`.
pub struct SigningKey {
    kid: String,
    alg: SigningAlg,
    pkcs8: Vec<u8>,
    pair: Pair,
    /// Built once: `openidconnect` asks for it on every token it signs.
    public: CoreJsonWebKey,
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey").field("kid", &self.kid).field("alg", &self.alg).finish_non_exhaustive()
    }
}

impl SigningKey {
    /// A new key, its id the RFC 7638 thumbprint of its public key: unique, URL-safe, and
    /// reproducible by anyone holding the JWKS.
    pub fn generate(alg: SigningAlg) -> Result<SigningKey, SigningKeyError> {
        let pkcs8 = match alg {
            SigningAlg::Rs256 => {
                let generate = || -> Result<Vec<u8>, openssl::error::ErrorStack> {
                    let rsa = openssl::rsa::Rsa::generate(RSA_BITS)?;
                    openssl::pkey::PKey::from_rsa(rsa)?.private_key_to_pkcs8()
                };
                generate().map_err(|e| SigningKeyError::Generate(e.to_string()))?
            }
            SigningAlg::Es256 => EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &SystemRandom::new())
                .map_err(|_| SigningKeyError::Generate("ring could not make a P-256 key".into()))?
                .as_ref()
                .to_vec(),
        };
        let (pair, public) = parse(alg, &pkcs8)?;
        let kid = public.thumbprint();
        Ok(SigningKey { public: public.to_jwk(&kid, alg)?, kid, alg, pkcs8, pair })
    }

    /// A stored key, under the id it was published with.
    pub fn from_pkcs8(kid: impl Into<String>, alg: SigningAlg, der: &[u8]) -> Result<SigningKey, SigningKeyError> {
        let kid = kid.into();
        let (pair, public) = parse(alg, der)?;
        Ok(SigningKey { public: public.to_jwk(&kid, alg)?, kid, alg, pkcs8: der.to_vec(), pair })
    }

    /// The private key as PKCS#8 DER, for storage (sealed by the caller).
    pub fn pkcs8(&self) -> &[u8] {
        &self.pkcs8
    }

    pub fn kid(&self) -> &str {
        &self.kid
    }

    pub fn alg(&self) -> SigningAlg {
        self.alg
    }

    pub fn core_alg(&self) -> CoreJwsSigningAlgorithm {
        self.alg.core()
    }

    /// The public key with `kid`, `use: sig` and `alg`, as the JWKS publishes it.
    pub fn public_jwk(&self) -> CoreJsonWebKey {
        self.public.clone()
    }

    /// `public_jwk` as JSON, so the JWKS can be served from stored rows without private keys.
    pub fn public_jwk_json(&self) -> Result<String, SigningKeyError> {
        Ok(serde_json::to_string(&self.public)?)
    }

    /// A JWS signature over `message` with the key's own algorithm; ES256 gives the raw
    /// 64-byte r||s that JWS wants, not DER.
    fn sign_bytes(&self, message: &[u8]) -> Result<Vec<u8>, SigningKeyError> {
        let rng = SystemRandom::new();
        match &self.pair {
            Pair::Rsa(pair) => {
                let mut signature = vec![0; pair.public().modulus_len()];
                pair.sign(&ring::signature::RSA_PKCS1_SHA256, &rng, message, &mut signature)
                    .map_err(|_| SigningKeyError::Sign)?;
                Ok(signature)
            }
            Pair::Ec(pair) => Ok(pair.sign(&rng, message).map_err(|_| SigningKeyError::Sign)?.as_ref().to_vec()),
        }
    }
}

impl PrivateSigningKey for SigningKey {
    type VerificationKey = CoreJsonWebKey;

    fn sign(&self, signature_alg: &CoreJwsSigningAlgorithm, message: &[u8]) -> Result<Vec<u8>, SigningError> {
        // A key is published for one algorithm; a token claiming another could not be verified.
        if *signature_alg != self.core_alg() {
            return Err(SigningError::UnsupportedAlg(format!("{signature_alg:?} with an {} key", self.alg)));
        }
        self.sign_bytes(message).map_err(|_| SigningError::CryptoError)
    }

    fn as_verification_key(&self) -> CoreJsonWebKey {
        self.public_jwk()
    }
}

/// Keys already opened, by id. A stored key is sealed and its PKCS#8 parsed on the way out
/// (tens of microseconds for RSA, a decryption and ring's checks); a key's content never
/// changes under its id (the id is its thumbprint), so what was opened once is kept, and which
/// key signs is still asked of the database each time. Shared by the process's requests.
#[derive(Clone, Default)]
pub struct OpenedKeys(std::sync::Arc<std::sync::Mutex<Vec<std::sync::Arc<SigningKey>>>>);

impl OpenedKeys {
    /// Current, next and a retired key per algorithm fit; more than that and the oldest go.
    const KEPT: usize = 8;

    pub fn get(&self, kid: &str) -> Option<std::sync::Arc<SigningKey>> {
        let keys = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        keys.iter().find(|k| k.kid == kid).cloned()
    }

    pub fn keep(&self, key: SigningKey) -> std::sync::Arc<SigningKey> {
        let key = std::sync::Arc::new(key);
        let mut keys = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        keys.retain(|k| k.kid != key.kid);
        if keys.len() >= Self::KEPT {
            keys.remove(0);
        }
        keys.push(key.clone());
        key
    }
}

/// The JWKS document of `keys` (the current key and those still within their grace period).
pub fn jwks(keys: &[SigningKey]) -> CoreJsonWebKeySet {
    CoreJsonWebKeySet::new(keys.iter().map(SigningKey::public_jwk).collect())
}

/// The JWKS document from stored `public_jwk_json` rows. A row holding private members is
/// refused: publishing it would give the key away, whatever bug put it there.
pub fn jwks_from_json<'a>(rows: impl IntoIterator<Item = &'a str>) -> Result<CoreJsonWebKeySet, SigningKeyError> {
    const PRIVATE: [&str; 7] = ["d", "p", "q", "dp", "dq", "qi", "k"];
    let mut keys = Vec::new();
    for row in rows {
        let value: serde_json::Value = serde_json::from_str(row)?;
        if PRIVATE.iter().any(|member| value.get(member).is_some()) {
            return Err(SigningKeyError::PrivateMaterial);
        }
        keys.push(serde_json::from_value(value)?);
    }
    Ok(CoreJsonWebKeySet::new(keys))
}

/// The public half of a key, as the unpadded big-endian numbers a JWK holds.
enum PublicParts {
    Rsa { n: Vec<u8>, e: Vec<u8> },
    Ec { x: Vec<u8>, y: Vec<u8> },
}

fn parse(alg: SigningAlg, der: &[u8]) -> Result<(Pair, PublicParts), SigningKeyError> {
    let rejected = |e: ring::error::KeyRejected| SigningKeyError::Rejected(e.to_string());
    match alg {
        SigningAlg::Rs256 => {
            let pair = RsaKeyPair::from_pkcs8(der).map_err(rejected)?;
            let RsaPublicKeyComponents { n, e } = RsaPublicKeyComponents::<Vec<u8>>::from(pair.public());
            Ok((Pair::Rsa(pair), PublicParts::Rsa { n, e }))
        }
        SigningAlg::Es256 => {
            let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, der, &SystemRandom::new())
                .map_err(rejected)?;
            // ring gives the uncompressed point: 0x04, then x and y, 32 bytes each.
            let point = pair.public_key().as_ref();
            let (x, y) = match point {
                [0x04, coordinates @ ..] if coordinates.len() == 64 => coordinates.split_at(32),
                _ => return Err(SigningKeyError::Rejected("not an uncompressed P-256 point".into())),
            };
            let parts = PublicParts::Ec { x: x.to_vec(), y: y.to_vec() };
            Ok((Pair::Ec(pair), parts))
        }
    }
}

impl PublicParts {
    /// RFC 7638: SHA-256 over the required members in lexicographic order, without
    /// whitespace. Base64url text needs no JSON escaping, so `format!` builds it exactly.
    fn thumbprint(&self) -> String {
        let b64 = |bytes: &[u8]| URL_SAFE_NO_PAD.encode(bytes);
        let canonical = match self {
            PublicParts::Rsa { n, e } => format!(r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#, b64(e), b64(n)),
            PublicParts::Ec { x, y } => format!(r#"{{"crv":"P-256","kty":"EC","x":"{}","y":"{}"}}"#, b64(x), b64(y)),
        };
        URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
    }

    fn to_jwk(&self, kid: &str, alg: SigningAlg) -> Result<CoreJsonWebKey, SigningKeyError> {
        let kid = Some(JsonWebKeyId::new(kid.to_owned()));
        let jwk = match self {
            PublicParts::Rsa { n, e } => CoreJsonWebKey::new_rsa(n.clone(), e.clone(), kid),
            PublicParts::Ec { x, y } => CoreJsonWebKey::new_ec(x.clone(), y.clone(), CoreJsonCurveType::P256, kid),
        };
        // The constructors set `use: sig` but leave `alg` out, and no setter exists; the field
        // is reachable through serde only. Publishing `alg` lets clients (and openidconnect's
        // own verifier) refuse a token whose header names another algorithm.
        let mut value = serde_json::to_value(jwk)?;
        value["alg"] = alg.as_str().into();
        Ok(serde_json::from_value(value)?)
    }
}
