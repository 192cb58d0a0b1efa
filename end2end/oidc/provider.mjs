// A real OpenID Connect provider for development and the tests: node-oidc-provider (an
// OpenID-certified implementation) with its development login and consent pages. Not a stub:
// it issues signed ID tokens, checks PKCE, redirect URIs and client secrets like Google does.
//
// Any login name signs in (the password is not checked: development pages). The login name is
// the account's email (a name without `@` gets `@example.edu.tw`), its domain is the Google
// Workspace `hd` claim, and a name starting with `unverified` has an unverified email.
//
//   OIDC_PORT       where it listens (3005)
//   OIDC_REDIRECTS  Gatehouse's callback URLs, comma separated
//                   (http://localhost:3000/auth/oidc/callback)
//   OIDC_EXIT_WITH_STDIN=1  stop when standard input closes (the Rust tests' child process
//                   ends with the test run that started it)
//
// Gatehouse then needs GATEHOUSE_OIDC_ISSUER=http://localhost:3005,
// GATEHOUSE_OIDC_CLIENT_ID=gatehouse and GATEHOUSE_OIDC_CLIENT_SECRET=gatehouse-dev-secret.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT ?? 3005);
const redirects = (process.env.OIDC_REDIRECTS ?? 'http://localhost:3000/auth/oidc/callback').split(',');

function claimsOf(login) {
  const email = login.includes('@') ? login : `${login}@example.edu.tw`;
  return {
    sub: `sub-${email}`,
    email,
    email_verified: !login.startsWith('unverified'),
    name: login,
    hd: email.split('@')[1],
  };
}

const client = (id, secret) => ({
  client_id: id,
  client_secret: secret,
  redirect_uris: redirects,
  response_types: ['code'],
  grant_types: ['authorization_code'],
});

const provider = new Provider(`http://localhost:${port}`, {
  // Gatehouse's client, and another site's (an ID token made for it must not sign in here).
  clients: [client('gatehouse', 'gatehouse-dev-secret'), client('another-site', 'another-site-secret')],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'hd'] },
  // The scopes' claims in the ID token itself, as Google puts them there.
  conformIdTokenClaims: false,
  findAccount: (ctx, id) => ({ accountId: id, claims: () => claimsOf(id) }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['development-only-cookie-key'] },
});
// Its development pages load a web font from Google and have no icon: nothing here may reach
// outside the machine, and the tests count every failed load as an error.
provider.use(async (ctx, next) => {
  if (ctx.path === '/favicon.ico') {
    ctx.status = 204;
    return;
  }
  await next();
  if (typeof ctx.body === 'string' && ctx.type === 'text/html') {
    ctx.body = ctx.body.replace(/@import url\(https:\/\/fonts\.googleapis\.com[^)]*\);/g, '');
  }
});
provider.listen(port, () => console.log(`OpenID Connect provider on http://localhost:${port}`));
if (process.env.OIDC_EXIT_WITH_STDIN === '1') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
