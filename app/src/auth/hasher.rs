//! Argon2id password hashing off the async runtime, a bounded number at a time: a burst of
//! sign-ins queues for the CPU instead of starving every other request.

use std::sync::{Arc, OnceLock};

use argon2::{password_hash::SaltString, Algorithm, Argon2, Params, PasswordHash, PasswordVerifier, Version};
use tokio::sync::Semaphore;

use crate::error::AppError;

#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    params: Params,
}

impl PasswordHasher {
    /// OWASP's Argon2id baseline: 19 MiB, 2 passes, 1 lane.
    pub fn new(concurrency: usize) -> Self {
        let params = Params::new(19 * 1024, 2, 1, None).expect("constant Argon2 parameters are valid");
        PasswordHasher { permits: Arc::new(Semaphore::new(concurrency.max(1))), params }
    }

    /// One hashing job per core.
    pub fn per_core() -> Self {
        Self::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2))
    }

    fn argon2(params: Params) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }

    async fn blocking<T: Send + 'static>(&self, job: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
        let _permit = self.permits.acquire().await.map_err(|_| AppError::Unavailable)?;
        tokio::task::spawn_blocking(job).await.map_err(|e| {
            tracing::error!(error = %e, "password hashing task failed");
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
        let salt = SaltString::encode_b64(b"gatehouse-dummy!").expect("16 bytes encode");
        argon2::PasswordHasher::hash_password(&PasswordHasher::argon2(params.clone()), b"not a password", &salt)
            .map(|h| h.to_string())
            .expect("hashing a constant works")
    })
}
