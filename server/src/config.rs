//! Configuration from the environment. Every setting is listed in the README.

use app::{auth::AuthSettings, db::DbUrl};

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
    /// Where the demo subsystem (a relying party signing in through Gatehouse) listens when
    /// the demo data is on; `None`: not started.
    pub demo_subsystem: Option<std::net::SocketAddr>,
    pub log_json: bool,
    pub auth: AuthSettings,
    pub delivery: DeliverySettings,
    pub metrics: MetricsSettings,
}

/// Where the Prometheus metrics are read: never on the public address without a token.
#[derive(Clone, Debug, Default)]
pub struct MetricsSettings {
    /// A listener of their own (`GATEHOUSE_METRICS_ADDR`), e.g. on loopback or the
    /// monitoring network, answering `GET /metrics`.
    pub address: Option<std::net::SocketAddr>,
    /// `GET /metrics` on the public address with `Authorization: Bearer <token>`
    /// (`GATEHOUSE_METRICS_TOKEN`, at least 32 characters).
    pub token: Option<String>,
}

impl MetricsSettings {
    pub fn enabled(&self) -> bool {
        self.address.is_some() || self.token.is_some()
    }
}

/// How the outbox leaves the building.
#[derive(Clone, Debug)]
pub struct DeliverySettings {
    pub smtp: Option<SmtpSettings>,
    pub sms: Option<SmsSettings>,
    /// How long a server holds a message it is sending before another may try it: longer than
    /// an SMTP or gateway exchange takes, short enough that a crash delays mail by minutes only.
    pub lease_seconds: i64,
}

impl Default for DeliverySettings {
    fn default() -> Self {
        DeliverySettings { smtp: None, sms: None, lease_seconds: 300 }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS (port 587), required.
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on the same host, and for tests.
    None,
}

#[derive(Clone, Debug)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub user: Option<String>,
    pub password: Option<String>,
    /// The From address, e.g. `Gatehouse <no-reply@gatehouse.gov.tw>`.
    pub from: String,
}

#[derive(Clone, Debug)]
pub struct SmsSettings {
    /// The gateway's URL; the message is POSTed to it.
    pub url: String,
    /// The request body, with `{to}` and `{text}` replaced (JSON-escaped when the template
    /// starts with `{`, form-encoded otherwise).
    pub body: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("DATABASE_URL: {0}")]
    DatabaseUrl(String),
    #[error("the secret key: {0}")]
    SecretKey(String),
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
        let database_url = database_url()?;
        let pool_size = number("GATEHOUSE_DB_POOL_SIZE", 16, 1..=512, "a number from 1 to 512")?;
        Ok(Config {
            database_url,
            pool_size,
            dev_mode: flag("GATEHOUSE_DEV")?,
            demo_data: flag("GATEHOUSE_DEMO_DATA")?,
            demo_subsystem: demo_subsystem_address()?,
            log_json: var("GATEHOUSE_LOG_FORMAT").is_some_and(|v| v == "json"),
            auth: auth_settings()?,
            metrics: metrics_settings()?,
            delivery: DeliverySettings {
                smtp: smtp_settings()?,
                sms: sms_settings(),
                lease_seconds: number(
                    "GATEHOUSE_OUTBOX_LEASE_SECONDS",
                    DeliverySettings::default().lease_seconds,
                    1..=86_400,
                    "seconds from 1 to 86400",
                )?,
            },
        })
    }
}

fn number<T: std::str::FromStr + PartialOrd>(
    name: &'static str,
    default: T,
    range: std::ops::RangeInclusive<T>,
    expected: &'static str,
) -> Result<T, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(v) => {
            v.parse().ok().filter(|n| range.contains(n)).ok_or(ConfigError::Invalid { name, expected, value: v })
        }
    }
}

fn metrics_settings() -> Result<MetricsSettings, ConfigError> {
    let address = var("GATEHOUSE_METRICS_ADDR")
        .map(|value| {
            value.parse().map_err(|_| ConfigError::Invalid {
                name: "GATEHOUSE_METRICS_ADDR",
                expected: "an address and port such as 127.0.0.1:9464",
                value,
            })
        })
        .transpose()?;
    let token = var("GATEHOUSE_METRICS_TOKEN");
    if let Some(short) = token.as_ref().filter(|t| t.len() < 32) {
        return Err(ConfigError::Invalid {
            name: "GATEHOUSE_METRICS_TOKEN",
            expected: "at least 32 characters",
            value: "*".repeat(short.len()),
        });
    }
    Ok(MetricsSettings { address, token })
}

/// Where the demo subsystem listens: `GATEHOUSE_DEMO_SUBSYSTEM`, by default
/// `DEFAULT_DEMO_SUBSYSTEM`; `off` turns it off.
fn demo_subsystem_address() -> Result<Option<std::net::SocketAddr>, ConfigError> {
    let value = var("GATEHOUSE_DEMO_SUBSYSTEM").unwrap_or_else(|| DEFAULT_DEMO_SUBSYSTEM.into());
    if value.eq_ignore_ascii_case("off") {
        return Ok(None);
    }
    value.parse().map(Some).map_err(|_| ConfigError::Invalid {
        name: "GATEHOUSE_DEMO_SUBSYSTEM",
        expected: "an address and port such as 127.0.0.1:3001, or off",
        value,
    })
}

/// The demo subsystem's address: another host name than Gatehouse's `localhost`, so that the
/// browser keeps the two sites' cookies apart.
pub const DEFAULT_DEMO_SUBSYSTEM: &str = "127.0.0.1:3001";

fn auth_settings() -> Result<AuthSettings, ConfigError> {
    let d = AuthSettings::default();
    let profile = var("GATEHOUSE_PASSWORD_PROFILE").unwrap_or_else(|| "seed".into());
    let nist_passwords = match profile.as_str() {
        "seed" => false,
        "nist" => true,
        _ => {
            return Err(ConfigError::Invalid {
                name: "GATEHOUSE_PASSWORD_PROFILE",
                expected: "seed or nist",
                value: profile,
            })
        }
    };
    Ok(AuthSettings {
        max_failures: number("GATEHOUSE_LOCKOUT_FAILURES", d.max_failures, 1..=20, "a number from 1 to 20")?,
        lock_seconds: number("GATEHOUSE_LOCKOUT_MINUTES", d.lock_seconds / 60, 1..=1440, "minutes from 1 to 1440")?
            * 60,
        session_idle_seconds: number(
            "GATEHOUSE_SESSION_IDLE_MINUTES",
            d.session_idle_seconds / 60,
            1..=1440,
            "minutes from 1 to 1440",
        )? * 60,
        session_max_seconds: number(
            "GATEHOUSE_SESSION_MAX_HOURS",
            d.session_max_seconds / 3600,
            1..=720,
            "hours from 1 to 720",
        )? * 3600,
        captcha_bits: number("GATEHOUSE_CAPTCHA_BITS", d.captcha_bits, 0..=26, "a number from 0 to 26")?,
        public_url: var("GATEHOUSE_PUBLIC_URL").unwrap_or(d.public_url.clone()).trim_end_matches('/').to_string(),
        nist_passwords,
        trusted_proxies: number("GATEHOUSE_TRUST_PROXY", 0, 0..=10, "the number of proxies in front, 0 to 10")?,
        official_email_domains: var("GATEHOUSE_EMAIL_DOMAINS")
            .map(|v| v.split(',').map(|d| d.trim().to_ascii_lowercase()).filter(|d| !d.is_empty()).collect())
            .unwrap_or(d.official_email_domains.clone()),
        sends_per_client: number(
            "GATEHOUSE_SENDS_PER_CLIENT",
            d.sends_per_client,
            1..=100_000,
            "a number from 1 to 100000",
        )?,
        max_org_admins: number("GATEHOUSE_MAX_ORG_ADMINS", d.max_org_admins, 1..=20, "a number from 1 to 20")?,
        outbox_max_attempts: number(
            "GATEHOUSE_OUTBOX_MAX_ATTEMPTS",
            d.outbox_max_attempts,
            1..=100,
            "a number from 1 to 100",
        )?,
        audit_retention_months: number(
            "GATEHOUSE_AUDIT_RETENTION_MONTHS",
            d.audit_retention_months,
            app::auth::MIN_AUDIT_MONTHS..=120,
            "months from 6 (the baseline's least) to 120",
        )?,
        keys: secret_key()?,
        oidc: oidc_settings()?,
        ..d
    })
}

/// Sign-in with Google or another OpenID Connect provider: on when an issuer is set, which
/// then needs its client id and secret.
fn oidc_settings() -> Result<Option<app::auth::oidc::OidcSettings>, ConfigError> {
    let Some(issuer) = var("GATEHOUSE_OIDC_ISSUER") else {
        return Ok(None);
    };
    let needed = |name: &'static str| {
        var(name).ok_or(ConfigError::Invalid {
            name,
            expected: "set when GATEHOUSE_OIDC_ISSUER is",
            value: String::new(),
        })
    };
    Ok(Some(app::auth::oidc::OidcSettings {
        name: var("GATEHOUSE_OIDC_NAME").unwrap_or_else(|| "Google".into()),
        issuer,
        client_id: needed("GATEHOUSE_OIDC_CLIENT_ID")?,
        client_secret: needed("GATEHOUSE_OIDC_CLIENT_SECRET")?,
        hosted_domains: var("GATEHOUSE_OIDC_HOSTED_DOMAINS")
            .map(|v| v.split(',').map(|d| d.trim().to_ascii_lowercase()).filter(|d| !d.is_empty()).collect())
            .unwrap_or_default(),
    }))
}

fn smtp_settings() -> Result<Option<SmtpSettings>, ConfigError> {
    let Some(host) = var("GATEHOUSE_SMTP_HOST") else {
        return Ok(None);
    };
    let security = match var("GATEHOUSE_SMTP_SECURITY").unwrap_or_else(|| "starttls".into()).as_str() {
        "starttls" => SmtpSecurity::StartTls,
        "tls" => SmtpSecurity::Tls,
        "none" => SmtpSecurity::None,
        other => {
            return Err(ConfigError::Invalid {
                name: "GATEHOUSE_SMTP_SECURITY",
                expected: "starttls, tls or none",
                value: other.into(),
            })
        }
    };
    let default_port = match security {
        SmtpSecurity::StartTls => 587,
        SmtpSecurity::Tls => 465,
        SmtpSecurity::None => 25,
    };
    Ok(Some(SmtpSettings {
        host,
        port: number("GATEHOUSE_SMTP_PORT", default_port, 1..=65535, "a port number")?,
        security,
        user: var("GATEHOUSE_SMTP_USER"),
        password: var("GATEHOUSE_SMTP_PASSWORD"),
        from: var("GATEHOUSE_MAIL_FROM").unwrap_or_else(|| "Gatehouse <no-reply@gatehouse.invalid>".into()),
    }))
}

fn sms_settings() -> Option<SmsSettings> {
    Some(SmsSettings {
        url: var("GATEHOUSE_SMS_URL")?,
        body: var("GATEHOUSE_SMS_BODY").unwrap_or_else(|| r#"{"to":"{to}","text":"{text}"}"#.into()),
    })
}

/// Where the installation's secret key is read from.
pub enum KeyLocation {
    /// `GATEHOUSE_SECRET_KEY`, as given.
    Variable(String),
    /// `GATEHOUSE_SECRET_KEY_FILE`, by default `DEFAULT_KEY_FILE`.
    File(std::path::PathBuf),
}

/// Where the key is, without reading or creating anything (a restore must find no key file).
pub fn key_location() -> KeyLocation {
    match var("GATEHOUSE_SECRET_KEY") {
        Some(hex) => KeyLocation::Variable(hex),
        None => KeyLocation::File(var("GATEHOUSE_SECRET_KEY_FILE").unwrap_or_else(|| DEFAULT_KEY_FILE.into()).into()),
    }
}

/// The database's address, without opening it.
pub fn database_url() -> Result<DbUrl, ConfigError> {
    DbUrl::parse(&var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()))
        .map_err(ConfigError::DatabaseUrl)
}

/// Where the key lives when no variable gives it.
pub const DEFAULT_KEY_FILE: &str = "data/secret.key";

/// The installation's secret key: `GATEHOUSE_SECRET_KEY` (64 hexadecimal digits), else the key
/// file (`GATEHOUSE_SECRET_KEY_FILE`, by default `data/secret.key`), which is created with a
/// new random key the first time. Several processes starting at once agree on one file: it is
/// written aside and linked into place only if absent.
fn secret_key() -> Result<app::auth::Keys, ConfigError> {
    use app::auth::Keys;
    if let KeyLocation::File(path) = key_location() {
        if !path.exists() {
            create_key_file(&path)?;
        }
    }
    let hex = existing_key()?.ok_or_else(|| ConfigError::SecretKey("the key file is gone".into()))?;
    Keys::from_hex(&hex).ok_or_else(|| ConfigError::SecretKey("not 64 hexadecimal digits".into()))
}

/// The key where the settings say, in hex, without creating it (a backup copies it as it is);
/// `None` when its file does not exist yet.
pub fn existing_key() -> Result<Option<String>, ConfigError> {
    let hex = match key_location() {
        KeyLocation::Variable(hex) => hex,
        KeyLocation::File(path) if !path.exists() => return Ok(None),
        KeyLocation::File(path) => {
            std::fs::read_to_string(&path).map_err(|e| ConfigError::SecretKey(format!("{}: {e}", path.display())))?
        }
    };
    let hex = hex.trim().to_string();
    match app::auth::Keys::from_hex(&hex) {
        Some(_) => Ok(Some(hex)),
        None => Err(ConfigError::SecretKey(match key_location() {
            KeyLocation::Variable(_) => "GATEHOUSE_SECRET_KEY must be 64 hexadecimal digits".into(),
            KeyLocation::File(path) => format!("{} must hold 64 hexadecimal digits", path.display()),
        })),
    }
}

/// Writes a new random key to `path`. Several processes starting at once agree on one file:
/// it is written aside and linked into place only if absent.
fn create_key_file(path: &std::path::Path) -> Result<(), ConfigError> {
    let io = |e: std::io::Error| ConfigError::SecretKey(format!("{}: {e}", path.display()));
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let aside = path.with_extension(format!("new-{}", std::process::id()));
    write_private(&aside, &app::auth::Keys::new_hex()).map_err(io)?;
    match std::fs::hard_link(&aside, path) {
        Ok(()) => {
            tracing::warn!(path = %path.display(), "created a new secret key: keep it with the database's backups")
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(io(e)),
    }
    let _ = std::fs::remove_file(&aside);
    Ok(())
}

/// Writes `text` to a new file only its owner may read.
pub fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())
}
