//! Before a process uses the secret key on a database: the key must be the one the data was
//! written with, and secrets stored before sealing existed are sealed now.

use super::Keys;
use crate::{
    db::{factors, now, secrets, sessions, write_transaction, DbPool},
    error::AppError,
};

const CHECK: &str = "secret_key_check";

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "this database was written with another secret key: start with the key it was written with \
         (GATEHOUSE_SECRET_KEY or GATEHOUSE_SECRET_KEY_FILE); every server of one database needs the same key"
    )]
    WrongKey,
    #[error("{0}")]
    Database(#[from] AppError),
}

/// Checks `keys` against the database (the first process to run records its check value),
/// then seals any authenticator secret still stored in plain text. Idempotent; several
/// processes may run it at once.
pub async fn prepare(pool: &DbPool, keys: &Keys) -> Result<usize, KeyError> {
    let keys = keys.clone();
    let sealed = pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                if secrets::get_or_create(conn, CHECK, &keys.check_value(), now())? != keys.check_value() {
                    return Ok(Err(KeyError::WrongKey));
                }
                let plain = factors::unsealed_totp(conn)?;
                for (id, owner, secret) in &plain {
                    let sealed = keys.seal(*owner, secret).ok_or(AppError::Internal)?;
                    factors::set_secret(conn, *id, &sealed)?;
                }
                // Secrets offered on a binding page and never confirmed: offered again.
                sessions::clear_unsealed_pending(conn)?;
                Ok(Ok(plain.len()))
            })
        })
        .await??;
    if sealed > 0 {
        tracing::info!(sealed, "authenticator secrets sealed with the secret key");
    }
    Ok(sealed)
}
