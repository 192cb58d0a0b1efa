//! Configuration from the environment. Every setting is listed in the README.

use app::db::DbUrl;

/// Where the embedded default keeps its database.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/gatehouse.db";

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: DbUrl,
    pub pool_size: usize,
    /// Development conveniences: the component gallery now, the development mailbox later.
    pub dev_mode: bool,
    /// Load the demo directory into an empty database at start.
    pub demo_data: bool,
    pub log_json: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("DATABASE_URL: {0}")]
    DatabaseUrl(String),
    #[error("{name} must be {expected}, not \"{value}\"")]
    Invalid { name: &'static str, expected: &'static str, value: String },
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

fn flag(name: &'static str) -> Result<bool, ConfigError> {
    match var(name).as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("0" | "false" | "no" | "off") => Ok(false),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some(other) => Err(ConfigError::Invalid { name, expected: "true or false", value: other.to_string() }),
    }
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        let database_url = DbUrl::parse(&var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()))
            .map_err(ConfigError::DatabaseUrl)?;
        let pool_size = match var("GATEHOUSE_DB_POOL_SIZE") {
            None => 16,
            Some(v) => v.parse().ok().filter(|n| (1..=512).contains(n)).ok_or(ConfigError::Invalid {
                name: "GATEHOUSE_DB_POOL_SIZE",
                expected: "a number from 1 to 512",
                value: v,
            })?,
        };
        Ok(Config {
            database_url,
            pool_size,
            dev_mode: flag("GATEHOUSE_DEV")?,
            demo_data: flag("GATEHOUSE_DEMO_DATA")?,
            log_json: var("GATEHOUSE_LOG_FORMAT").is_some_and(|v| v == "json"),
        })
    }
}
