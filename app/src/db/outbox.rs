//! The durable outbox of mail and SMS.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::{schema::outbox as o, AnyConnection};
pub use crate::accounts::Channel;

#[derive(Queryable, Selectable, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[diesel(table_name = o)]
pub struct Message {
    pub id: i64,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
    pub attempts: i32,
    pub next_attempt_at: i64,
    pub sent_at: Option<i64>,
    pub last_error: Option<String>,
    /// Which message it was (`reset_code`, `credential_notice`, …), kept after the body is
    /// blanked on delivery.
    pub template: String,
}

/// Queues a message; call inside the transaction that decided to send it.
pub fn enqueue(
    conn: &mut AnyConnection,
    channel: Channel,
    recipient: &str,
    template: &str,
    subject: &str,
    body: &str,
    now: i64,
) -> QueryResult<()> {
    diesel::insert_into(o::table)
        .values((
            o::channel.eq(channel.as_str()),
            o::recipient.eq(recipient),
            o::template.eq(template),
            o::subject.eq(subject),
            o::body.eq(body),
            o::created_at.eq(now),
            o::next_attempt_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Unsent messages whose next attempt is due, oldest first; not those tried `max_attempts`
/// times already, which the outbox has given up on.
pub fn due(
    conn: &mut AnyConnection,
    channel: Channel,
    now: i64,
    max_attempts: i32,
    limit: i64,
) -> QueryResult<Vec<Message>> {
    o::table
        .filter(o::channel.eq(channel.as_str()))
        .filter(o::sent_at.is_null())
        .filter(o::attempts.lt(max_attempts))
        .filter(o::next_attempt_at.le(now))
        .order(o::id)
        .limit(limit)
        .select(Message::as_select())
        .load(conn)
}

/// Takes message `id` for one delivery attempt by moving its next attempt to `lease_until`, if
/// it is still due and unsent. Of several servers asking at once exactly one gets true (the
/// update's condition is checked again under the row's lock), so each message is sent once.
/// A server that dies while sending leaves the message due again after the lease: at worst a
/// second copy, never none.
pub fn claim(conn: &mut AnyConnection, id: i64, now: i64, lease_until: i64) -> QueryResult<bool> {
    let taken = diesel::update(o::table.find(id).filter(o::sent_at.is_null()).filter(o::next_attempt_at.le(now)))
        .set(o::next_attempt_at.eq(lease_until))
        .execute(conn)?;
    Ok(taken == 1)
}

/// Delivered: the body (a code, a link) is blanked, so the table keeps who got which message
/// when, and nothing a reader of the database could use.
pub fn mark_sent(conn: &mut AnyConnection, id: i64, now: i64) -> QueryResult<()> {
    diesel::update(o::table.find(id))
        .set((o::sent_at.eq(now), o::last_error.eq(None::<String>), o::body.eq("")))
        .execute(conn)?;
    Ok(())
}

pub fn mark_failed(conn: &mut AnyConnection, id: i64, error: &str, retry_at: i64) -> QueryResult<()> {
    diesel::update(o::table.find(id))
        .set((o::attempts.eq(o::attempts + 1), o::last_error.eq(error), o::next_attempt_at.eq(retry_at)))
        .execute(conn)?;
    Ok(())
}

/// Messages the outbox gave up on, newest first, with how many there are in all: for the
/// central authority, who must reach those people another way.
pub fn given_up(conn: &mut AnyConnection, max_attempts: i32, limit: i64) -> QueryResult<(Vec<Message>, i64)> {
    let failed = || o::table.filter(o::sent_at.is_null()).filter(o::attempts.ge(max_attempts));
    let total = failed().count().get_result(conn)?;
    let list =
        failed().order((o::created_at.desc(), o::id.desc())).limit(limit).select(Message::as_select()).load(conn)?;
    Ok((list, total))
}

/// The newest messages, for the development mailbox.
pub fn recent(conn: &mut AnyConnection, limit: i64) -> QueryResult<Vec<Message>> {
    recent_on(conn, None, limit)
}

/// The newest messages of one channel, or of all.
pub fn recent_on(conn: &mut AnyConnection, channel: Option<Channel>, limit: i64) -> QueryResult<Vec<Message>> {
    let mut query = o::table.into_boxed();
    if let Some(channel) = channel {
        query = query.filter(o::channel.eq(channel.as_str()));
    }
    query.order(o::id.desc()).limit(limit).select(Message::as_select()).load(conn)
}

/// What waits in the outbox, for the metrics.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Backlog {
    /// By channel: messages still to be sent, and when the oldest of them was queued.
    pub waiting: Vec<(String, i64, Option<i64>)>,
    /// Messages tried `max_attempts` times and given up on.
    pub given_up: i64,
}

pub fn backlog(conn: &mut AnyConnection, max_attempts: i32) -> QueryResult<Backlog> {
    use diesel::dsl::{count_star, min};
    let waiting = o::table
        .filter(o::sent_at.is_null())
        .filter(o::attempts.lt(max_attempts))
        .group_by(o::channel)
        .select((o::channel, count_star(), min(o::created_at)))
        .load(conn)?;
    let given_up =
        o::table.filter(o::sent_at.is_null()).filter(o::attempts.ge(max_attempts)).count().get_result(conn)?;
    Ok(Backlog { waiting, given_up })
}
