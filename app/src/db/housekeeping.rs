//! What a server that runs for years must forget: sessions, codes, CAPTCHA answers, counters and
//! failure runs that can no longer change an answer, delivered mail past its keeping, and audit
//! rows past the retention the installation set. Each rule deletes only rows that every reader
//! already treats as gone, so a sweep never changes what a request gets back.

use diesel::prelude::*;

use super::{
    schema::{audit_events, captcha_used, one_time_codes, open_ceremonies, outbox, rate_limits, sign_in_failures},
    AnyConnection,
};

/// The ages that decide, from the installation's settings.
#[derive(Clone, Copy, Debug)]
pub struct SweepRules {
    /// How long a failure run or a lock lasts (`AuthSettings::lock_seconds`).
    pub lock_seconds: i64,
    /// The sending limits' window (`AuthSettings::send_window_seconds`).
    pub send_window_seconds: i64,
    /// Audit rows, and the record of delivered mail, older than this many seconds go.
    pub keep_audit_seconds: i64,
}

/// A spent or expired code stays a day, so a late try is told it expired rather than that it
/// is wrong; after that nobody could tell the difference.
pub const CODE_GRACE_SECONDS: i64 = 24 * 3600;

/// How many rows of each kind one sweep removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub sessions: usize,
    pub codes: usize,
    pub captcha_answers: usize,
    /// Password-free sign-ins begun and never answered.
    pub ceremonies: usize,
    pub rate_limits: usize,
    pub sign_in_failures: usize,
    pub delivered_mail: usize,
    pub audit_events: usize,
}

impl Swept {
    pub fn total(&self) -> usize {
        self.sessions
            + self.codes
            + self.captcha_answers
            + self.ceremonies
            + self.rate_limits
            + self.sign_in_failures
            + self.delivered_mail
            + self.audit_events
    }
}

/// One sweep at `now`. Each kind is its own statement: a long table never holds a lock on the
/// others, and a crash between two leaves every row either kept or gone.
pub fn sweep(conn: &mut AnyConnection, now: i64, rules: SweepRules) -> QueryResult<Swept> {
    let code_cutoff = now.saturating_sub(CODE_GRACE_SECONDS);
    let audit_cutoff = now.saturating_sub(rules.keep_audit_seconds);
    Ok(Swept {
        sessions: super::sessions::delete_expired(conn, now)?,
        codes: diesel::delete(
            one_time_codes::table
                .filter(one_time_codes::expires_at.le(code_cutoff).or(one_time_codes::used_at.le(code_cutoff))),
        )
        .execute(conn)?,
        captcha_answers: diesel::delete(captcha_used::table.filter(captcha_used::expires_at.le(now))).execute(conn)?,
        ceremonies: diesel::delete(open_ceremonies::table.filter(open_ceremonies::expires_at.le(now))).execute(conn)?,
        // The same tests `rate_limits::hit` and `failures::reserve` make before they count.
        rate_limits: diesel::delete(
            rate_limits::table.filter(super::rate_limits::run_out(now, rules.send_window_seconds)),
        )
        .execute(conn)?,
        sign_in_failures: diesel::delete(
            sign_in_failures::table.filter(super::failures::forgotten(now, rules.lock_seconds)),
        )
        .execute(conn)?,
        delivered_mail: diesel::delete(outbox::table.filter(outbox::sent_at.le(audit_cutoff))).execute(conn)?,
        audit_events: diesel::delete(audit_events::table.filter(audit_events::at.le(audit_cutoff))).execute(conn)?,
    })
}
