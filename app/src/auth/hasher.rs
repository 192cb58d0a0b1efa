//! Argon2id password hashing off the async runtime, on a fixed set of threads: a burst of
//! sign-ins queues for the CPU instead of starving every other request. Fixed threads rather
//! than tokio's blocking pool, because each thread's allocator keeps the 19 MiB of its last
//! hash: on a pool that grows to dozens of threads, that was hundreds of MB under load.

use std::sync::{mpsc, Arc, Mutex, OnceLock};

use argon2::{password_hash::SaltString, Algorithm, Argon2, Params, PasswordHash, PasswordVerifier, Version};

use crate::error::AppError;

type Job = Box<dyn FnOnce() + Send>;

#[derive(Clone)]
pub struct PasswordHasher {
    jobs: mpsc::Sender<Job>,
    params: Params,
}

/// `n` threads taking jobs from one queue; they end when every sender is gone.
fn workers(n: usize) -> mpsc::Sender<Job> {
    let (sender, receiver) = mpsc::channel::<Job>();
    let receiver = Arc::new(Mutex::new(receiver));
    for i in 0..n {
        let receiver = receiver.clone();
        let spawned = std::thread::Builder::new().name(format!("argon2-{i}")).spawn(move || loop {
            let job = match receiver.lock() {
                Ok(queue) => queue.recv(),
                Err(_) => return,
            };
            match job {
                // A panicking job drops its answer channel (the caller sees an error); the
                // thread goes on with the next.
                Ok(job) => drop(std::panic::catch_unwind(std::panic::AssertUnwindSafe(job))),
                Err(_) => return,
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
    pub fn new(concurrency: usize) -> Self {
        // The argon2 crate's defaults are that baseline: 19 MiB, t=2, p=1.
        let params = Params::DEFAULT;
        PasswordHasher { jobs: workers(concurrency.max(1)), params }
    }

    /// One hashing job per core.
    pub fn per_core() -> Self {
        Self::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2))
    }

    fn argon2(params: Params) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }

    async fn blocking<T: Send + 'static>(&self, job: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        self.jobs.send(Box::new(move || drop(answer.send(job())))).map_err(|_| AppError::Unavailable)?;
        answered.await.map_err(|_| {
            tracing::error!("password hashing job failed");
            AppError::Internal
        })
    }

    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        let params = self.params.clone();
        self.blocking(move || {
            let salt = SaltString::encode_b64(&super::random_bytes::<16>()).map_err(|_| AppError::Internal)?;
            argon2::PasswordHasher::hash_password(&Self::argon2(params), password.as_bytes(), &salt)
                .map(|h| h.to_string())
                .map_err(|e| {
                    tracing::error!(error = %e, "argon2 hash failed");
                    AppError::Internal
                })
        })
        .await?
    }

    /// Whether `password` matches `hash`. With no hash (unknown user, no password set) a
    /// dummy hash is checked, so the answer takes as long either way.
    pub async fn verify(&self, hash: Option<String>, password: String) -> Result<bool, AppError> {
        let params = self.params.clone();
        self.blocking(move || {
            let stored = hash.as_deref().unwrap_or_else(|| dummy_hash(&params));
            let Ok(parsed) = PasswordHash::new(stored) else {
                tracing::error!("a stored password hash does not parse");
                return false;
            };
            Self::argon2(params).verify_password(password.as_bytes(), &parsed).is_ok() && hash.is_some()
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
