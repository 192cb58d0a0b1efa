import type { CDPSession, Page } from '@playwright/test';
import { expect } from './fixtures';
import { openHydrated } from './helpers';
import { bindAuthenticator, createAccount, setPassword, signIn } from './accounts';

// What the security-key and passkey tests share. WebAuthn needs a host name: browsers refuse an
// IP address as the relying party, so those tests talk to the server as `localhost` (its
// GATEHOUSE_PUBLIC_URL, playwright.config.ts).

/** Chromium's virtual authenticator (the DevTools protocol's WebAuthn domain) on this page. */
export async function virtualKey(page: Page, verifies = true, transport = 'usb'): Promise<{ cdp: CDPSession; id: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport,
      hasResidentKey: true,
      hasUserVerification: verifies,
      isUserVerified: verifies,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, id: authenticatorId };
}

/** A new account signed in with its password and a bound authenticator; returns its secret. */
export async function newAccount(page: Page, baseURL: string) {
  const account = createAccount(baseURL);
  await setPassword(page, account);
  await signIn(page, account.username, account.password);
  const secret = await bindAuthenticator(page);
  return { account, secret };
}

export async function openSignInMethods(page: Page) {
  await openHydrated(page, '/account');
  await page.getByRole('link', { name: /登入方式/ }).click();
  await expect(page).toHaveURL(/\/account\/sign-in-methods$/);
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
}

export async function addKey(page: Page, name: string) {
  const form = page.getByTestId('add-key');
  await form.getByLabel('金鑰名稱').fill(name);
  await form.getByRole('button', { name: '新增安全金鑰' }).click();
}

/**
 * One password-free answer made as the sign-in page makes it (browser_keys.rs), kept instead of
 * sent: the ceremony's token and the key's signed credential (JSON, binary fields base64url).
 */
export async function passkeyAnswer(page: Page): Promise<{ token: string; credential: string }> {
  return page.evaluate(async () => {
    const text = (buffer: ArrayBuffer | null) =>
      buffer === null ? null : btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const bytes = (b64url: string) => Uint8Array.from(atob(b64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const challenge = await (await fetch('/api/fn/passkey_options', { method: 'POST' })).json();
    const options = JSON.parse(challenge.options);
    options.publicKey.challenge = bytes(options.publicKey.challenge);
    for (const allowed of options.publicKey.allowCredentials ?? []) allowed.id = bytes(allowed.id);
    if (options.mediation == null) delete options.mediation;
    const signed = (await navigator.credentials.get(options)) as PublicKeyCredential;
    const response = signed.response as AuthenticatorAssertionResponse;
    const credential = JSON.stringify({
      id: signed.id,
      rawId: text(signed.rawId),
      type: signed.type,
      response: {
        authenticatorData: text(response.authenticatorData),
        clientDataJSON: text(response.clientDataJSON),
        signature: text(response.signature),
        userHandle: text(response.userHandle),
      },
      extensions: signed.getClientExtensionResults(),
    });
    return { token: challenge.token as string, credential };
  });
}
