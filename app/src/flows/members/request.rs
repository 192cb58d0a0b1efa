//! 申請主帳號 (SPEC §4): a school or agency without a main account asks for one, naming the
//! account it wants and its holder; the central authority creates it (the holder sets the
//! password from the mailed link, as a sub-account's does) or turns the request down with a
//! reason, mailed to the requester. One open request per organization; none once it has a
//! main account.

use crate::{
    accounts::{
        check_reason, member_username, with_extension, AuditEvent, AuditOutcome, MainRequest, MainRequestRow, Role,
    },
    auth::{captcha, mail, RequestInfo},
    db::{
        main_requests::{self, APPROVED, REJECTED},
        members, now,
        outbox::{self, Channel},
        users, write_transaction, AnyConnection,
    },
    error::AppError,
    flows::{applications::resolve_org, audit::audit, authorize},
    i18n::{Locale, Msg},
    permissions::Action,
    state::AppState,
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
    state: &AppState,
    info: RequestInfo,
    request: MainRequest,
    captcha_answer: String,
) -> Result<String, AppError> {
    request.check(&state.settings.official_email_domains)?;
    captcha::verify(&state.pool, &state.settings, &captcha_answer).await?;
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let (org_id, _) = resolve_org(conn, &request.org_code)?;
                let username = claimable(conn, org_id, &request.member.part, ("org_code", "account"))?;
                if !main_requests::insert(conn, org_id, &request.member, now())? {
                    return Err(AppError::invalid("org_code", Msg::MainRequestOpen));
                }
                audit(conn, &info, AuditEvent::MainAccountRequested, AuditOutcome::Success, None, &username, |r| {
                    r.org_id = Some(org_id);
                    r.detail = format!("{} <{}>", request.member.name.trim(), request.member.email.trim());
                })?;
                Ok(username)
            })
        })
        .await
}

/// The open requests, the oldest first.
pub async fn pending(state: &AppState, info: RequestInfo) -> Result<Vec<MainRequestRow>, AppError> {
    authorize(state, &info, |_| Action::ManageOrganizations).await?;
    state
        .pool
        .run(|conn| {
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
pub async fn review(state: &AppState, info: RequestInfo, id: i64, reason: Option<String>) -> Result<String, AppError> {
    if let Some(reason) = &reason {
        check_reason(reason)?;
    }
    let (central, _) = authorize(state, &info, |_| Action::ManageOrganizations).await?;
    let settings = state.settings.clone();
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let request = main_requests::find_pending(conn, id)?.ok_or(AppError::NotFound)?;
                let admin = &central.user;
                // Closed first: a second answer at the same time waits on this row and then
                // finds it closed, before it could create anything.
                let status = if reason.is_some() { REJECTED } else { APPROVED };
                let why = reason.as_deref().map(str::trim).unwrap_or_default();
                if !main_requests::settle(conn, id, (status, why), admin.id, now())? {
                    return Err(AppError::NotFound);
                }
                let (username, user, detail) = match &reason {
                    None => {
                        let username = claimable(conn, request.org_id, &request.part, ("request", "request"))?;
                        let to = (admin, request.org_id, Role::OrgAdmin);
                        let user =
                            insert(conn, (&settings, &info), to, (&username, &request.member()), "main_request")?;
                        main_requests::link_user(conn, id, user.id)?;
                        (username, Some(user.id), "approved".to_string())
                    }
                    Some(reason) => {
                        let prefix = members::username_prefix(conn, request.org_id)?.unwrap_or_default();
                        let username = member_username(&prefix, &request.part);
                        let link = format!("{}/request-main-account", settings.public_url.trim_end_matches('/'));
                        let m = mail::application_result(
                            Locale::ZhTw,
                            &request.display_name,
                            &username,
                            Some(reason),
                            &link,
                        );
                        outbox::enqueue(conn, Channel::Email, &request.email, m.template, &m.subject, &m.body, now())?;
                        (username, None, format!("rejected: {}", reason.trim()))
                    }
                };
                audit(
                    conn,
                    &info,
                    AuditEvent::MainAccountRequestReviewed,
                    AuditOutcome::Success,
                    Some(admin),
                    &username,
                    |r| {
                        r.subject_id = user;
                        r.org_id = Some(request.org_id);
                        r.detail = detail;
                    },
                )?;
                Ok(username)
            })
        })
        .await
}
