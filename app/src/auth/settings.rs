//! Account settings. Defaults are the seeds' (3 failures lock for 15 minutes); each one is an
//! environment variable listed in the README.

use crate::password::PasswordPolicy;

#[derive(Clone, Debug)]
pub struct AuthSettings {
    /// Consecutive failures that lock an account (the national baseline allows up to 5).
    pub max_failures: u32,
    pub lock_seconds: i64,
    /// A session unused this long ends.
    pub session_idle_seconds: i64,
    /// A session ends this long after sign-in, however busy.
    pub session_max_seconds: i64,
    /// Proof-of-work difficulty of the CAPTCHA: about 2^bits hashes.
    pub captcha_bits: u32,
    pub captcha_seconds: i64,
    /// Where users reach us, for links in mail; `https://` also makes the cookie `Secure`.
    pub public_url: String,
    /// 忘記密碼 codes: lifetime and wrong tries before the code is void.
    pub reset_code_seconds: i64,
    pub code_attempts: i32,
    /// The one-time link that `create-admin` prints.
    pub set_password_link_seconds: i64,
    /// `seed` (the old systems' rules, the default) or `nist` (SP 800-63B).
    pub nist_passwords: bool,
    /// How many proxies of ours stand in front: the client address is then the entry that
    /// many from the right of `X-Forwarded-For` (entries further left are the client's own
    /// say). 0 (the default): the connection's address, and the header is ignored.
    pub trusted_proxies: usize,
    /// Mail and SMS a person can ask for (忘記密碼, 忘記帳號, an application's codes): at most
    /// this many per recipient (account, address or number) and per client address in each
    /// window. The per-client share is generous because a whole school applies from behind one
    /// address on its sign-up day (60 teachers send 120 codes); the per-recipient one is what
    /// keeps a mailbox or a phone from being flooded.
    pub sends_per_recipient: i32,
    pub sends_per_client: i32,
    pub send_window_seconds: i64,
    /// Account applications (SPEC §2): the domains an official email may be at (or under),
    /// how long the codes sent to the email and mobile live, and the most admins an
    /// organization may have.
    pub official_email_domains: Vec<String>,
    pub application_code_seconds: i64,
    pub max_org_admins: i64,
    /// Password hashing jobs that may wait or run, in all and per client address.
    pub hash_limits: super::hasher::HashLimits,
    /// Tries at delivering one message before the outbox gives up on it and shows it to the
    /// central authority (with the 30 s doubling backoff, 10 tries span about five hours).
    pub outbox_max_attempts: i32,
    /// Months the audit log (and the record of delivered mail) is kept; never fewer than the
    /// baseline's 6 (`MIN_AUDIT_MONTHS`).
    pub audit_retention_months: i64,
    /// The installation's secret key (outside the database) and what derives from it.
    pub keys: super::Keys,
    /// Sign-in with Google, or another OpenID Connect provider; `None`: not offered.
    pub oidc: Option<super::oidc::OidcSettings>,
}

impl Default for AuthSettings {
    fn default() -> Self {
        AuthSettings {
            max_failures: 3,
            lock_seconds: 15 * 60,
            session_idle_seconds: 30 * 60,
            session_max_seconds: 12 * 3600,
            captcha_bits: 17,
            captcha_seconds: 10 * 60,
            public_url: "http://localhost:3000".into(),
            reset_code_seconds: 60 * 60,
            code_attempts: 5,
            set_password_link_seconds: 72 * 3600,
            nist_passwords: false,
            trusted_proxies: 0,
            sends_per_recipient: 3,
            sends_per_client: 200,
            send_window_seconds: 3600,
            official_email_domains: vec!["gov.tw".to_string(), "edu.tw".to_string()],
            application_code_seconds: 10 * 60,
            max_org_admins: 2,
            hash_limits: Default::default(),
            outbox_max_attempts: 10,
            audit_retention_months: 12,
            keys: Default::default(),
            oidc: None,
        }
    }
}

impl AuthSettings {
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The password policy for an account of `role`.
    pub fn policy(&self, role: crate::accounts::Role) -> PasswordPolicy {
        if self.nist_passwords {
            PasswordPolicy::nist()
        } else {
            role.password_policy()
        }
    }
}

/// The national baseline keeps audit records at least six months.
pub const MIN_AUDIT_MONTHS: i64 = 6;

impl AuthSettings {
    /// What the housekeeping sweep may forget. A month counts as 31 days, so a row is never
    /// pruned before its months have passed on the calendar.
    pub fn sweep_rules(&self) -> crate::db::housekeeping::SweepRules {
        crate::db::housekeeping::SweepRules {
            lock_seconds: self.lock_seconds,
            send_window_seconds: self.send_window_seconds,
            keep_audit_seconds: self.audit_retention_months.max(MIN_AUDIT_MONTHS) * 31 * 24 * 3600,
        }
    }
}
