//! The unit of work every flow runs in. A flow receives a `Work` inside its transaction: the
//! connection, the request's facts, the settings, and the effects to apply once the work is
//! committed (cookies set or cleared). It ends in a `Done`: `Ok`, or a `Stop` that says whether
//! what was written stands before the refusal is answered (`Stop::Commit`: a counted attempt,
//! the audit of a refusal) or goes (`Stop::Rollback`, what `?` gives). Cookies reach the
//! response only after the commit, so that a rolled-back flow never sets one.
//!
//! Flows take `Services`, the parts of the process they use, not the whole application state.

pub use crate::state::Services;
use crate::{
    accounts::{AuditEvent, AuditMethod, AuditOutcome},
    auth::{AuthSettings, RequestInfo},
    db::{audit, now, users::User, AnyConnection},
    error::AppError,
};

/// Why a unit of work ends without its value.
#[derive(Debug, PartialEq, Eq)]
pub enum Stop {
    /// Undo everything written, and answer with the error.
    Rollback(AppError),
    /// Keep what was written (the attempt counted, the refusal audited), then answer with the
    /// error.
    Commit(AppError),
}

impl Stop {
    /// The answer, whichever way it ends.
    pub fn error(self) -> AppError {
        match self {
            Stop::Rollback(e) | Stop::Commit(e) => e,
        }
    }

    /// The same stop with its answer changed (said at another field, say).
    pub fn map(self, f: impl FnOnce(AppError) -> AppError) -> Stop {
        match self {
            Stop::Rollback(e) => Stop::Rollback(f(e)),
            Stop::Commit(e) => Stop::Commit(f(e)),
        }
    }
}

impl From<AppError> for Stop {
    fn from(e: AppError) -> Stop {
        Stop::Rollback(e)
    }
}

impl From<diesel::result::Error> for Stop {
    fn from(e: diesel::result::Error) -> Stop {
        Stop::Rollback(e.into())
    }
}

/// How a unit of work ends: its value, or a `Stop`.
pub type Done<T> = Result<T, Stop>;

/// "Commit what was written, then answer with `error`."
pub fn refuse<T>(error: AppError) -> Done<T> {
    Err(Stop::Commit(error))
}

/// One flow's work inside its transaction.
pub struct Work<'a> {
    pub conn: &'a mut AnyConnection,
    /// The request's facts: who (its cookies), from where, in which language. Input only.
    pub info: &'a RequestInfo,
    pub settings: &'a AuthSettings,
    /// `Set-Cookie` values for the response, sent once the work is committed.
    cookies: Vec<String>,
}

impl<'a> Work<'a> {
    fn new(conn: &'a mut AnyConnection, info: &'a RequestInfo, settings: &'a AuthSettings) -> Self {
        Work { conn, info, settings, cookies: Vec::new() }
    }

    /// A cookie for the response, set only if the work is committed.
    pub fn set_cookie(&mut self, cookie: String) {
        self.cookies.push(cookie);
    }

    /// An audit record of `event` with `outcome` for this request, written with the work (so
    /// gone with it when it rolls back).
    pub fn audit(&mut self, event: AuditEvent, outcome: AuditOutcome) -> Audit<'_, 'a> {
        Audit {
            work: self,
            event,
            outcome,
            subject: None,
            actor: None,
            org: None,
            username: None,
            method: None,
            detail: String::new(),
        }
    }
}

/// An audit record being made (`Work::audit`): whom it is about, how, and what else to say.
#[must_use = "an audit record is kept only once written"]
pub struct Audit<'w, 'a> {
    work: &'w mut Work<'a>,
    event: AuditEvent,
    outcome: AuditOutcome,
    subject: Option<i64>,
    actor: Option<i64>,
    org: Option<i64>,
    username: Option<String>,
    method: Option<AuditMethod>,
    detail: String,
}

impl Audit<'_, '_> {
    /// About `user`, who acted (unless `actor` says someone else did), in their organization.
    pub fn subject(mut self, user: &User) -> Self {
        self.subject = Some(user.id);
        self.actor = self.actor.or(Some(user.id));
        self.org = self.org.or(Some(user.org_id));
        self.username = self.username.or_else(|| Some(user.username.clone()));
        self
    }

    /// Done by another account than the subject (an admin).
    pub fn actor(mut self, id: i64) -> Self {
        self.actor = Some(id);
        self
    }

    /// The username as typed, when no account is known (a failed sign-in).
    pub fn username(mut self, username: &str) -> Self {
        self.username = Some(username.to_string());
        self
    }

    /// Done by `actor`, about no account (an announcement published).
    pub fn by(mut self, actor: &User) -> Self {
        self.actor = Some(actor.id);
        self.username = Some(actor.username.clone());
        self
    }

    /// An organization's data rather than an account: kept out of anyone's 帳號活動紀錄.
    pub fn about_data(mut self, actor: &User, org: Option<i64>) -> Self {
        self.subject = None;
        self.actor = Some(actor.id);
        self.org = org.or(Some(actor.org_id));
        self.username = Some(actor.username.clone());
        self
    }

    pub fn method(mut self, method: AuditMethod) -> Self {
        self.method = Some(method);
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }

    pub fn write(self) -> Result<(), AppError> {
        let mut record = audit::Record::new(self.event, self.outcome);
        record.subject_id = self.subject;
        record.actor_id = self.actor;
        record.org_id = self.org;
        record.username = self.username.as_deref();
        record.method = self.method.map(AuditMethod::as_str);
        record.ip = &self.work.info.ip;
        record.user_agent = &self.work.info.user_agent;
        record.detail = self.detail;
        audit::write(self.work.conn, &record, now())?;
        Ok(())
    }
}

impl Services {
    /// Runs `f` as one unit of work in a write transaction (SQLite's write lock taken first):
    /// committed when it ends in `Ok` or `Stop::Commit`, rolled back on `Stop::Rollback`.
    /// Its cookies reach the response after the commit.
    pub async fn write<T: Send + 'static>(
        &self,
        info: &RequestInfo,
        f: impl FnOnce(&mut Work) -> Done<T> + Send + 'static,
    ) -> Result<T, AppError> {
        self.unit(info, true, f).await
    }

    /// `write` without a transaction of its own, for work whose statements stand each on its
    /// own (reading a session, and deleting it when it is dead). Cookies are applied unless it
    /// ends in `Stop::Rollback`.
    pub async fn run<T: Send + 'static>(
        &self,
        info: &RequestInfo,
        f: impl FnOnce(&mut Work) -> Done<T> + Send + 'static,
    ) -> Result<T, AppError> {
        self.unit(info, false, f).await
    }

    /// Reads (or writes one statement) with a connection, outside any unit of work.
    pub async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut AnyConnection) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        self.pool.run(f).await
    }

    async fn unit<T: Send + 'static>(
        &self,
        info: &RequestInfo,
        transaction: bool,
        f: impl FnOnce(&mut Work) -> Done<T> + Send + 'static,
    ) -> Result<T, AppError> {
        let (facts, settings) = (info.clone(), self.settings.clone());
        let work = move |conn: &mut AnyConnection| -> Result<(Result<T, AppError>, Vec<String>), AppError> {
            let mut work = Work::new(conn, &facts, &settings);
            match f(&mut work) {
                Ok(value) => Ok((Ok(value), work.cookies)),
                Err(Stop::Commit(e)) => Ok((Err(e), work.cookies)),
                Err(Stop::Rollback(e)) => Err(e),
            }
        };
        let (answer, cookies) = if transaction { self.pool.write(work).await? } else { self.pool.run(work).await? };
        info.respond_with_cookies(cookies);
        answer
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::{connection::SimpleConnection, RunQueryDsl};

    /// Services over one in-memory SQLite connection with a table of one column.
    fn services() -> Services {
        let pool = crate::db::DbPool::new(&crate::db::DbUrl::Sqlite(":memory:".into()), 1);
        let settings = AuthSettings::default();
        Services {
            pool,
            hasher: crate::auth::PasswordHasher::new(1, settings.hash_limits),
            webauthn: None,
            oidc: None,
            opened_keys: Default::default(),
            settings: std::sync::Arc::new(settings),
        }
    }

    fn cookies(response: &leptos_axum::ResponseOptions) -> Vec<String> {
        let Ok(parts) = response.0.read() else { return Vec::new() };
        parts.headers.get_all(http::header::SET_COOKIE).iter().map(|v| v.to_str().unwrap_or("").to_string()).collect()
    }

    async fn rows(services: &Services) -> i64 {
        #[derive(diesel::QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let count =
            services.read(|conn| Ok(diesel::sql_query("SELECT count(*) AS n FROM t").get_result::<Count>(conn)?));
        count.await.map(|c| c.n).unwrap_or(-1)
    }

    /// A unit's cookies reach the response only once what it wrote is committed: kept on `Ok`
    /// and on a refusal that commits, dropped with everything written on a rollback.
    #[tokio::test]
    async fn cookies_are_sent_only_after_the_commit() {
        let services = services();
        services.read(|conn| Ok(conn.batch_execute("CREATE TABLE t (x INTEGER)")?)).await.expect("table");
        let unit = |end: fn() -> Done<()>| {
            let response = leptos_axum::ResponseOptions::default();
            let info = RequestInfo::default().answering(response.clone());
            let services = services.clone();
            async move {
                let answer = services
                    .write(&info, move |work| {
                        diesel::sql_query("INSERT INTO t (x) VALUES (1)").execute(work.conn)?;
                        work.set_cookie("k=v; Path=/".into());
                        end()
                    })
                    .await;
                (answer, cookies(&response))
            }
        };
        let (answer, sent) = unit(|| Ok(())).await;
        assert_eq!((answer, sent.len(), rows(&services).await), (Ok(()), 1, 1));
        let (answer, sent) = unit(|| refuse(AppError::Forbidden)).await;
        assert_eq!((answer, sent.len(), rows(&services).await), (Err(AppError::Forbidden), 1, 2));
        let (answer, sent) = unit(|| Err(AppError::Forbidden.into())).await;
        assert_eq!((answer, sent, rows(&services).await), (Err(AppError::Forbidden), vec![], 2), "rolled back");
    }

    #[test]
    fn a_stop_keeps_its_kind_when_its_answer_changes() {
        let moved = Stop::Commit(AppError::Forbidden).map(|_| AppError::NotFound);
        assert_eq!(moved, Stop::Commit(AppError::NotFound));
        assert_eq!(Stop::Rollback(AppError::Forbidden).map(|_| AppError::NotFound).error(), AppError::NotFound);
        assert_eq!(Stop::from(AppError::Internal), Stop::Rollback(AppError::Internal));
        assert_eq!(refuse::<()>(AppError::Forbidden), Err(Stop::Commit(AppError::Forbidden)));
    }
}
