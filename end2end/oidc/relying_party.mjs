// A relying party that drives Gatehouse's OpenID Connect provider with a CERTIFIED client:
// openid-client 6 (panva, OpenID-certified). Gatehouse's own code must not judge its own
// answers, so everything a relying party checks (ID token signature, iss, aud, nonce, the
// RFC 9207 `iss` authorization response parameter, state, PKCE) is checked here by that
// library, not by hand.
//
// The Rust integration tests and the Playwright tests start it as a child process. It takes
// its settings from environment variables and prints ONE JSON object on stdout when it ends,
// `{"ok":true,...}` or `{"ok":false,"step":"...","error":"..."}`, and exits 0 either way: a
// refusal by the provider is an observation for the test to judge, not a crash. Only a bug in
// this script itself exits non-zero.
//
// The browser part is replaced by a session cookie: the test signs in at the provider first
// and hands the Cookie header over; this script GETs the authorization URL with it, without
// following redirects, and takes the code from the Location of the answer.
//
//   RP_ISSUER          the provider's issuer, e.g. http://localhost:41234 (discovery at
//                      <issuer>/.well-known/openid-configuration)
//   RP_CLIENT_ID       the client's id
//   RP_CLIENT_SECRET   its secret; absent or empty = a public client (no client authentication)
//   RP_AUTH            basic (client_secret_basic, the default) | post (client_secret_post)
//   RP_REDIRECT_URI    the client's registered redirect URI
//   RP_SCOPE           default "openid profile email"
//   RP_COOKIE          the Cookie header of a signed-in browser session at the provider
//                      ("name=value", or several pairs joined with "; ")
//   RP_MODE            flow (default) | code-only | logout
//   RP_POST_LOGOUT_URI logout mode: the post_logout_redirect_uri (omitted when absent)
//   RP_ID_TOKEN_ALG    the client's id_token_signed_response_alg (RS256 | ES256); the library
//                      then refuses an ID token signed otherwise
//
// RP_MODE=flow: authorization code flow, UserInfo, introspection, refresh with rotation and
//   reuse detection, and revocation (on the tokens of a second code flow, see spareTokens()).
// RP_MODE=code-only: stops after the authorize redirect and prints the code's verifier, state
//   and nonce, so that a test can misuse the code itself.
// RP_MODE=logout: a code flow, then RP-initiated logout with the ID token as the hint.
import * as client from 'openid-client';

// Every HTTP request has a deadline, so a provider that hangs fails the test instead of
// hanging it. The library's own requests take theirs from `timeout` (seconds).
const TIMEOUT_MS = 10_000;

// What the script has seen so far; printed at the end, also after a failure (it helps to see
// how far a failed run got).
const out = { ok: true };

// A failure at a step: the step's name and the error, as its OAuth `error` code when there is
// one.
class StepFailure extends Error {
  constructor(step, fields) {
    super(`${step}: ${fields.error}`);
    this.step = step;
    this.fields = fields;
  }
}

// An error as the test wants to compare it: the OAuth `error` code when the provider sent
// one (token, introspection, revocation, UserInfo errors and authorization error responses),
// otherwise the library's message, with what caused it.
function describe(err) {
  if (err instanceof client.ResponseBodyError || err instanceof client.AuthorizationResponseError) {
    return {
      error: err.error,
      error_description: err.error_description,
      status: err.status,
      library_code: err.code,
    };
  }
  if (err instanceof client.WWWAuthenticateChallengeError) {
    // A Bearer challenge (UserInfo): its `error` parameter, e.g. invalid_token.
    const challenge = err.cause?.[0];
    return {
      error: challenge?.parameters?.error ?? err.message,
      error_description: challenge?.parameters?.error_description,
      status: err.status,
      library_code: err.code,
    };
  }
  // ClientError and fetch failures: a general message and a specific cause ("response
  // parameter "iss" (issuer) missing", "connect ECONNREFUSED", "The operation was aborted
  // due to timeout").
  const error = err?.message ?? String(err);
  const cause = err?.cause?.message ?? (err?.cause != null ? String(err.cause) : undefined);
  return { error, cause: cause === error ? undefined : cause, library_code: err?.code };
}

// Runs one step; a throw becomes a StepFailure under that step's name.
async function step(name, fn) {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StepFailure) throw err;
    throw new StepFailure(name, describe(err));
  }
}

// Runs a call that is expected to be refused; returns the refusal's code, or null when the
// provider accepted it (the test then sees null where it expects e.g. "invalid_grant").
async function refusal(fn) {
  try {
    await fn();
    return null;
  } catch (err) {
    return describe(err).error;
  }
}

function settings() {
  const env = process.env;
  const missing = ['RP_ISSUER', 'RP_CLIENT_ID', 'RP_REDIRECT_URI'].filter((name) => !env[name]);
  if (missing.length) throw new StepFailure('config', { error: `missing ${missing.join(', ')}` });
  const mode = env.RP_MODE || 'flow';
  if (!['flow', 'code-only', 'logout'].includes(mode)) {
    throw new StepFailure('config', { error: `unknown RP_MODE ${mode}` });
  }
  const auth = env.RP_AUTH || 'basic';
  if (!['basic', 'post'].includes(auth)) {
    throw new StepFailure('config', { error: `unknown RP_AUTH ${auth}` });
  }
  return {
    issuer: env.RP_ISSUER,
    clientId: env.RP_CLIENT_ID,
    secret: env.RP_CLIENT_SECRET || undefined,
    auth,
    redirectUri: env.RP_REDIRECT_URI,
    scope: env.RP_SCOPE || 'openid profile email',
    cookie: env.RP_COOKIE || undefined,
    mode,
    postLogoutUri: env.RP_POST_LOGOUT_URI || undefined,
    idTokenAlg: env.RP_ID_TOKEN_ALG || undefined,
  };
}

// Discovery, with the client's authentication: none for a public client, otherwise the
// secret in the Authorization header (basic) or in the form body (post).
async function configure(s) {
  const clientAuth = s.secret === undefined
    ? client.None()
    : s.auth === 'post' ? client.ClientSecretPost(s.secret) : client.ClientSecretBasic(s.secret);
  const metadata = { client_secret: s.secret };
  if (s.idTokenAlg) metadata.id_token_signed_response_alg = s.idTokenAlg;
  return step('discovery', () => client.discovery(new URL(s.issuer), s.clientId, metadata, clientAuth, {
    // The tests' providers listen on plain http on localhost; the library refuses http
    // otherwise. And the library skips the ID token's signature by default for tokens that
    // come straight from the token endpoint over TLS (OpenID Connect Core 3.1.3.7 allows it);
    // here there is no TLS and the signature is what is being tested, so it is checked
    // against the provider's JWKS (jwks_uri), and with the algorithms it advertises
    // (id_token_signing_alg_values_supported).
    execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
    // Seconds; the Configuration keeps it for every later request.
    timeout: TIMEOUT_MS / 1000,
  }));
}

// A GET as the signed-in browser would make it, but without following the redirect: the
// answer's Location is what the test is about.
async function browserGet(s, url) {
  const headers = s.cookie ? { cookie: s.cookie } : {};
  const res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  // Drain the body so that the connection is released.
  await res.arrayBuffer().catch(() => {});
  return res;
}

// Whether `location` is the redirect URI with the response appended (not merely a URI that
// begins with the same characters, like https://rp.example/cb-evil).
function isRedirectUri(location, redirectUri) {
  if (!location.startsWith(redirectUri)) return false;
  const next = location.charAt(redirectUri.length);
  return next === '' || next === '?' || next === '#' || (redirectUri.includes('?') && next === '&');
}

// The authorization request up to the provider's redirect back to the client (the step
// names get `prefix`, so that the second flow's failures are told apart).
async function authorize(config, s, prefix = '') {
  const codeVerifier = client.randomPKCECodeVerifier();
  const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: s.redirectUri,
    scope: s.scope,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const res = await step(`${prefix}authorize`, () => browserGet(s, url));
  const raw = res.headers.get('location');
  // A relative Location is resolved against the authorization endpoint, as a browser would.
  const location = raw === null ? null : new URL(raw, url).href;
  if (![302, 303].includes(res.status) || location === null || !isRedirectUri(location, s.redirectUri)) {
    throw new StepFailure(`${prefix}authorize`, {
      error: 'not redirected to the redirect URI',
      status: res.status,
      location,
      authorization_url: url.href,
    });
  }
  return { url, status: res.status, location, codeVerifier, state, nonce };
}

// The callback and the token request. authorizationCodeGrant checks the authorization
// response (state, the RFC 9207 `iss`, an `error` in it), sends the code with the PKCE
// verifier, and checks the ID token (signature against the provider's JWKS, iss, aud, azp,
// exp, iat, nonce). The step is "callback" when it failed before the token request was sent,
// "token" after.
async function exchange(config, s, authz, prefix = '') {
  const sent = { token: false };
  const tokenEndpoint = config.serverMetadata().token_endpoint;
  config[client.customFetch] = (url, options) => {
    if (url === tokenEndpoint) sent.token = true;
    return fetch(url, options);
  };
  try {
    return await client.authorizationCodeGrant(config, new URL(authz.location), {
      pkceCodeVerifier: authz.codeVerifier,
      expectedState: authz.state,
      expectedNonce: authz.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    throw new StepFailure(`${prefix}${sent.token ? 'token' : 'callback'}`, describe(err));
  } finally {
    delete config[client.customFetch];
  }
}

// The JOSE header of a compact JWS (alg, kid, typ), which the claims helper does not show.
function joseHeader(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString('utf8'));
}

// A token response without the tokens themselves.
function tokenSummary(tokens) {
  return {
    token_type: tokens.token_type,
    scope: tokens.scope,
    expires_in: tokens.expires_in,
    refresh_token_issued: typeof tokens.refresh_token === 'string',
    id_token_issued: typeof tokens.id_token === 'string',
  };
}

// Refresh token rotation and reuse detection: the refresh token is used once (new tokens),
// then the used one again (must be refused: invalid_grant), then the new one (must be refused
// too: reuse revokes the whole family). Only when a refresh token was issued.
async function refreshes(config, tokens) {
  if (typeof tokens.refresh_token !== 'string') {
    out.refresh = null;
    return;
  }
  const first = tokens.refresh_token;
  // The library checks a refreshed ID token as it did the first (signature, iss, aud); the
  // test compares its sub with the first one's (refresh.id_token_claims).
  const refreshed = await step('refresh', () => client.refreshTokenGrant(config, first));
  out.refresh = {
    ...tokenSummary(refreshed),
    refresh_token_rotated: typeof refreshed.refresh_token === 'string' && refreshed.refresh_token !== first,
    access_token_changed: refreshed.access_token !== tokens.access_token,
    id_token_claims: refreshed.claims() ?? null,
  };
  out.reuse_error = await refusal(() => client.refreshTokenGrant(config, first));
  const second = refreshed.refresh_token ?? first;
  out.family_error = await refusal(() => client.refreshTokenGrant(config, second));
}

// Revocation of an access token, then its introspection. On the tokens of a second code flow,
// made before the refresh tests and revoked after them:
// - not the first flow's access token before the refresh tests: revoking an access token may
//   also revoke its refresh token (RFC 7009 allows it; node-oidc-provider revokes its whole
//   grant), and the refresh tests would then fail for a reason they do not test;
// - not a flow started after the refresh tests: reuse may revoke the consent with the family
//   (node-oidc-provider does), and no code could be had without the consent pages.
// `before_revoke` is the spare token's introspection just before revoking it: active when the
// reuse test above left it alone (a family per authorization code), not active when the
// provider revoked all the client's tokens for that user; `after_revoke` must be inactive.
async function spareTokens(config, s) {
  const authz = await authorize(config, s, 'revoke_');
  return exchange(config, s, authz, 'revoke_');
}

async function revocation(config, spare) {
  out.before_revoke = await step('revoke_introspection', () => client.tokenIntrospection(config, spare.access_token));
  await step('revoke', () => client.tokenRevocation(config, spare.access_token, { token_type_hint: 'access_token' }));
  out.after_revoke = await step('after_revoke', () => client.tokenIntrospection(config, spare.access_token));
}

async function flow(config, s) {
  const authz = await authorize(config, s);
  out.location = authz.location;
  out.authorize_query = Object.fromEntries(new URL(authz.location).searchParams);
  const tokens = await exchange(config, s, authz);
  out.token_response = tokenSummary(tokens);
  out.id_token_header = joseHeader(tokens.id_token);
  const claims = tokens.claims();
  out.id_token_claims = claims;
  // The library checks that UserInfo's sub is the ID token's.
  out.userinfo = await step('userinfo', () => client.fetchUserInfo(config, tokens.access_token, claims.sub));
  out.introspection = await step('introspection', () => client.tokenIntrospection(config, tokens.access_token));
  const spare = await spareTokens(config, s);
  await refreshes(config, tokens);
  await revocation(config, spare);
}

async function codeOnly(config, s) {
  const authz = await authorize(config, s);
  Object.assign(out, {
    authorization_url: authz.url.href,
    status: authz.status,
    location: authz.location,
    authorize_query: Object.fromEntries(new URL(authz.location).searchParams),
    code_verifier: authz.codeVerifier,
    state: authz.state,
    nonce: authz.nonce,
  });
}

async function logout(config, s) {
  const authz = await authorize(config, s);
  const tokens = await exchange(config, s, authz);
  out.id_token_claims = tokens.claims();
  const state = client.randomState();
  const parameters = { id_token_hint: tokens.id_token, state };
  if (s.postLogoutUri) parameters.post_logout_redirect_uri = s.postLogoutUri;
  const url = await step('end_session_url', () => client.buildEndSessionUrl(config, parameters));
  const res = await step('logout', () => browserGet(s, url));
  const raw = res.headers.get('location');
  Object.assign(out, {
    end_session_url: url.href,
    state,
    status: res.status,
    location: raw === null ? null : new URL(raw, url).href,
    // Whether the provider ended its session: the cookies it sets or clears.
    set_cookie: res.headers.getSetCookie(),
  });
}

async function main() {
  let result;
  try {
    const s = settings();
    out.mode = s.mode;
    const config = await configure(s);
    await { flow, 'code-only': codeOnly, logout }[s.mode](config, s);
    result = out;
  } catch (err) {
    if (!(err instanceof StepFailure)) throw err; // a bug in this script: exit 1 below
    result = { ...out, ok: false, step: err.step, ...err.fields };
  }
  // One line; undefined fields (e.g. no error_description) are left out.
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
