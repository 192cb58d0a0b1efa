//! 申請主帳號 (SPEC §4): a school or agency without a main account asks for one, naming the
//! account it wants and its holder; the central authority creates it (the holder sets the
//! password from the mailed link, as a sub-account's does) or turns the request down with a
//! reason, mailed to the requester. One open request per organization; none once it has a
//! main account.

use crate::{
    accounts::{
        check_reason, member_username, with_extension, AuditEvent, AuditMethod, AuditOutcome, MainRequest,
        MainRequestRow, Role,
    },
    auth::{captcha, mail, RequestInfo},
    db::{
        main_requests::{self, StoredRequest, APPROVED, REJECTED},
        members, now,
        outbox::{self, Channel},
        users::{self, User},
        AnyConnection,
    },
    error::AppError,
    flows::{
        applications::resolve_org,
        audit::audit,
        authorize,
        work::{Services, Work},
    },
    i18n::{Locale, Msg},
    permissions::Action,
};

use super::create::{insert, prefix_of};

/// The username the request would get, refused when the organization has a main account (said
/// at `fields.0`) or the name is taken (said at `fields.1`).
fn claimable(conn: &mut AnyConnection, org_id: i64, part: &str, fields: (&str, &str)) -> Result<String, AppError> {
    if !members::main_accounts(conn, org_id)?.is_empty() {
        return Err(AppError::invalid(fields.0, Msg::MainRequestHasMain));
    }
    let username = member_username(&prefix_of(conn, org_id)?, part);
    if users::find_by_key(conn, &username)?.is_some() {
        return Err(AppError::invalid(fields.1, Msg::UsernameTaken));
    }
    Ok(username)
}

/// Records the request; returns the account it asks for.
pub async fn ask(
    services: &Services,
    info: RequestInfo,
    request: MainRequest,
    captcha_answer: String,
) -> Result<String, AppError> {
    request.check(&services.settings.official_email_domains)?;
    captcha::verify(&services.pool, &services.settings, &captcha_answer).await?;
    services
        .write(&info, move |work| {
            let (org_id, _) = resolve_org(work.conn, &request.org_code)?;
            let username = claimable(work.conn, org_id, &request.member.part, ("org_code", "account"))?;
            if !main_requests::insert(work.conn, org_id, &request.member, now())? {
                return Err(AppError::invalid("org_code", Msg::MainRequestOpen).into());
            }
            // No one signed in and no account yet: the organization and the name asked for.
            let detail = format!("{} <{}>", request.member.name.trim(), request.member.email.trim());
            audit(
                work.conn,
                work.info,
                AuditEvent::MainAccountRequested,
                AuditOutcome::Success,
                None,
                &username,
                |r| {
                    r.org_id = Some(org_id);
                    r.detail = detail;
                },
            )?;
            Ok(username)
        })
        .await
}

/// The open requests, the oldest first.
pub async fn pending(services: &Services, info: RequestInfo) -> Result<Vec<MainRequestRow>, AppError> {
    authorize(services, &info, |_| Action::ManageOrganizations).await?;
    services
        .read(|conn| {
            let mut rows = Vec::new();
            for (request, org) in main_requests::pending(conn)? {
                let prefix = members::username_prefix(conn, org.id)?.unwrap_or_default();
                let has_main = !members::main_accounts(conn, org.id)?.is_empty();
                rows.push(MainRequestRow {
                    id: request.id,
                    org_key: org.key(),
                    org_name: org.name,
                    username: member_username(&prefix, &request.part),
                    name: request.display_name,
                    email: request.email,
                    unit: request.unit,
                    title: request.title,
                    phone: with_extension(&request.office_phone, &request.office_ext),
                    created_at: request.created_at,
                    has_main,
                });
            }
            Ok(rows)
        })
        .await
}

/// Creates the main account the request `id` asks for (`reason` is `None`), or turns it down
/// with the reason. Returns the username it named.
pub async fn review(
    services: &Services,
    info: RequestInfo,
    id: i64,
    reason: Option<String>,
) -> Result<String, AppError> {
    if let Some(reason) = &reason {
        check_reason(reason)?;
    }
    let (central, _) = authorize(services, &info, |_| Action::ManageOrganizations).await?;
    services
        .write(&info, move |work| {
            let request = main_requests::find_pending(work.conn, id)?.ok_or(AppError::NotFound)?;
            let admin = &central.user;
            // Closed first: a second answer at the same time waits on this row and then
            // finds it closed, before it could create anything.
            let status = if reason.is_some() { REJECTED } else { APPROVED };
            let why = reason.as_deref().map(str::trim).unwrap_or_default();
            if !main_requests::settle(work.conn, id, (status, why), admin.id, now())? {
                return Err(AppError::NotFound.into());
            }
            let (username, user, detail) = match &reason {
                None => {
                    let (username, user) = approve(work, &request, admin)?;
                    (username, Some(user), "approved".to_string())
                }
                Some(reason) => (reject(work, &request, reason)?, None, format!("rejected: {}", reason.trim())),
            };
            let audit = work.audit(AuditEvent::MainAccountRequestReviewed, AuditOutcome::Success);
            let audit = match &user {
                Some(user) => audit.subject(user).actor(admin.id),
                None => audit.about_data(admin, Some(request.org_id)),
            };
            audit.username(&username).detail(detail).write()?;
            Ok(username)
        })
        .await
}

/// Creates the account `request` asks for, `admin` its creator; its username and the account.
fn approve(work: &mut Work, request: &StoredRequest, admin: &User) -> Result<(String, User), AppError> {
    let username = claimable(work.conn, request.org_id, &request.part, ("request", "request"))?;
    let to = (admin, request.org_id, Role::OrgAdmin);
    let user = insert(work, to, (&username, &request.member()), AuditMethod::MainRequest)?;
    main_requests::link_user(work.conn, request.id, user.id)?;
    Ok((username, user))
}

/// Mails the requester why `request` was turned down; the username it named.
fn reject(work: &mut Work, request: &StoredRequest, reason: &str) -> Result<String, AppError> {
    let prefix = members::username_prefix(work.conn, request.org_id)?.unwrap_or_default();
    let username = member_username(&prefix, &request.part);
    let link = format!("{}/request-main-account", work.settings.public_url.trim_end_matches('/'));
    let m = mail::application_result(Locale::ZhTw, &request.display_name, &username, Some(reason), &link);
    outbox::enqueue(work.conn, Channel::Email, &request.email, m.template, &m.subject, &m.body, now())?;
    Ok(username)
}
