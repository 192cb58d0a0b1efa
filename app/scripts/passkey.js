// A key's signature on a light page (app/src/light.rs), without the app's wasm: the ceremony
// the wasm's `browser_keys::get` runs elsewhere. 以通行金鑰登入 on the sign-in page asks the
// server function `passkey_options` (a token and the options), the code step's 使用安全金鑰
// asks `key_challenge` (the options alone): the form's `data-passkey` names which. The
// server's options and the browser's answer cross as the JSON webauthn-rs reads and writes,
// binary fields in base64url; the answer is posted with the form, and the server goes on or
// answers with the page and the error.
'use strict';

function bytes(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  const binary = atob(base64 + '==='.slice((base64.length + 3) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function text(buffer) {
  if (!buffer) return null;
  let binary = '';
  for (const b of new Uint8Array(buffer)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The server's request options with their binary fields as bytes. */
function requestOptions(json) {
  const options = JSON.parse(json);
  const key = options.publicKey;
  key.challenge = bytes(key.challenge);
  for (const credential of key.allowCredentials || []) credential.id = bytes(credential.id);
  // Said as null when the server leaves it to the browser; the browser takes no null.
  if (options.mediation == null) delete options.mediation;
  return options;
}

/** The browser's credential as the server reads it. */
function answer(credential) {
  const r = credential.response;
  return JSON.stringify({
    id: credential.id,
    rawId: text(credential.rawId),
    type: credential.type,
    response: {
      authenticatorData: text(r.authenticatorData),
      clientDataJSON: text(r.clientDataJSON),
      signature: text(r.signature),
      userHandle: text(r.userHandle),
    },
    extensions: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
  });
}

for (const form of document.querySelectorAll('[data-passkey]')) {
  const button = form.querySelector('button');
  const status = form.querySelector('[data-passkey-status]');
  const alert = form.querySelector('[role="alert"]');
  const say = (message) => {
    alert.replaceChildren();
    if (!message) return;
    const p = document.createElement('p');
    p.className = 'rounded-md border border-red-300 bg-red-50 px-4 py-3 font-semibold text-red-900';
    p.textContent = message;
    alert.appendChild(p);
  };
  button.addEventListener('click', async () => {
    if (!window.PublicKeyCredential) {
      say(form.dataset.unsupported);
      return;
    }
    button.disabled = true;
    say('');
    status.textContent = form.dataset.waiting;
    try {
      const asked = await fetch(`/api/fn/${form.dataset.passkey}`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: '',
      });
      if (!asked.ok) throw new Error(`options: ${asked.status}`);
      const challenge = await asked.json();
      const options = typeof challenge === 'string' ? challenge : challenge.options;
      const credential = await navigator.credentials.get(requestOptions(options));
      if (!credential) throw new Error('no credential');
      if (typeof challenge !== 'string') form.elements.token.value = challenge.token;
      form.elements.credential.value = answer(credential);
      form.submit();
    } catch {
      status.textContent = '';
      button.disabled = false;
      say(form.dataset.cancelled);
    }
  });
}
