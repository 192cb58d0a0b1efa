// The CAPTCHA's proof of work on a light page (app/src/light.rs), without the app's wasm: the
// same puzzle as `accounts::captcha` in Rust. The server signs a challenge; the answer is a
// number n such that SHA-256 of "{salt}:{n}" starts with `bits` zero bits. The search runs in
// workers (this same file), off the page's thread, split between up to four of them: any n
// that does the work is accepted, so each takes every k-th number and the first to find one
// wins. The digests are the browser's own (crypto.subtle), which runs natively even where
// scripts are interpreted (a browser with its JIT off).
'use strict';

/** How many zero bits `digest` (bytes) starts with. */
function zeroBits(digest) {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** The first n of start, start + step, start + 2·step… that answers (salt, bits). Numbers are
 * hashed a batch at a time: the digests of a batch run at once, and are read in order, so that
 * with step 1 the answer is the smallest, as Rust's `accounts::solve` finds it. */
async function solve(salt, bits, start = 0, step = 1) {
  const encoder = new TextEncoder();
  const batch = 256;
  for (let first = start; ; first += step * batch) {
    const numbers = [];
    for (let i = 0; i < batch; i++) numbers.push(first + i * step);
    const digests = await Promise.all(
      numbers.map((n) => crypto.subtle.digest('SHA-256', encoder.encode(`${salt}:${n}`))),
    );
    for (let i = 0; i < batch; i++) {
      if (zeroBits(new Uint8Array(digests[i])) >= bits) return numbers[i];
    }
  }
}

/** The challenge answered by workers of this file, the first answer taken. */
function solveInWorkers(src, salt, bits) {
  const count = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
  return new Promise((resolve, reject) => {
    const workers = [];
    const stop = () => workers.forEach((w) => w.terminate());
    for (let i = 0; i < count; i++) {
      const worker = new Worker(src);
      worker.onmessage = (event) => {
        stop();
        resolve(event.data);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        stop();
        reject(new Error('worker failed'));
      };
      worker.postMessage({ salt, bits, start: i, step: count });
      workers.push(worker);
    }
  });
}

/** The page: solves a fresh challenge for each `[data-captcha]` field's form, and holds a
 * submission back until its answer is in (then sends it). */
function page(src) {
  for (const field of document.querySelectorAll('[data-captcha]')) {
    const input = field.querySelector('input[name="captcha"]');
    const status = field.querySelector('[data-testid="captcha-status"]');
    const form = input && input.form;
    if (!form || !status) continue;
    const text = status.querySelector('[data-captcha-text]') || status;
    const done = (async () => {
      const answer = await fetch('/api/fn/new_captcha', { headers: { Accept: 'application/json' } });
      if (!answer.ok) throw new Error(`challenge: ${answer.status}`);
      const challenge = await answer.json();
      const n = await solveInWorkers(src, challenge.salt, challenge.bits);
      input.value = `${challenge.token}:${n}`;
      text.textContent = status.dataset.done;
      status.dataset.solved = 'true';
      const dot = status.querySelector('span[aria-hidden]');
      if (dot) dot.classList.replace('bg-slate-400', 'bg-green-700');
    })().catch(() => {
      text.textContent = status.dataset.failed;
    });
    let waiting = false;
    form.addEventListener('submit', (event) => {
      if (input.value) return;
      event.preventDefault();
      if (waiting) return;
      waiting = true;
      done.then(() => {
        waiting = false;
        if (input.value) form.submit();
      });
    });
  }
}

if (typeof module === 'object' && module.exports) {
  // Node, in the test that checks this solver against Rust's.
  module.exports = { solve, zeroBits };
} else if (typeof document === 'undefined') {
  self.onmessage = async (event) => {
    const { salt, bits, start, step } = event.data;
    self.postMessage(await solve(salt, bits, start, step));
  };
} else {
  page(document.currentScript.src);
}
