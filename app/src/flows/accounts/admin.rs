//! What admins do to accounts: the central authority creates the first admin, unlocks and
//! resets second factors of any account; a main account acts on its own organization's
//! sub-accounts (`flows::members`) through the same `on_account`. Every action is audited
//! with the admin as actor.

use diesel::OptionalExtension;

use crate::{
    accounts::{AccountRow, AuditEvent, AuditMethod, AuditOutcome},
    auth::{codes, AuthSettings, RequestInfo},
    db::{
        audit,
        codes::{self as stored, Purpose},
        factors, failures, now, orgs, portal,
        users::{self, NewUser},
        AnyConnection,
    },
    directory::OrgKey,
    error::AppError,
    flows::{
        authorize,
        sending::{self, Kind, Recipient},
        work::{Services, Work},
    },
    i18n::{LocalText, Msg},
    permissions::{self, Account, Action},
};

/// Creates an account in `org` (with `new.role`) holding the subsystems `grants` (by code),
/// and returns the one-time link to set its password, which is also mailed to the account's
/// address through the outbox (`gatehouse create-admin` and `create-user`, the demo accounts).
/// One unit of work, each step audited as done from the command line: a grant that fails (an
/// unknown subsystem is refused at the field `grant`, naming it as `code`) leaves no account.
pub async fn create_with_link(
    services: &Services,
    org: &str,
    new: NewUser,
    grants: Vec<String>,
) -> Result<String, AppError> {
    let org_key = OrgKey::from_segment(org);
    services
        .write(&RequestInfo::default(), move |work| {
            let (org_id, _) = orgs::find_id(work.conn, &org_key)?;
            if users::find_by_key(work.conn, &new.username)?.is_some() {
                return Err(AppError::invalid("username", Msg::UsernameTaken).into());
            }
            let id = users::insert(work.conn, &NewUser { org_id, ..new })?;
            let user = users::find(work.conn, id)?;
            let link = mail_set_password_link(work.conn, work.settings, &user)?;
            work.audit(AuditEvent::AccountCreated, AuditOutcome::Success)
                .subject(&user)
                .method(AuditMethod::Cli)
                .write()?;
            for code in grants {
                // The subsystem is looked up by its code; none is `NotFound`.
                if portal::grant(work.conn, user.id, &code, None, now()).optional()?.is_none() {
                    let unknown = LocalText::new(Msg::ApplySubsystemUnknown).arg("code", &code);
                    return Err(AppError::invalid("grant", unknown).into());
                }
                work.audit(AuditEvent::GrantChanged, AuditOutcome::Success)
                    .subject(&user)
                    .method(AuditMethod::Cli)
                    .detail(format!("grant {code}"))
                    .write()?;
            }
            Ok(link)
        })
        .await
}

/// Issues a new link to set the password of `user` and mails it to the account's address
/// through the outbox: single use, expiring, and any older link of the account is void from now on.
/// The mailbox's allowance counts it (a main account's files and 補寄驗證信 flood no one):
/// refused at the email field when it has had its share. Returns the link.
pub(crate) fn mail_set_password_link(
    conn: &mut AnyConnection,
    settings: &AuthSettings,
    user: &users::User,
) -> Result<String, AppError> {
    if !sending::to_recipient(conn, settings, (Kind::SetPasswordLink, Recipient::To(&user.email)))? {
        return Err(sending::limit_reached("email"));
    }
    send_set_password_link(conn, settings, user)
}

/// `mail_set_password_link` for a caller that has counted the message already.
pub(crate) fn send_set_password_link(
    conn: &mut AnyConnection,
    settings: &AuthSettings,
    user: &users::User,
) -> Result<String, AppError> {
    let token = codes::new_link_token();
    let hash = codes::link_hash(&settings.keys.codes(), Purpose::SetPassword, &token);
    let ttl = settings.set_password_link_seconds;
    let link = format!("{}/set-password?token={token}", settings.public_url.trim_end_matches('/'));
    let locale = crate::i18n::Locale::ZhTw;
    let mail = crate::auth::mail::set_password_link(locale, &user.display_name, &user.username, &link, ttl / 3600);
    stored::replace(conn, user.id, Purpose::SetPassword, &hash, now(), ttl)?;
    crate::db::outbox::enqueue(
        conn,
        crate::db::outbox::Channel::Email,
        &user.email,
        mail.template,
        &mail.subject,
        &mail.body,
        now(),
    )?;
    Ok(link)
}

/// Does `change` to the account `user_id` for an admin allowed `action` on it (made from the
/// account's organization and role), in one unit of work with the audit record `event` (with
/// the detail `change` returns; it is given the admin and the account): the central
/// authority, or a main account for its own organization's sub-accounts. An action that needs
/// a fresh verification (`permissions`) is refused without one.
pub(crate) async fn on_account(
    services: &Services,
    info: RequestInfo,
    user_id: i64,
    action: impl FnOnce(Account) -> Action + Send + 'static,
    event: AuditEvent,
    change: impl FnOnce(&mut Work, (&users::User, &users::User)) -> Result<String, AppError> + Send + 'static,
) -> Result<(), AppError> {
    // Who may act on whom is known once the account is read.
    let (admin, actor) = authorize(services, &info, |_| Action::ManageOwnAccount).await?;
    services
        .write(&info, move |work| {
            let user = users::find(work.conn, user_id)?;
            let action = action(Account { org_id: user.org_id, role: user.role });
            permissions::require(Some(&actor), action)?;
            if action.needs_fresh_verification() && !admin.freshly_verified(now()) {
                return Err(AppError::StepUpRequired.into());
            }
            let detail = change(work, (&admin.user, &user))?;
            let by = &admin.user.username;
            let detail = if detail.is_empty() { format!("by {by}") } else { format!("{detail} by {by}") };
            work.audit(event, AuditOutcome::Success).subject(&user).actor(admin.user.id).detail(detail).write()?;
            Ok(())
        })
        .await
}

/// Ends a lockout of `user_id`.
pub async fn unlock(services: &Services, info: RequestInfo, user_id: i64) -> Result<(), AppError> {
    on_account(
        services,
        info,
        user_id,
        |a| Action::UnlockAccount(a.org_id),
        AuditEvent::AccountUnlocked,
        |work, (_, user)| {
            failures::clear(work.conn, &user.username_key)?;
            Ok(String::new())
        },
    )
    .await
}

/// Removes every second factor of `user_id` and ends its sessions: at the next sign-in it
/// binds again (the lost-phone case when the user cannot help themselves). It lets whoever
/// knows that account's password bind a new authenticator, so it takes the admin's fresh
/// verification, as handing over the main role does (`permissions`). An account that had
/// turned password sign-in off gets it back, without a password: its owner sets one with
/// 忘記密碼's mailed code, then binds again.
pub async fn reset_factors(services: &Services, info: RequestInfo, user_id: i64) -> Result<(), AppError> {
    on_account(services, info, user_id, Action::ResetAccountFactors, AuditEvent::FactorsReset, |work, (_, user)| {
        factors::delete_all(work.conn, user.id)?;
        users::set_password_sign_in(work.conn, user.id, true)?;
        super::notice::credential_changed(work, user, Msg::ChangeFactorsReset, None)?;
        Ok(String::new())
    })
    .await
}

/// Accounts by username, name or email fragment, with their lock and factors (the central
/// authority's account page). The search is audited.
pub async fn find_accounts(services: &Services, info: RequestInfo, q: String) -> Result<Vec<AccountRow>, AppError> {
    let (admin, _) = authorize(services, &info, |_| Action::FindAccounts).await?;
    let query = q.clone();
    let rows = services
        .read(move |conn| {
            let now = now();
            let found = users::search(conn, &query, 50)?;
            Ok(found.into_iter().map(|f| account_row(f, now)).collect::<Vec<_>>())
        })
        .await?;
    super::record(
        services,
        &info,
        &admin.user,
        AuditEvent::AccountsSearched,
        None,
        format!("q={q} rows={}", rows.len()),
    )
    .await?;
    Ok(rows)
}

/// A found account as the search page lists it: locked while its lock runs at `now`.
fn account_row(found: users::Found, now: i64) -> AccountRow {
    let users::Found { user, org_name, failures, locked_until, factors } = found;
    AccountRow {
        id: user.id,
        active: user.is_active(),
        username: user.username,
        display_name: user.display_name,
        email: user.email,
        org_name,
        role: user.role,
        failures,
        locked: locked_until.is_some_and(|until| until > now),
        factors: usize::try_from(factors).unwrap_or(0),
        last_sign_in_at: user.last_sign_in_at,
    }
}

/// Why the audit log is read: shown on the page, or exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditRead {
    Search,
    Export,
}

/// Whose audit records a search reads.
pub enum AuditScope {
    /// Everything (稽核紀錄): the central authority.
    All,
    /// 收件紀錄: the reader's own organization's account assignments, without the addresses
    /// and browsers they came from.
    MemberLog,
}

/// The audit log by username fragment and Taiwan-time day range (`to` inclusive), within
/// `scope`. Reading it is audited too.
pub async fn search_audit(
    services: &Services,
    info: RequestInfo,
    filter: [String; 3],
    limit: i64,
    (scope, read): (AuditScope, AuditRead),
) -> Result<Vec<crate::accounts::ActivityEntry>, AppError> {
    use crate::{accounts::MEMBER_LOG_EVENTS, time::parse_taipei_date};
    let (reader, within) = match scope {
        AuditScope::All => (authorize(services, &info, |_| Action::ReadAudit).await?.0, None),
        AuditScope::MemberLog => {
            let (reader, _) = authorize(services, &info, |u| Action::ReadMemberLog(u.org_id)).await?;
            let org = reader.user.org_id;
            (reader, Some((org, MEMBER_LOG_EVENTS.iter().map(|e| e.as_str()).collect::<Vec<_>>())))
        }
    };
    let [username, from, to] = filter;
    let detail = format!("username={username} from={from} to={to}");
    let day = |field: &str, text: &str| -> Result<Option<i64>, AppError> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        parse_taipei_date(text).map(Some).ok_or_else(|| AppError::invalid(field, Msg::DateInvalid))
    };
    let from = day("from", &from)?;
    let to = day("to", &to)?.map(|start| start + 86_400);
    let scoped = within.is_some();
    let mut entries = services
        .read(move |conn| {
            let within = within.as_ref().map(|(org, events)| (*org, events.as_slice()));
            Ok(audit::search(conn, &username, (from, to), within, limit)?)
        })
        .await?;
    if scoped {
        for e in &mut entries {
            e.ip.clear();
            e.user_agent.clear();
        }
    }
    let event = match read {
        AuditRead::Search => AuditEvent::AuditSearched,
        AuditRead::Export => AuditEvent::AuditExported,
    };
    let detail = format!("{}{detail} rows={}", if scoped { "member log " } else { "" }, entries.len());
    super::record(services, &info, &reader.user, event, None, detail).await?;
    Ok(entries)
}

/// Publishes an announcement.
pub async fn save_announcement(
    services: &Services,
    info: RequestInfo,
    title: String,
    body: String,
    members_only: bool,
) -> Result<(), AppError> {
    let (admin, _) = authorize(services, &info, |_| Action::PublishAnnouncement).await?;
    if title.trim().is_empty() {
        return Err(AppError::invalid("title", Msg::FieldRequired));
    }
    if title.chars().count() > 200 {
        return Err(AppError::invalid("title", crate::i18n::LocalText::new(Msg::TextTooLong).arg("max", 200)));
    }
    if body.trim().is_empty() {
        return Err(AppError::invalid("body", Msg::FieldRequired));
    }
    services
        .write(&info, move |work| {
            portal::insert_announcement(
                work.conn,
                members_only,
                title.trim(),
                body.trim(),
                Some(admin.user.id),
                now(),
            )?;
            let detail: String = title.trim().chars().take(100).collect();
            work.audit(AuditEvent::AnnouncementSaved, AuditOutcome::Success).by(&admin.user).detail(detail).write()?;
            Ok(())
        })
        .await
}

/// The messages the outbox gave up on, newest first: the central authority reaches those
/// people another way. Recipients are shown in full, as to whoever may read the audit log.
pub async fn failed_mail(services: &Services, info: RequestInfo) -> Result<crate::accounts::FailedMail, AppError> {
    use crate::accounts::{FailedMail, FailedMessage, FAILED_MAIL_LISTED};
    authorize(services, &info, |_| Action::ReadFailedMail).await?;
    let max = services.settings.outbox_max_attempts;
    let (messages, total) =
        services.read(move |conn| Ok(crate::db::outbox::given_up(conn, max, FAILED_MAIL_LISTED)?)).await?;
    let messages = messages
        .into_iter()
        .map(|m| FailedMessage {
            queued_at: m.created_at,
            channel: m.channel,
            recipient: m.recipient,
            subject: m.subject,
            attempts: m.attempts,
            last_error: m.last_error.unwrap_or_default(),
        })
        .collect();
    Ok(FailedMail { max_attempts: max, total, messages })
}
