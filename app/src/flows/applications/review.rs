//! The review (SPEC §2 step 6): 待審核列表 → 審查詳細資訊 → 接受申請 or 退回 with a reason. A
//! general user's application is reviewed by its organization's admins, an organization
//! admin's by the central authority (`permissions` decides). An organization has at most
//! `max_org_admins` admins: a further approval is refused, also when two race.

use super::audit_application;
use crate::{
    accounts::{
        check_reason, clamp_page, AccountStatus, AdminEntry, ApplicationDetail, ApplicationKind, ApplicationStatus,
        ApplicationSummary, AuditEvent, AuditOutcome, GrantChange, Paged, Role,
    },
    auth::{mail, RequestInfo},
    db::{
        applications::{self, QueueFilter, QueueRow},
        grant_requests, now,
        outbox::{self, Channel},
        portal, users,
    },
    error::AppError,
    flows::{
        authorize,
        work::{refuse, Services},
    },
    i18n::{LocalText, Locale, Msg},
    permissions::{first_review_kind, may_grant_through_review, review_scope, Account, Action, Actor},
};

/// Applications on one page of the queue.
const QUEUE_PAGE: i64 = 20;
/// Organization admins on one page of their list (a table row each).
const ADMINS_PAGE: i64 = 50;

fn summary((app, org_name, school_code, oid, username, title, unit): &QueueRow) -> ApplicationSummary {
    ApplicationSummary {
        id: app.id,
        kind: app.kind,
        status: app.status,
        org_name: org_name.clone(),
        org_code: school_code.clone().or(oid.clone()).unwrap_or_default(),
        display_name: app.display_name.clone(),
        username: username.clone().unwrap_or_default(),
        unit: unit.clone().unwrap_or_default(),
        title: title.clone().unwrap_or_default(),
        submitted_at: app.submitted_at.unwrap_or(app.created_at),
    }
}

/// One page of the pending applications of `kind` the viewer may review, oldest first,
/// narrowed to those matching `q`: an organization admin sees its own organization's, the
/// central authority every organization's. Without a kind, what the viewer reviews first: the
/// central authority organization admins', an organization admin its users'.
pub async fn queue(
    services: &Services,
    info: RequestInfo,
    kind: Option<ApplicationKind>,
    q: String,
    page: Option<i64>,
) -> Result<Paged<ApplicationSummary>, AppError> {
    let (_, actor) = authorize(services, &info, |_| Action::ManageOwnAccount).await?;
    let kind = kind.unwrap_or(first_review_kind(&actor));
    let scope = review_scope(&actor, kind).ok_or(AppError::Forbidden)?;
    services
        .read(move |conn| {
            let filter = QueueFilter { status: ApplicationStatus::Pending, kind, org_id: scope.org(), q: &q };
            let total = applications::queue_count(conn, &filter)?;
            let (page, offset) = clamp_page(page, total, QUEUE_PAGE);
            let rows = applications::queue(conn, &filter, offset, QUEUE_PAGE)?;
            Ok(Paged { rows: rows.iter().map(summary).collect(), total, page, per_page: QUEUE_PAGE })
        })
        .await
}

/// The application `id`, if the viewer may review it. Another organization's is not found,
/// like one that does not exist.
pub(crate) async fn reviewable(
    services: &Services,
    info: &RequestInfo,
    id: i64,
) -> Result<(QueueRow, crate::db::users::User, Actor), AppError> {
    let (current, actor) = authorize(services, info, |_| Action::ManageOwnAccount).await?;
    let row = services.read(move |conn| Ok(applications::detail(conn, id)?)).await?.ok_or(AppError::NotFound)?;
    if row.0.status == ApplicationStatus::Draft
        || crate::permissions::require(Some(&actor), Action::ReviewApplication(row.0.org_id, row.0.kind)).is_err()
    {
        return Err(AppError::NotFound);
    }
    Ok((row, current.user, actor))
}

pub async fn detail(services: &Services, info: RequestInfo, id: i64) -> Result<ApplicationDetail, AppError> {
    let (row, _, actor) = reviewable(services, &info, id).await?;
    let max_admins = services.settings.max_org_admins;
    services
        .read(move |conn| {
            let app = &row.0;
            let s = summary(&row);
            let profile = match app.user_id {
                Some(user_id) => users::profile(conn, user_id)?,
                None => Default::default(),
            };
            let available = portal::active_subsystems(conn, info.locale)?;
            let name =
                |code: &String| available.iter().find(|s| &s.code == code).map_or(code.clone(), |s| s.name.clone());
            let chosen = app.chosen();
            let subsystems = chosen.iter().map(name).collect();
            let applicant = applicant(app);
            let left_as_requests =
                chosen.iter().filter(|code| !may_grant_through_review(&actor, applicant, code)).map(name).collect();
            let reviewed_by = match app.reviewed_by {
                Some(id) => Some(users::find(conn, id)?.display_name),
                None => None,
            };
            Ok(ApplicationDetail {
                summary: s,
                email: app.email.clone(),
                mobile: app.mobile.clone(),
                proof: app.proof,
                profile,
                subsystems,
                left_as_requests,
                admins: applications::active_admins(conn, app.org_id)?,
                max_admins,
                reviewed_by,
                reviewed_at: app.reviewed_at,
                review_reason: app.review_reason.clone(),
                scan_uploaded_at: applications::scan_info(conn, app.id)?.map(|(at, _)| at),
            })
        })
        .await
}

fn already_reviewed() -> AppError {
    AppError::Conflict { rows: Vec::new(), message: Msg::ApplyAlreadyReviewed.into() }
}

/// The account an application makes, as the rules see it: its organization, and the role it
/// asks for.
fn applicant(app: &crate::db::applications::Application) -> Account {
    Account { org_id: app.org_id, role: app.kind.role() }
}

/// 接受申請: the account becomes active with the role asked for and the subsystems granted; the
/// applicant is mailed. A subsystem the reviewer may not grant (a main account grants only
/// what it holds) is not granted: it is left as the new account's request (申請權限), for
/// whoever may grant it.
pub async fn approve(services: &Services, info: RequestInfo, id: i64) -> Result<(), AppError> {
    let (row, reviewer, actor) = reviewable(services, &info, id).await?;
    let (max_admins, link) = (services.settings.max_org_admins, format!("{}/sign-in", services.settings.public_url));
    services
        .write(&info, move |work| {
            let org_id = row.0.org_id;
            applications::lock_org(work.conn, org_id)?;
            let app = applications::find(work.conn, id)?.ok_or(AppError::NotFound)?;
            if app.status != ApplicationStatus::Pending {
                return Err(already_reviewed().into());
            }
            let user_id = app.user_id.ok_or(AppError::Internal)?;
            let account = applicant(&app);
            let role = account.role;
            if role == Role::OrgAdmin && applications::active_admins(work.conn, org_id)? >= max_admins {
                audit_application(work, AuditEvent::ApplicationApproved, AuditOutcome::Refused, &app, "admin limit")?;
                let message = LocalText::new(Msg::ApplyAdminsFull).arg("max", max_admins);
                return refuse(AppError::Conflict { rows: Vec::new(), message });
            }
            let conn = &mut *work.conn;
            let now = now();
            if !applications::review(conn, id, ApplicationStatus::Approved, reviewer.id, None, now)?
                || !users::settle_pending(conn, user_id, AccountStatus::Active, role, now)?
            {
                return Err(already_reviewed().into());
            }
            for code in app.chosen() {
                if may_grant_through_review(&actor, account, &code) {
                    portal::grant(conn, user_id, &code, Some(reviewer.id), now)?;
                } else {
                    grant_requests::insert(conn, user_id, &code, GrantChange::Grant, now)?;
                }
            }
            let user = users::find(conn, user_id)?;
            let locale = Locale::from_tag(&app.locale).unwrap_or_default();
            let m = mail::application_result(locale, &user.display_name, &user.username, None, &link);
            outbox::enqueue(conn, Channel::Email, &user.email, m.template, &m.subject, &m.body, now)?;
            audit_application(work, AuditEvent::ApplicationApproved, AuditOutcome::Success, &app, &user.username)?;
            Ok(())
        })
        .await
}

/// 退回: the application is turned down with a reason the applicant is mailed.
pub async fn reject(services: &Services, info: RequestInfo, id: i64, reason: String) -> Result<(), AppError> {
    check_reason(&reason)?;
    let (_, reviewer, _) = reviewable(services, &info, id).await?;
    let link = format!("{}/apply", services.settings.public_url);
    services
        .write(&info, move |work| {
            let conn = &mut *work.conn;
            let app = applications::find(conn, id)?.ok_or(AppError::NotFound)?;
            let user_id = app.user_id.ok_or(AppError::Internal)?;
            let now = now();
            let reason = reason.trim();
            if app.status != ApplicationStatus::Pending
                || !applications::review(conn, id, ApplicationStatus::Rejected, reviewer.id, Some(reason), now)?
                || !users::settle_pending(conn, user_id, AccountStatus::Rejected, Role::User, now)?
            {
                return Err(already_reviewed().into());
            }
            // A registered contact refused may apply again (with another username).
            crate::db::contacts::unlink_user(conn, user_id)?;
            let user = users::find(conn, user_id)?;
            let locale = Locale::from_tag(&app.locale).unwrap_or_default();
            let m = mail::application_result(locale, &user.display_name, &user.username, Some(reason), &link);
            outbox::enqueue(conn, Channel::Email, &user.email, m.template, &m.subject, &m.body, now)?;
            audit_application(work, AuditEvent::ApplicationRejected, AuditOutcome::Success, &app, reason)?;
            Ok(())
        })
        .await
}

/// How many applications and access requests wait for `actor`'s review (none for whoever
/// reviews nothing), for the home page's reminder: the same lists as the review page's.
pub(crate) fn waiting(conn: &mut crate::db::AnyConnection, actor: &Actor) -> Result<usize, AppError> {
    let kind = first_review_kind(actor);
    let Some(scope) = review_scope(actor, kind) else {
        return Ok(0);
    };
    // Counted, not loaded: this runs on every signed-in home page.
    let filter = QueueFilter { status: ApplicationStatus::Pending, kind, org_id: scope.org(), q: "" };
    let applications = applications::queue_count(conn, &filter)?;
    let requests = crate::db::grant_requests::count_pending(conn, scope, kind)?;
    Ok((applications + requests) as usize)
}

/// 機關管理者名單: every organization admin and their last sign-in, for the periodic review.
pub async fn org_admins(
    services: &Services,
    info: RequestInfo,
    q: String,
    page: Option<i64>,
) -> Result<Paged<AdminEntry>, AppError> {
    authorize(services, &info, |_| Action::ListOrgAdmins).await?;
    services
        .read(move |conn| {
            let total = applications::org_admins_count(conn, &q)?;
            let (page, offset) = clamp_page(page, total, ADMINS_PAGE);
            let rows = applications::org_admins(conn, &q, offset, ADMINS_PAGE)?
                .into_iter()
                .map(|(user, org_name, school_code, oid)| AdminEntry {
                    active: user.is_active(),
                    username: user.username,
                    display_name: user.display_name,
                    org_name,
                    org_code: school_code.or(oid).unwrap_or_default(),
                    unit: user.unit.unwrap_or_default(),
                    title: user.title.unwrap_or_default(),
                    last_sign_in_at: user.last_sign_in_at,
                })
                .collect();
            Ok(Paged { rows, total, page, per_page: ADMINS_PAGE })
        })
        .await
}
