//! The audit log: append-only, UTC seconds.

use diesel::prelude::*;

use super::{schema::audit_events as a, AnyConnection};
use crate::accounts::{ActivityEntry, AuditEvent, AuditOutcome};

/// One event as it is written.
#[derive(Clone, Debug)]
pub struct Record<'a> {
    pub event: AuditEvent,
    pub outcome: AuditOutcome,
    pub method: Option<&'static str>,
    pub actor_id: Option<i64>,
    pub subject_id: Option<i64>,
    pub org_id: Option<i64>,
    pub username: Option<&'a str>,
    pub ip: &'a str,
    pub user_agent: &'a str,
    pub detail: String,
}

impl<'a> Record<'a> {
    pub fn new(event: AuditEvent, outcome: AuditOutcome) -> Self {
        Record {
            event,
            outcome,
            method: None,
            actor_id: None,
            subject_id: None,
            org_id: None,
            username: None,
            ip: "",
            user_agent: "",
            detail: String::new(),
        }
    }
}

pub fn write(conn: &mut AnyConnection, r: &Record, now: i64) -> QueryResult<()> {
    count(r);
    diesel::insert_into(a::table)
        .values((
            a::at.eq(now),
            a::event.eq(r.event.as_str()),
            a::outcome.eq(r.outcome.as_str()),
            a::method.eq(r.method),
            a::actor_id.eq(r.actor_id),
            a::subject_id.eq(r.subject_id),
            a::org_id.eq(r.org_id),
            a::username.eq(r.username),
            a::ip.eq(r.ip),
            a::user_agent.eq(r.user_agent),
            a::detail.eq(&r.detail),
        ))
        .execute(conn)?;
    Ok(())
}

/// Every sign-in step and lockout is audited here, so here they are counted for the metrics
/// (`gatehouse_sign_in_steps_total`, `gatehouse_lockouts_total`): one place, whichever path
/// (a form, a server function, a key, Google, the provider's own sign-in) took the step. A step
/// whose transaction then rolls back is still counted: it was tried.
fn count(r: &Record) {
    match r.event {
        AuditEvent::SignIn | AuditEvent::SecondFactor | AuditEvent::PasskeySignIn | AuditEvent::OidcSignIn => {
            metrics::counter!(
                "gatehouse_sign_in_steps_total",
                "step" => r.event.as_str(),
                "method" => r.method.unwrap_or("none"),
                "outcome" => r.outcome.as_str(),
            )
            .increment(1);
        }
        AuditEvent::Lockout => metrics::counter!("gatehouse_lockouts_total").increment(1),
        _ => {}
    }
}

type Row = (i64, i64, String, String, Option<String>, Option<String>, String, String, String);

/// A row as an entry; an event or outcome the code does not know is an error (a newer
/// server's rows read by an older one, or a hand edit), not a row silently left out.
fn entry(row: Row) -> QueryResult<ActivityEntry> {
    let (id, at, event, outcome, method, username, ip, user_agent, detail) = row;
    let unknown = |e: crate::accounts::UnknownValue| diesel::result::Error::DeserializationError(Box::new(e));
    Ok(ActivityEntry {
        id,
        at,
        event: AuditEvent::try_from(event).map_err(unknown)?,
        outcome: AuditOutcome::try_from(outcome).map_err(unknown)?,
        method,
        username,
        ip,
        user_agent,
        detail,
    })
}

const COLUMNS: (a::id, a::at, a::event, a::outcome, a::method, a::username, a::ip, a::user_agent, a::detail) =
    (a::id, a::at, a::event, a::outcome, a::method, a::username, a::ip, a::user_agent, a::detail);

/// Events about one account, newest first (帳號活動紀錄).
pub fn for_subject(conn: &mut AnyConnection, user_id: i64, offset: i64, limit: i64) -> QueryResult<Vec<ActivityEntry>> {
    let rows: Vec<Row> = a::table
        .filter(a::subject_id.eq(user_id))
        .order(a::id.desc())
        .offset(offset)
        .limit(limit)
        .select(COLUMNS)
        .load(conn)?;
    rows.into_iter().map(entry).collect()
}

/// The search of the audit log: by username fragment and time range, newest first; `within`
/// an organization's records of the given events (收件紀錄), or all.
pub fn search(
    conn: &mut AnyConnection,
    username: &str,
    (from, to): (Option<i64>, Option<i64>),
    within: Option<(i64, &[&str])>,
    limit: i64,
) -> QueryResult<Vec<ActivityEntry>> {
    let mut query = a::table.into_boxed();
    let username = username.trim().to_lowercase();
    if !username.is_empty() {
        query = query.filter(a::username.like(format!("%{}%", super::like_escape(&username))).escape('\\'));
    }
    if let Some(from) = from {
        query = query.filter(a::at.ge(from));
    }
    if let Some(to) = to {
        query = query.filter(a::at.lt(to));
    }
    if let Some((org, events)) = within {
        query = query.filter(a::org_id.eq(org)).filter(a::event.eq_any(events));
    }
    let rows: Vec<Row> = query.order(a::id.desc()).limit(limit).select(COLUMNS).load(conn)?;
    rows.into_iter().map(entry).collect()
}
