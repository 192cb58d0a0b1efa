//! Account applications (SPEC §2): the applicant's steps (`apply`) and the review (`review`).
//!
//! Until it is submitted, an application is a draft that only the browser holding its token
//! (a cookie) can see or continue. Each step checks that the steps before it are done, so that
//! no request can skip one: the codes must prove both the email and the mobile before the
//! subsystems can be chosen, and those before the account form is accepted.

pub mod apply;
pub mod form;
pub mod grants;
pub mod review;

pub(crate) use review::reviewable;

use crate::{
    accounts::{ApplicationStatus, ApplicationView, ApplyStep, AuditEvent, AuditOutcome, Proof},
    auth::{codes, hex, keyed_hash, mail, random_bytes, request, AuthSettings, RequestInfo},
    db::{
        applications::{self, Application},
        now,
        orgs::find_id,
        outbox::{self, Channel},
        portal, users, AnyConnection,
    },
    directory::OrgKey,
    error::AppError,
    flows::{
        audit::audit,
        sending::{may_send, Kind, Recipient},
        session::{named_cookie, token_hash},
        work::Work,
    },
    i18n::{Locale, Msg},
};

/// How long the browser keeps an application's token: long enough to come back to a draft
/// the next day, or to see a pending one's state.
const TOKEN_SECONDS: i64 = 30 * 24 * 3600;

/// A new application's token, and the cookie that hands it to the browser once the work is
/// committed.
pub(crate) fn new_token(work: &mut Work) -> String {
    let token = hex(&random_bytes::<32>());
    let names = (request::SECURE_APPLY_COOKIE, request::PLAIN_APPLY_COOKIE);
    let cookie = named_cookie(work.settings, names, &token, TOKEN_SECONDS);
    work.set_cookie(cookie);
    token
}

/// The browser's application, if its token names one.
pub(crate) fn current(conn: &mut AnyConnection, info: &RequestInfo) -> Result<Option<Application>, AppError> {
    match &info.application_token {
        Some(token) => Ok(applications::find_by_token(conn, &token_hash(token))?),
        None => Ok(None),
    }
}

/// The browser's application, which must still be a draft: a later step without one is a
/// request out of order (an expired cookie, another tab that submitted).
pub(crate) fn current_draft(conn: &mut AnyConnection, info: &RequestInfo) -> Result<Application, AppError> {
    match current(conn, info)? {
        Some(app) if app.status == ApplicationStatus::Draft => Ok(app),
        Some(_) => Err(AppError::Conflict { rows: Vec::new(), message: Msg::ApplyAlreadySent.into() }),
        None => Err(AppError::invalid("step", Msg::ApplyStartAgain)),
    }
}

/// The organization a picker's 機關代號 names (an OID or a school code); a renamed OID leads to
/// its successor, which is where accounts now belong.
pub(crate) fn resolve_org(conn: &mut AnyConnection, code: &str) -> Result<(i64, String), AppError> {
    if code.trim().is_empty() {
        return Err(AppError::invalid("org_code", Msg::ApplyOrgRequired));
    }
    let mut key = OrgKey::from_segment(code);
    // Successor chains are short; the bound only guards against a loop in bad data.
    for _ in 0..8 {
        let found = find_id(conn, &key).map_err(|e| match e {
            AppError::NotFound | AppError::Invalid { .. } => AppError::invalid("org_code", Msg::ApplyOrgUnknown),
            other => other,
        })?;
        match crate::db::orgs::successor_oid(conn, found.0)? {
            Some(next) => key = OrgKey::Oid(next),
            None => return Ok(found),
        }
    }
    Err(AppError::invalid("org_code", Msg::ApplyOrgUnknown))
}

/// `resolve_org` for an applicant: an organization the central authority turned off takes no
/// applications (none of its accounts could sign in), said at the organization step.
pub(crate) fn open_org(conn: &mut AnyConnection, code: &str) -> Result<(i64, String), AppError> {
    let org = resolve_org(conn, code)?;
    refuse_disabled(conn, org.0)?;
    Ok(org)
}

/// Refuses an application to `org_id` once the organization is turned off: at its first step,
/// and at 送出申請 for an application begun before.
pub(crate) fn refuse_disabled(conn: &mut AnyConnection, org_id: i64) -> Result<(), AppError> {
    if crate::db::orgs::is_disabled(conn, org_id)? {
        return Err(AppError::invalid("org_code", Msg::ApplyOrgDisabled));
    }
    Ok(())
}

fn code_hash(key: &[u8], app_id: i64, channel: Channel, code: &str) -> String {
    keyed_hash(key, &["application", channel.as_str(), &app_id.to_string(), code])
}

/// Sends a new code on `channel`, voiding the older one, when the limits allow: per client,
/// per recipient (the address or number), and the channel's wrong tries (a resend never buys
/// fresh ones). False, and nothing sent, when a limit refused.
pub(crate) fn send_code(work: &mut Work, key: &[u8], app: &Application, channel: Channel) -> Result<bool, AppError> {
    let (settings, info) = (work.settings, work.info);
    let recipient = match channel {
        Channel::Email => app.email.to_lowercase(),
        Channel::Sms => app.mobile.clone(),
    };
    // A registered contact's details that matched no entry get a code that is never sent: the
    // page goes on as for a match, so that it does not tell a stranger whether a guessed
    // email and mobile are the ones on record. Nor does it spend the contact's own allowance.
    let deliver = app.proof == Proof::Both || app.contact_id.is_some();
    let to = if deliver { Recipient::To(&recipient) } else { Recipient::Unmatched(&recipient) };
    if app.code(channel).tries >= settings.code_attempts
        || !may_send(work.conn, settings, info, (Kind::Verification, to))?
    {
        return Ok(false);
    }
    let code = codes::new_digits(crate::accounts::SENT_CODE_DIGITS as u32);
    let now = now();
    applications::set_code(
        work.conn,
        app.id,
        channel,
        &code_hash(key, app.id, channel, &code),
        now + settings.application_code_seconds,
    )?;
    if !deliver {
        return Ok(true);
    }
    let minutes = settings.application_code_seconds / 60;
    let m = match channel {
        Channel::Email => mail::application_email_code(info.locale, &app.display_name, &code, minutes),
        Channel::Sms => mail::application_sms_code(info.locale, &code, minutes),
    };
    outbox::enqueue(work.conn, channel, &recipient, m.template, &m.subject, &m.body, now)?;
    Ok(true)
}

/// Checks a code typed for `channel` against that channel's live code of this application:
/// the try is counted first (5 at most, whatever the resends), a right code is used up.
pub(crate) fn check_code(
    work: &mut Work,
    key: &[u8],
    app: &Application,
    channel: Channel,
    field: &str,
    typed: &str,
) -> Result<(), AppError> {
    let (conn, settings) = (&mut *work.conn, work.settings);
    let stored = app.code(channel);
    if stored.verified {
        return Ok(());
    }
    let live = stored.hash.as_deref().filter(|_| stored.expires_at.is_some_and(|at| at > now()));
    let Some(live) = live else {
        return Err(AppError::invalid(field, Msg::ApplyCodeExpired));
    };
    if !applications::reserve_try(conn, app.id, channel, settings.code_attempts)? {
        return Err(AppError::invalid(field, Msg::ApplyCodeSpent));
    }
    let hash = code_hash(key, app.id, channel, typed);
    if crate::auth::same(&hash, live) && applications::verify_channel(conn, app.id, channel, &hash, now())? {
        return Ok(());
    }
    let left = settings.code_attempts - stored.tries - 1;
    if left <= 0 {
        Err(AppError::invalid(field, Msg::ApplyCodeSpent))
    } else {
        Err(AppError::invalid(field, crate::i18n::LocalText::new(Msg::ApplyCodeWrong).arg("left", left)))
    }
}

/// Whether the application's proof asks for a code on `channel`.
pub(crate) fn needs(proof: Proof, channel: Channel) -> bool {
    match channel {
        Channel::Email => proof.needs_email(),
        Channel::Sms => proof.needs_mobile(),
    }
}

/// The furthest step the application has opened.
pub(crate) fn reached(app: &Application) -> ApplyStep {
    if app.status != ApplicationStatus::Draft {
        ApplyStep::Submitted
    } else if !app.verified() {
        ApplyStep::Verify
    } else if app.subsystems.is_none() {
        ApplyStep::Subsystems
    } else {
        ApplyStep::Account
    }
}

/// The page's view of the browser's application (or of none yet).
pub(crate) fn view(
    conn: &mut AnyConnection,
    settings: &AuthSettings,
    app: Option<&Application>,
    locale: Locale,
) -> Result<ApplicationView, AppError> {
    let mut v = ApplicationView {
        email_domains: settings.official_email_domains.clone(),
        max_admins: settings.max_org_admins,
        subsystems: portal::active_subsystems(conn, locale)?,
        ..Default::default()
    };
    let Some(app) = app else {
        return Ok(v);
    };
    let (org_name, org_code) = users::org_name_and_code(conn, app.org_id)?;
    v.reached = Some(reached(app));
    v.status = Some(app.status);
    v.org_id = app.org_id;
    v.org_name = org_name;
    v.org_code = org_code;
    // Until a registered contact is proved, the name stays as masked as the list showed it:
    // the full name would tell whether the typed details matched the entry.
    v.display_name = if app.proof == Proof::Both || app.verified() {
        app.display_name.clone()
    } else {
        crate::accounts::mask_name(&app.display_name)
    };
    v.email = app.email.clone();
    v.mobile = app.mobile.clone();
    v.email_verified = app.email_verified_at.is_some();
    v.mobile_verified = app.mobile_verified_at.is_some();
    v.proof = app.proof;
    v.kind = app.subsystems.as_ref().map(|_| app.kind);
    v.chosen = app.chosen();
    v.reviewers = applications::active_admins(conn, app.org_id)?;
    v.review_reason = app.review_reason.clone();
    v.has_scan = applications::scan_info(conn, app.id)?.is_some();
    if let Some(user_id) = app.user_id {
        v.username = users::find(conn, user_id)?.username;
        v.profile = users::profile(conn, user_id)?;
    } else if let Some(contact) = app.contact_id.filter(|_| app.verified()) {
        // A proved registered contact finds the title and unit on record filled in.
        if let Some(c) = crate::db::contacts::find(conn, contact)? {
            v.profile.title = c.title.unwrap_or_default();
            v.profile.unit = c.unit.unwrap_or_default();
        }
    }
    Ok(v)
}

/// An audit record about an application (its account may not exist yet): its organization's,
/// about its account once there is one, by no one signed in, under the email applied with.
pub(crate) fn audit_application(
    work: &mut Work,
    event: AuditEvent,
    outcome: AuditOutcome,
    app: &Application,
    detail: &str,
) -> Result<(), AppError> {
    audit(work.conn, work.info, event, outcome, None, &app.email, |r| {
        r.org_id = Some(app.org_id);
        r.subject_id = app.user_id;
        r.detail = format!("application {}{}{}", app.id, if detail.is_empty() { "" } else { ": " }, detail);
    })
}
