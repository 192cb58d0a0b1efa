// The CAPTCHA's proof of work on a light page (app/src/light.rs), without the app's wasm: the
// same puzzle as `accounts::captcha` in Rust. The server signs a challenge; the answer is a
// number n such that SHA-256 of "{salt}:{n}" starts with `bits` zero bits.
//
// The search runs in workers (this same file), off the page's thread, split between up to
// four of them: any n that does the work is accepted, so each takes every k-th number and the
// first to find one wins. It runs in the solver's own wasm of a few kilobytes (solver/, the
// same Rust the server checks with; about 40 times as fast as the browser's digest), compiled
// once by the page and handed to each worker. Where WebAssembly does not exist (a browser with
// its JIT off) the browser's own digest (crypto.subtle) does the same search.
//
// The page carries its first challenge (data-token, data-salt, data-bits), so solving starts
// as soon as this script runs; a challenge asked for later comes from /api/fn/new_captcha.
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

/** The first n of start, start + step, start + 2·step… that answers (salt, bits), by the
 * browser's digest. Numbers are hashed a batch at a time: the digests of a batch run at once,
 * and are read in order, so that with step 1 the answer is the smallest, as Rust's finds it. */
async function solveByDigest(salt, bits, start = 0, step = 1) {
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

/** The same search in the solver's wasm (`module`, compiled): its `find` tries a round of
 * numbers at a time and answers -1 when none of them does. */
async function solveByWasm(module, salt, bits, start = 0, step = 1) {
  const { exports } = await WebAssembly.instantiate(module);
  const bytes = new TextEncoder().encode(salt);
  new Uint8Array(exports.memory.buffer, exports.salt_buffer(), bytes.length).set(bytes);
  const round = 1 << 20;
  for (let first = start; ; first += step * round) {
    const n = exports.find(bytes.length, bits, first, step, round);
    if (n >= 0) return n;
  }
}

/** The solver's wasm compiled, or null where there is no WebAssembly or it cannot be had. */
async function compileSolver(href) {
  if (!href || typeof WebAssembly !== 'object') return null;
  try {
    return await WebAssembly.compileStreaming(fetch(href));
  } catch {
    return null;
  }
}

/** The challenge answered by workers of this file, the first answer taken. */
function solveInWorkers(src, module, salt, bits) {
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
      worker.postMessage({ module, salt, bits, start: i, step: count });
      workers.push(worker);
    }
  });
}

/** The page: solves a challenge for each `[data-captcha]` field's form, and holds a submission
 * back until its answer is in (then sends it). An answer whose challenge is about to expire,
 * or that a page restored from the back-forward cache may already have used, is replaced by
 * a fresh one before the form goes. */
function page(src) {
  for (const field of document.querySelectorAll('[data-captcha]')) {
    const input = field.querySelector('input[name="captcha"]');
    const status = field.querySelector('[data-testid="captcha-status"]');
    const form = input && input.form;
    if (!form || !status) continue;
    const text = status.querySelector('[data-captcha-text]') || status;
    const dot = status.querySelector('span[aria-hidden]');
    const solver = compileSolver(field.dataset.solver);
    // Seconds a challenge lasts; a minute is kept in hand for typing and the trip.
    const lasts = (Number(field.dataset.seconds) || 600) - 60;
    let embedded = field.dataset.token
      ? { token: field.dataset.token, salt: field.dataset.salt, bits: Number(field.dataset.bits) }
      : null;
    let issuedAt = 0;

    async function challenge() {
      if (embedded) {
        const c = embedded;
        embedded = null;
        return c;
      }
      issuedAt = performance.now();
      const answer = await fetch('/api/fn/new_captcha', { headers: { Accept: 'application/json' } });
      if (!answer.ok) throw new Error(`challenge: ${answer.status}`);
      return answer.json();
    }

    function show(solved) {
      status.dataset.solved = String(solved);
      if (dot) dot.classList.replace(solved ? 'bg-slate-400' : 'bg-green-700', solved ? 'bg-green-700' : 'bg-slate-400');
    }

    async function round() {
      input.value = '';
      show(false);
      const c = await challenge();
      const n = await solveInWorkers(src, await solver, c.salt, c.bits);
      input.value = `${c.token}:${n}`;
      text.textContent = status.dataset.done;
      show(true);
    }

    let done = null;
    function start() {
      done = round().catch(() => {
        text.textContent = status.dataset.failed;
      });
    }
    start();
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) start();
    });

    let waiting = false;
    form.addEventListener('submit', (event) => {
      const stale = performance.now() - issuedAt > lasts * 1000;
      if (input.value && !stale) return;
      event.preventDefault();
      if (waiting) return;
      waiting = true;
      if (stale && input.value) start();
      const submitter = event.submitter;
      done.then(() => {
        waiting = false;
        // Sent as a submission of its own, which the page's one-submission guard sees.
        if (input.value) form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
      });
    });
  }
}

if (typeof module === 'object' && module.exports) {
  // Node, in the test that checks both searches against Rust's.
  module.exports = { solveByDigest, solveByWasm, zeroBits };
} else if (typeof document === 'undefined') {
  self.onmessage = async (event) => {
    const { module, salt, bits, start, step } = event.data;
    const n = module ? await solveByWasm(module, salt, bits, start, step) : await solveByDigest(salt, bits, start, step);
    self.postMessage(n);
  };
} else {
  // Added by a hydrated page where there is no WebAssembly (app/src/shell.rs), it may run
  // before the page is parsed.
  const src = document.currentScript.src;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => page(src));
  else page(src);
}
