//! The provider's discovery document (`/.well-known/openid-configuration`), built with
//! openidconnect's provider metadata type: what a subsystem's library reads to find the
//! endpoints, the keys and what is supported. It says only what is true: the code flow,
//! PKCE `S256`, the `iss` parameter in the answer, RS256 ID tokens.

use openidconnect::{
    core::{
        CoreAuthDisplay, CoreClaimName, CoreClaimType, CoreClientAuthMethod, CoreGrantType, CoreJsonWebKey,
        CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm, CoreJwsSigningAlgorithm, CoreResponseMode,
        CoreResponseType, CoreSubjectIdentifierType,
    },
    AdditionalProviderMetadata, AuthUrl, AuthenticationContextClass, IssuerUrl, JsonWebKeySetUrl, ProviderMetadata,
    ResponseTypes, Scope, TokenUrl, UserInfoUrl,
};
use serde::{Deserialize, Serialize};

use crate::{auth::AuthSettings, error::AppError, provider::Acr};

/// What the core metadata type has no field for: the other endpoints (RFC 7009, RFC 7662,
/// RP-initiated logout), PKCE (RFC 8414) and RFC 9207's `iss`.
#[derive(Clone, Debug, Deserialize, Serialize)]
struct Extensions {
    revocation_endpoint: String,
    introspection_endpoint: String,
    end_session_endpoint: String,
    code_challenge_methods_supported: Vec<String>,
    authorization_response_iss_parameter_supported: bool,
    revocation_endpoint_auth_methods_supported: Vec<String>,
    introspection_endpoint_auth_methods_supported: Vec<String>,
}
impl AdditionalProviderMetadata for Extensions {}

type Metadata = ProviderMetadata<
    Extensions,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

/// The document as JSON.
pub fn document(settings: &AuthSettings) -> Result<String, AppError> {
    let issuer = super::issuer(settings);
    let at = |path: &str| format!("{issuer}{path}");
    let bad = |_| AppError::Internal;
    let secret_methods = vec!["client_secret_basic".to_string(), "client_secret_post".to_string()];
    let metadata = Metadata::new(
        IssuerUrl::new(issuer.clone()).map_err(bad)?,
        AuthUrl::new(at("/oidc/authorize")).map_err(bad)?,
        JsonWebKeySetUrl::new(at("/oidc/jwks")).map_err(bad)?,
        vec![ResponseTypes::new(vec![CoreResponseType::Code])],
        vec![CoreSubjectIdentifierType::Public],
        vec![CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256, CoreJwsSigningAlgorithm::EcdsaP256Sha256],
        Extensions {
            revocation_endpoint: at("/oidc/revoke"),
            introspection_endpoint: at("/oidc/introspect"),
            end_session_endpoint: at("/oidc/logout"),
            code_challenge_methods_supported: vec!["S256".into()],
            authorization_response_iss_parameter_supported: true,
            revocation_endpoint_auth_methods_supported: secret_methods.clone(),
            introspection_endpoint_auth_methods_supported: secret_methods,
        },
    )
    .set_token_endpoint(Some(TokenUrl::new(at("/oidc/token")).map_err(bad)?))
    .set_userinfo_endpoint(Some(UserInfoUrl::new(at("/oidc/userinfo")).map_err(bad)?))
    .set_scopes_supported(Some(vec![Scope::new("openid".into())]))
    .set_response_modes_supported(Some(vec![CoreResponseMode::Query]))
    .set_grant_types_supported(Some(vec![CoreGrantType::AuthorizationCode, CoreGrantType::RefreshToken]))
    .set_token_endpoint_auth_methods_supported(Some(vec![
        CoreClientAuthMethod::ClientSecretBasic,
        CoreClientAuthMethod::ClientSecretPost,
        CoreClientAuthMethod::None,
    ]))
    .set_acr_values_supported(Some(
        Acr::ALL.iter().map(|a| AuthenticationContextClass::new(a.as_str().into())).collect(),
    ))
    .set_claims_supported(Some(
        [
            "sub",
            "iss",
            "aud",
            "exp",
            "iat",
            "auth_time",
            "nonce",
            "amr",
            "acr",
            "sid",
            "preferred_username",
            "name",
            "email",
            "email_verified",
            "phone_number",
            "organization",
            "unit",
            "title",
            "main_account",
            "functions",
        ]
        .into_iter()
        .map(|c| CoreClaimName::new(c.into()))
        .collect(),
    ))
    .set_request_parameter_supported(Some(false))
    .set_request_uri_parameter_supported(Some(false));
    serde_json::to_string(&metadata).map_err(|_| AppError::Internal)
}
