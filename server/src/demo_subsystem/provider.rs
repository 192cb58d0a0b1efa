//! Gatehouse as the demo subsystem's provider, through the `openidconnect` crate: discovery
//! (on first use, since Gatehouse may start after the demo), the authorization request with
//! PKCE, the code exchange with `client_secret_basic`, the ID token's checks, and userinfo.

use std::{sync::Arc, time::Duration};

use openidconnect::{
    core::{
        CoreAuthenticationFlow, CoreGenderClaim, CoreJsonWebKeySet, CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    },
    reqwest, AdditionalClaims, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, IdToken,
    IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, ProviderMetadataWithLogout,
    RedirectUrl, TokenResponse,
};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use super::{
    sessions::{Session, Trip},
    Settings,
};

/// The ID token's claim beyond the standard ones: Gatehouse's session, which a back-channel
/// logout names. Required: without it the demo could not be signed out by Gatehouse.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct SessionClaim {
    pub sid: String,
}
impl AdditionalClaims for SessionClaim {}

pub type DemoIdToken =
    IdToken<SessionClaim, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm>;
type Client = app::auth::oidc::DiscoveredClient<SessionClaim>;

/// Why a step failed: an OAuth-style code and a description, for the error page.
#[derive(Debug)]
pub struct Failure {
    pub code: String,
    pub description: String,
}

impl Failure {
    pub fn new(code: &str, description: impl std::fmt::Display) -> Failure {
        Failure { code: code.into(), description: description.to_string() }
    }
}

/// What discovery found, and the client made from it.
pub struct Discovered {
    /// With RP-initiated logout's `end_session_endpoint`.
    pub metadata: ProviderMetadataWithLogout,
    client: Client,
}

pub struct Provider {
    issuer: String,
    client_id: ClientId,
    client_secret: ClientSecret,
    redirect: String,
    http: reqwest::Client,
    discovered: Mutex<Option<Arc<Discovered>>>,
}

impl Provider {
    pub fn new(settings: &Settings) -> Provider {
        let http = reqwest::Client::builder()
            // Following a redirect would let an answer lead the demo anywhere (SSRF).
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        Provider {
            issuer: settings.issuer.clone(),
            client_id: ClientId::new(settings.client_id.clone()),
            client_secret: ClientSecret::new(settings.client_secret.clone()),
            redirect: format!("{}/callback", settings.base_url),
            http,
            discovered: Mutex::new(None),
        }
    }

    fn client_of(&self, metadata: &ProviderMetadataWithLogout) -> Result<Client, Failure> {
        let redirect = RedirectUrl::new(self.redirect.clone()).map_err(|e| Failure::new("bad_setting", e))?;
        Ok(Client::from_provider_metadata(metadata.clone(), self.client_id.clone(), Some(self.client_secret.clone()))
            .set_redirect_uri(redirect))
    }

    /// The provider as discovered, discovering it on first use; a failed discovery (Gatehouse
    /// not up yet) is tried again next time.
    pub async fn discovered(&self) -> Result<Arc<Discovered>, Failure> {
        let mut held = self.discovered.lock().await;
        if let Some(found) = held.as_ref() {
            return Ok(found.clone());
        }
        let issuer = IssuerUrl::new(self.issuer.clone()).map_err(|e| Failure::new("bad_setting", e))?;
        // Checks that the document names this issuer, and fetches the keys (`jwks_uri`).
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|e| Failure::new("discovery_failed", format!("Gatehouse could not be discovered: {e}")))?;
        let found = Arc::new(Discovered { client: self.client_of(&metadata)?, metadata });
        *held = Some(found.clone());
        Ok(found)
    }

    /// The provider with its keys fetched again from `jwks_uri`: Gatehouse rotates its
    /// signing keys, and a token may be signed with one newer than the demo has seen.
    pub async fn refresh_keys(&self) -> Result<Arc<Discovered>, Failure> {
        let known = self.discovered().await?;
        let keys = CoreJsonWebKeySet::fetch_async(known.metadata.jwks_uri(), &self.http)
            .await
            .map_err(|e| Failure::new("keys_unavailable", format!("Gatehouse's keys could not be fetched: {e}")))?;
        let metadata = known.metadata.clone().set_jwks(keys);
        let found = Arc::new(Discovered { client: self.client_of(&metadata)?, metadata });
        *self.discovered.lock().await = Some(found.clone());
        Ok(found)
    }

    /// Where to send the browser, and what to keep: a new `state`, `nonce` and PKCE (S256)
    /// verifier. The scope is `openid` alone: what the demo receives is what its
    /// registration's fields say and the user agreed to.
    pub async fn begin(&self) -> Result<(String, Trip), Failure> {
        let found = self.discovered().await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = found
            .client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .set_pkce_challenge(challenge)
            .url();
        let trip = Trip {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
            begun: std::time::Instant::now(),
        };
        Ok((url.to_string(), trip))
    }

    /// Gatehouse's issuer as discovered, which the callback's `iss` must equal (RFC 9207).
    pub async fn issuer(&self) -> Result<String, Failure> {
        Ok(self.discovered().await?.metadata.issuer().to_string())
    }

    /// The code exchanged, its ID token checked (signature, issuer, audience, expiry, and this
    /// browser's nonce), and the userinfo endpoint asked.
    pub async fn finish(&self, code: String, trip: Trip) -> Result<Session, Failure> {
        let found = self.discovered().await?;
        let tokens = found
            .client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| Failure::new("no_token_endpoint", e))?
            .set_pkce_verifier(PkceCodeVerifier::new(trip.pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| Failure::new("token_exchange_failed", e))?;
        let id_token = tokens.id_token().ok_or_else(|| Failure::new("no_id_token", "the answer had no ID token"))?;
        let nonce = Nonce::new(trip.nonce);
        let claims = match id_token.claims(&found.client.id_token_verifier(), &nonce) {
            Ok(claims) => claims.clone(),
            // Signed with a key newer than the demo's copy: fetch the keys once more.
            Err(ClaimsVerificationError::SignatureVerification(_)) => {
                let fresh = self.refresh_keys().await?;
                let verifier = fresh.client.id_token_verifier();
                id_token.claims(&verifier, &nonce).map_err(|e| Failure::new("invalid_id_token", e))?.clone()
            }
            Err(e) => return Err(Failure::new("invalid_id_token", e)),
        };
        let userinfo = self.userinfo(&found, tokens.access_token().secret()).await?;
        // OpenID Connect Core §5.3.2: the answer must be about the ID token's subject.
        if userinfo["sub"].as_str() != Some(claims.subject().as_str()) {
            return Err(Failure::new("userinfo_mismatch", "userinfo's sub is not the ID token's"));
        }
        Ok(Session {
            sid: claims.additional_claims().sid.clone(),
            id_token: id_token.clone(),
            claims: serde_json::to_value(&claims).unwrap_or_default(),
            userinfo,
        })
    }

    /// The userinfo endpoint's JSON, fetched with a plain bearer request so that the page can
    /// show it as received.
    async fn userinfo(&self, found: &Discovered, access_token: &str) -> Result<serde_json::Value, Failure> {
        let endpoint = found
            .metadata
            .userinfo_endpoint()
            .ok_or_else(|| Failure::new("no_userinfo_endpoint", "discovery named no userinfo endpoint"))?;
        let answer = self
            .http
            .get(endpoint.url().as_str())
            .bearer_auth(access_token)
            .send()
            .await
            .map_err(|e| Failure::new("userinfo_failed", e))?;
        let status = answer.status();
        let body = answer.text().await.map_err(|e| Failure::new("userinfo_failed", e))?;
        if !status.is_success() {
            return Err(Failure::new("userinfo_failed", format!("answered {status}: {body}")));
        }
        serde_json::from_str(&body).map_err(|e| Failure::new("userinfo_failed", format!("not JSON: {e}")))
    }
}
