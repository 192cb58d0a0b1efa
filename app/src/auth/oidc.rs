//! Sign-in with Google, or any OpenID Connect provider (a school's own, Microsoft Entra): the
//! provider is a setting (issuer, client id and secret). The authorization code flow with PKCE,
//! a nonce and a state; the ID token's signature, issuer, audience, expiry and nonce are checked
//! by `openidconnect`, and an account is known by issuer and subject, never by email. The
//! provider's metadata and signing keys are fetched on first use (a provider down at start-up
//! does not stop the server) and fetched again after `REFRESH` (providers rotate their keys).

use std::time::Duration;

use openidconnect::{
    core::{
        CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType, CoreGenderClaim,
        CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreProviderMetadata,
        CoreRevocableToken, CoreRevocationErrorResponse, CoreTokenIntrospectionResponse, CoreTokenType,
    },
    reqwest, AdditionalClaims, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EmptyExtraTokenFields,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenFields, IssuerUrl, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, StandardErrorResponse, StandardTokenResponse, TokenResponse,
};
use serde::{Deserialize, Serialize};
use std::{sync::Arc, time::Instant};

use tokio::sync::Mutex;

/// The installation's provider, from `GATEHOUSE_OIDC_*`.
#[derive(Clone)]
pub struct OidcSettings {
    /// What the sign-in page calls it (「以 Google 登入」).
    pub name: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// Google Workspace domains (`hd`) allowed to sign in; empty: any verified account.
    pub hosted_domains: Vec<String>,
}

impl std::fmt::Debug for OidcSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcSettings")
            .field("name", &self.name)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("hosted_domains", &self.hosted_domains)
            .finish_non_exhaustive()
    }
}

/// Google's hosted-domain claim, beside the standard ones.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct HostedDomain {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hd: Option<String>,
}
impl AdditionalClaims for HostedDomain {}

/// A token response's fields, its ID token carrying the extra claims `C`.
pub type TokenFields<C> = IdTokenFields<
    C,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
/// A relying party's client made from discovery, its ID token carrying the extra claims `C`:
/// authorization endpoint set, token and userinfo endpoints as the metadata says. Gatehouse's
/// own sign-in with Google and the demo subsystem (a relying party of Gatehouse) both use it.
pub type DiscoveredClient<C> = openidconnect::Client<
    C,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    StandardTokenResponse<TokenFields<C>, CoreTokenType>,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;
type Client = DiscoveredClient<HostedDomain>;

/// What the browser is sent to the provider with, and what must be kept to finish.
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// The person the provider vouched for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub hosted_domain: Option<String>,
}

impl Identity {
    /// How the factors table knows the account, unique across every local account.
    pub fn external_id(&self) -> String {
        format!("oidc:{}|{}", self.issuer, self.subject)
    }
}

/// Why a sign-in with the provider failed, for the log; the page says less.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("the provider could not be reached or described itself wrongly: {0}")]
    Provider(String),
    #[error("the code was not exchanged: {0}")]
    Exchange(String),
    #[error("the ID token was refused: {0}")]
    Token(String),
}

/// How long discovered metadata and signing keys are trusted before they are fetched again.
const REFRESH: Duration = Duration::from_secs(3600);

pub struct Provider {
    settings: OidcSettings,
    redirect: RedirectUrl,
    http: reqwest::Client,
    /// The client as last discovered, and when.
    client: Mutex<Option<(Instant, Arc<Client>)>>,
}

impl Provider {
    /// The provider for `settings`, answering at `public_url`'s callback; `None` (logged) when a
    /// URL is malformed.
    pub fn new(settings: OidcSettings, public_url: &str) -> Option<Provider> {
        let redirect = RedirectUrl::new(format!("{public_url}/auth/oidc/callback"));
        let http = reqwest::Client::builder()
            // Following redirects would let a provider's answer lead us anywhere (SSRF).
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build();
        match (redirect, http, IssuerUrl::new(settings.issuer.clone())) {
            (Ok(redirect), Ok(http), Ok(_)) => Some(Provider { settings, redirect, http, client: Mutex::new(None) }),
            (redirect, http, issuer) => {
                tracing::error!(
                    redirect = ?redirect.err(), http = ?http.err(), issuer = ?issuer.err(),
                    "sign-in with the OpenID Connect provider is off: a setting is malformed"
                );
                None
            }
        }
    }

    pub fn name(&self) -> &str {
        &self.settings.name
    }

    /// The client, discovering the provider on first use and again once `REFRESH` has passed;
    /// a failed discovery is tried again next time.
    async fn client(&self) -> Result<Arc<Client>, Refusal> {
        let mut held = self.client.lock().await;
        if let Some((_, client)) = held.as_ref().filter(|(at, _)| at.elapsed() < REFRESH) {
            return Ok(client.clone());
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone()).map_err(|e| Refusal::Provider(e.to_string()))?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| Refusal::Provider(e.to_string()))?;
        let client = Arc::new(
            Client::from_provider_metadata(
                metadata,
                ClientId::new(self.settings.client_id.clone()),
                Some(ClientSecret::new(self.settings.client_secret.clone())),
            )
            .set_redirect_uri(self.redirect.clone()),
        );
        *held = Some((Instant::now(), client.clone()));
        Ok(client)
    }

    /// Where to send the browser: the authorization request with a new state, nonce and PKCE
    /// challenge, asking for the email.
    pub async fn authorize(&self) -> Result<Authorization, Refusal> {
        let client = self.client().await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        Ok(Authorization {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// The identity behind `code`: exchanged with the PKCE verifier, its ID token checked
    /// (signature, issuer, audience, expiry, and the `nonce` this browser was given).
    pub async fn identify(&self, code: String, pkce_verifier: String, nonce: String) -> Result<Identity, Refusal> {
        let client = self.client().await?;
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| Refusal::Provider(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| Refusal::Exchange(e.to_string()))?;
        let token = response.id_token().ok_or_else(|| Refusal::Token("no ID token".into()))?;
        let claims =
            token.claims(&client.id_token_verifier(), &Nonce::new(nonce)).map_err(|e| Refusal::Token(e.to_string()))?;
        Ok(Identity {
            issuer: claims.issuer().to_string(),
            subject: claims.subject().to_string(),
            email: claims.email().map(|e| e.to_string()),
            email_verified: claims.email_verified().unwrap_or(false),
            hosted_domain: claims.additional_claims().hd.clone(),
        })
    }

    /// Whether the identity's Workspace domain may sign in here.
    pub fn domain_allowed(&self, identity: &Identity) -> bool {
        let allowed = &self.settings.hosted_domains;
        allowed.is_empty()
            || identity.hosted_domain.as_deref().is_some_and(|hd| allowed.iter().any(|a| a.eq_ignore_ascii_case(hd)))
    }
}
