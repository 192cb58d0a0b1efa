//! Argon2id password hashing off the async runtime, on a fixed set of threads: a burst of
//! sign-ins queues for the CPU instead of starving every other request. Fixed threads rather
//! than tokio's blocking pool, because each thread keeps the 19 MiB of its last hash while
//! sign-ins keep coming: on a pool that grows to dozens of threads, that was hundreds of MB
//! under load. A thread that has had no job for `IDLE_RELEASE` gives its memory back.
//!
//! The queue is bounded: a job needs a slot (`admit`), and there are only so many, and only a
//! few per client address. Without a slot the answer is `AppError::Busy` (503, Retry-After)
//! at once, rather than a wait without limit that one client could make everyone share.

use std::{
    cell::RefCell,
    collections::HashMap,
    sync::{
        atomic::{AtomicUsize, Ordering},
        mpsc, Arc, Mutex, OnceLock,
    },
    time::Duration,
};

use argon2::{
    password_hash::{self, Output, ParamsString, Salt, SaltString},
    Algorithm, Argon2, Block, Params, PasswordHash, Version,
};

use crate::error::AppError;

type Job = Box<dyn FnOnce() + Send>;

thread_local! {
    /// This hashing thread's Argon2 memory (19 MiB), kept from one hash to the next while
    /// sign-ins keep coming. The argon2 crate's own calls allocate and free it each time, and
    /// after a burst of sign-ins glibc's allocator held some 100 MB per thread that way
    /// (issue 14's sign-in benchmark).
    static BLOCKS: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
    /// How much of it the hasher's count holds for this thread.
    static KEPT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How long a hashing thread keeps its memory without a job: through a burst of sign-ins it
/// is reused, and an idle server does not hold 19 MiB of zeros per core (issue 14's idle
/// memory). glibc gives a freed block this large back to the system only with its threshold
/// for large blocks pinned, which `gatehouse serve` sees to (`server/src/allocator.rs`).
const IDLE_RELEASE: Duration = Duration::from_secs(2);

/// The Argon2 output for `password` and `salt`, as `argon2`'s `PasswordHasher` computes it
/// (the salt's Base64 decoded, the output as long as the parameters say), in this thread's
/// kept memory.
fn output(argon: &Argon2, params: &Params, password: &[u8], salt: Salt) -> password_hash::Result<Output> {
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_bytes)?;
    let len = params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN);
    BLOCKS.with_borrow_mut(|blocks| {
        if blocks.len() < params.block_count() {
            blocks.resize(params.block_count(), Block::default());
        }
        let output = Output::init_with(len, |out| {
            Ok(argon.hash_password_into_with_memory(password, salt_bytes, out, &mut blocks[..])?)
        });
        // The memory stays with the thread: it keeps no trace of this password until the next.
        blocks.fill(Block::default());
        output
    })
}

/// A new PHC string (`$argon2id$v=19$m=…`) for `password`, exactly as `hash_password` makes.
fn phc_hash(params: &Params, password: &[u8], salt: &SaltString) -> password_hash::Result<String> {
    let argon = PasswordHasher::argon2(params.clone());
    let salt = salt.as_salt();
    let hash = output(&argon, params, password, salt)?;
    Ok(PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(params)?,
        salt: Some(salt),
        hash: Some(hash),
    }
    .to_string())
}

/// Whether `password` gives `stored`'s output, with `stored`'s own algorithm, version and
/// parameters (older hashes keep theirs), as `verify_password` decides; the outputs are
/// compared in constant time (`Output`'s equality).
fn phc_verify(stored: &PasswordHash, password: &[u8]) -> password_hash::Result<bool> {
    let (Some(salt), Some(expected)) = (stored.salt, stored.hash) else {
        return Ok(false);
    };
    let algorithm = Algorithm::try_from(stored.algorithm)?;
    let version = stored.version.map(Version::try_from).transpose()?.unwrap_or_default();
    let params = Params::try_from(stored)?;
    let argon = Argon2::new(algorithm, version, params.clone());
    Ok(output(&argon, &params, password, salt)? == expected)
}

#[derive(Clone)]
pub struct PasswordHasher {
    jobs: mpsc::Sender<Job>,
    params: Params,
    slots: Arc<Slots>,
    /// Bytes of Argon2 memory the threads keep between jobs.
    held: Arc<AtomicUsize>,
}

/// How many jobs may wait or run, in all and per client address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HashLimits {
    pub total: usize,
    pub per_client: usize,
}

impl Default for HashLimits {
    /// About one second of work in all on two cores (a job takes ~27 ms a core), and a few
    /// jobs per client: a school behind one address still signs in many teachers at once.
    fn default() -> Self {
        HashLimits { total: 64, per_client: 4 }
    }
}

/// Seconds a refused client is asked to wait: about how long the queue takes to drain.
const RETRY_AFTER: u32 = 1;

struct Slots {
    limits: HashLimits,
    /// Jobs admitted and not finished, in all and by client address.
    held: Mutex<(usize, HashMap<String, usize>)>,
}

/// The right to queue hashing jobs, one at a time, for one request; given back when dropped.
pub struct HashSlot {
    hasher: PasswordHasher,
    client: String,
}

impl Drop for HashSlot {
    fn drop(&mut self) {
        let Ok(mut held) = self.hasher.slots.held.lock() else { return };
        held.0 = held.0.saturating_sub(1);
        if let Some(n) = held.1.get_mut(&self.client) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                held.1.remove(&self.client);
            }
        }
    }
}

impl HashSlot {
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        self.hasher.hash(password).await
    }

    pub async fn verify(&self, hash: Option<String>, password: String) -> Result<bool, AppError> {
        self.hasher.verify(hash, password).await
    }
}

/// Counts the change in this thread's kept memory into `held`.
fn account(held: &AtomicUsize) {
    let now = BLOCKS.with_borrow(|blocks| blocks.capacity() * std::mem::size_of::<Block>());
    let before = KEPT.replace(now);
    held.fetch_add(now, Ordering::Relaxed);
    held.fetch_sub(before, Ordering::Relaxed);
}

/// `n` threads taking jobs from one queue; they end when every sender is gone. `held` counts
/// the memory they keep between jobs.
fn workers(n: usize, held: Arc<AtomicUsize>) -> mpsc::Sender<Job> {
    let (sender, receiver) = mpsc::channel::<Job>();
    let receiver = Arc::new(Mutex::new(receiver));
    for i in 0..n {
        let (receiver, held) = (receiver.clone(), held.clone());
        let spawned = std::thread::Builder::new().name(format!("argon2-{i}")).spawn(move || loop {
            // A timeout rather than a wait for ever: each thread in turn holds the queue's lock
            // while it waits, and each must come round to give its memory back.
            let job = match receiver.lock() {
                Ok(queue) => queue.recv_timeout(IDLE_RELEASE),
                Err(_) => return,
            };
            match job {
                // A panicking job drops its answer channel (the caller sees an error); the
                // thread goes on with the next.
                Ok(job) => drop(std::panic::catch_unwind(std::panic::AssertUnwindSafe(job))),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    BLOCKS.with_borrow_mut(|blocks| *blocks = Vec::new());
                    account(&held);
                    // Out of the lock a moment, so that a thread waiting for it gets its turn
                    // rather than this one taking it straight back.
                    std::thread::sleep(Duration::from_millis(1));
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        });
        if let Err(e) = spawned {
            tracing::error!(error = %e, "could not start a password hashing thread");
        }
    }
    sender
}

impl PasswordHasher {
    /// OWASP's Argon2id baseline: 19 MiB, 2 passes, 1 lane.
    pub fn new(concurrency: usize, limits: HashLimits) -> Self {
        // The argon2 crate's defaults are that baseline: 19 MiB, t=2, p=1.
        let params = Params::DEFAULT;
        let slots = Arc::new(Slots { limits, held: Mutex::new((0, HashMap::new())) });
        let held = Arc::new(AtomicUsize::new(0));
        PasswordHasher { jobs: workers(concurrency.max(1), held.clone()), params, slots, held }
    }

    /// Bytes of Argon2 memory the hashing threads keep now (for the benchmark's figures).
    pub fn kept_memory(&self) -> usize {
        self.held.load(Ordering::Relaxed)
    }

    /// Jobs admitted and not yet finished (waiting or running), for the metrics.
    pub fn jobs(&self) -> usize {
        self.slots.held.lock().map(|held| held.0).unwrap_or(0)
    }

    /// One hashing job per core.
    pub fn per_core(limits: HashLimits) -> Self {
        Self::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2), limits)
    }

    /// A slot in the queue for a job on behalf of `client` (its address), or `Busy`.
    pub fn admit(&self, client: &str) -> Result<HashSlot, AppError> {
        let mut held = self.slots.held.lock().map_err(|_| AppError::Internal)?;
        let limits = self.slots.limits;
        let mine = held.1.get(client).copied().unwrap_or(0);
        if held.0 >= limits.total || mine >= limits.per_client {
            metrics::counter!("gatehouse_password_hash_refused_total").increment(1);
            return Err(AppError::Busy { retry_after: RETRY_AFTER });
        }
        held.0 += 1;
        *held.1.entry(client.to_string()).or_insert(0) += 1;
        Ok(HashSlot { hasher: self.clone(), client: client.to_string() })
    }

    fn argon2(params: Params) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }

    async fn blocking<T: Send + 'static>(&self, job: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let held = self.held.clone();
        let job = move || {
            let out = job();
            account(&held);
            drop(answer.send(out))
        };
        self.jobs.send(Box::new(job)).map_err(|_| AppError::Unavailable)?;
        answered.await.map_err(|_| {
            tracing::error!("password hashing job failed");
            AppError::Internal
        })
    }

    async fn hash(&self, password: String) -> Result<String, AppError> {
        let params = self.params.clone();
        self.blocking(move || {
            let salt = SaltString::encode_b64(&super::random_bytes::<16>()).map_err(|_| AppError::Internal)?;
            phc_hash(&params, password.as_bytes(), &salt).map_err(|e| {
                tracing::error!(error = %e, "argon2 hash failed");
                AppError::Internal
            })
        })
        .await?
    }

    /// Whether `password` matches `hash`. With no hash (unknown user, no password set) a
    /// dummy hash is checked, so the answer takes as long either way.
    async fn verify(&self, hash: Option<String>, password: String) -> Result<bool, AppError> {
        let params = self.params.clone();
        self.blocking(move || {
            let stored = hash.as_deref().unwrap_or_else(|| dummy_hash(&params));
            let Ok(parsed) = PasswordHash::new(stored) else {
                tracing::error!("a stored password hash does not parse");
                return false;
            };
            phc_verify(&parsed, password.as_bytes()).unwrap_or(false) && hash.is_some()
        })
        .await
    }
}

fn dummy_hash(params: &Params) -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let hashed = SaltString::encode_b64(b"gatehouse-dummy!").ok().and_then(|salt| {
            argon2::PasswordHasher::hash_password(&PasswordHasher::argon2(params.clone()), b"not a password", &salt)
                .map(|h| h.to_string())
                .ok()
        });
        // Hashing a constant does not fail; if it ever did, unknown usernames would answer
        // faster, never wrongly (an empty hash matches nothing).
        hashed.unwrap_or_else(|| {
            tracing::error!("could not make the dummy password hash");
            String::new()
        })
    })
}

#[cfg(test)]
mod tests {
    use argon2::{PasswordHasher as _, PasswordVerifier};

    use super::*;

    /// The kept-memory path and the argon2 crate's own calls make and accept the same strings,
    /// so hashes stored before it still sign in, and the ones it makes are standard.
    #[test]
    fn kept_memory_hashes_match_the_crates_own() {
        let salt = SaltString::encode_b64(b"sixteen byte slt").expect("salt");
        let params = Params::DEFAULT;
        let ours = phc_hash(&params, b"Tz9!mQ2#vbLp", &salt).expect("hash");
        let crates = PasswordHasher::argon2(params.clone()).hash_password(b"Tz9!mQ2#vbLp", &salt).expect("hash");
        assert_eq!(ours, crates.to_string());
        let parsed = PasswordHash::new(&ours).expect("parses");
        assert!(PasswordHasher::argon2(params).verify_password(b"Tz9!mQ2#vbLp", &parsed).is_ok());
        assert!(phc_verify(&parsed, b"Tz9!mQ2#vbLp").expect("verify"));
        assert!(!phc_verify(&parsed, b"Tz9!mQ2#vbLq").expect("verify"));
        // A hash made with other parameters (smaller memory, three passes) keeps them; the
        // thread's memory, grown for the larger one, serves the smaller too.
        let older_params = Params::new(4096, 3, 1, None).expect("params");
        let older = PasswordHasher::argon2(older_params).hash_password(b"old one", &salt).expect("hash").to_string();
        let older = PasswordHash::new(&older).expect("parses");
        assert!(phc_verify(&older, b"old one").expect("verify"));
        assert!(!phc_verify(&older, b"old two").expect("verify"));
    }

    /// A thread keeps its 19 MiB from one sign-in to the next, and gives it back once it has
    /// had nothing to do for `IDLE_RELEASE`.
    #[tokio::test]
    async fn an_idle_hashing_thread_gives_its_memory_back() {
        const MIB: usize = 1024 * 1024;
        let hasher = PasswordHasher::new(1, HashLimits::default());
        assert_eq!(hasher.kept_memory(), 0);
        let hash = hasher.admit("test").expect("slot").hash("Tz9!mQ2#vbLp".into()).await.expect("hash");
        assert_eq!(hasher.kept_memory(), 19 * MIB, "kept for the next");
        let slot = hasher.admit("test").expect("slot");
        assert!(slot.verify(Some(hash), "Tz9!mQ2#vbLp".into()).await.expect("verify"));
        assert_eq!(hasher.kept_memory(), 19 * MIB, "reused, not grown");
        tokio::time::sleep(IDLE_RELEASE + Duration::from_millis(500)).await;
        assert_eq!(hasher.kept_memory(), 0, "given back when idle");
    }
}
