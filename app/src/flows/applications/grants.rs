//! 申請權限 and 申請刪除權限 (SPEC §2 step 7): a signed-in user asks for another subsystem or to
//! give one up, and whoever reviews that account's applications decides (its organization's
//! admins; the central authority for an admin), with the same permission as an application.

use crate::{
    accounts::{
        check_reason, ApplicationKind, AuditEvent, AuditOutcome, GrantChange, GrantRequestRow, SubsystemAccess,
    },
    auth::{mail, RequestInfo},
    db::{
        applications,
        grant_requests::{self, Pending},
        now,
        outbox::{self, Channel},
        portal, users,
    },
    error::AppError,
    flows::{authorize, work::Services},
    i18n::{Locale, Msg},
    permissions::{self, first_review_kind, review_scope, subsystem_reach, Account, Action, Actor, SubsystemReach},
};

/// Every subsystem with whether the viewer holds it and a request waiting.
pub async fn mine(services: &Services, info: RequestInfo) -> Result<Vec<SubsystemAccess>, AppError> {
    let (current, actor) = authorize(services, &info, |_| Action::ManageOwnAccount).await?;
    let (user, every) = (current.user, subsystem_reach(&actor) == SubsystemReach::Every);
    services
        .read(move |conn| {
            let held = portal::grant_codes(conn, user.id)?;
            let pending = grant_requests::pending_of(conn, user.id)?;
            Ok(portal::active_subsystems(conn, info.locale)?
                .into_iter()
                .map(|s| SubsystemAccess {
                    granted: every || held.contains(&s.code),
                    pending: pending.iter().find(|(c, _)| *c == s.code).and_then(|(_, ch)| GrantChange::parse(ch)),
                    code: s.code,
                    name: s.name,
                    description: s.description,
                })
                .collect())
        })
        .await
}

/// Asks for a subsystem (`Grant`) or to give one up (`Revoke`); its reviewers are mailed.
pub async fn ask(services: &Services, info: RequestInfo, code: String, change: GrantChange) -> Result<(), AppError> {
    let (current, actor) = authorize(services, &info, |_| Action::ManageOwnAccount).await?;
    let link = format!("{}/admin/applications", services.settings.public_url);
    services
        .write(&info, move |work| {
            let user = &current.user;
            if subsystem_reach(&actor) == SubsystemReach::Every {
                return Err(AppError::invalid("subsystem", Msg::GrantNotNeeded).into());
            }
            let conn = &mut *work.conn;
            let known = portal::active_subsystems(conn, Locale::default())?;
            let Some(subsystem) = known.iter().find(|s| s.code == code) else {
                return Err(AppError::invalid("subsystem", Msg::ApplySubsystemUnknown).into());
            };
            let held = portal::grant_codes(conn, user.id)?.contains(&code);
            match (change, held) {
                (GrantChange::Grant, true) => return Err(AppError::invalid("subsystem", Msg::GrantAlreadyHeld).into()),
                (GrantChange::Revoke, false) => return Err(AppError::invalid("subsystem", Msg::GrantNotHeld).into()),
                _ => {}
            }
            if !grant_requests::insert(conn, user.id, &code, change, now())? {
                return Err(AppError::invalid("subsystem", Msg::GrantAlreadyPending).into());
            }
            let org = users::org_name(conn, user.org_id)?;
            for (name, email) in applications::reviewers(conn, user.org_id, ApplicationKind::reviewed_as(user.role))? {
                let m = mail::grant_waiting(
                    Locale::default(),
                    &name,
                    &user.display_name,
                    &org,
                    &subsystem.name,
                    change,
                    &link,
                );
                outbox::enqueue(conn, Channel::Email, &email, m.template, &m.subject, &m.body, now())?;
            }
            let detail = format!("{} {code}", change.as_str());
            work.audit(AuditEvent::GrantRequested, AuditOutcome::Success).subject(user).detail(detail).write()?;
            Ok(())
        })
        .await
}

fn may_review(actor: &Actor, p: &Pending) -> bool {
    permissions::require(Some(actor), Action::ReviewApplication(p.org_id, ApplicationKind::reviewed_as(p.role))).is_ok()
}

/// Whether approving `p` is in the reviewer's power: giving a subsystem up always is; a grant
/// only of what the reviewer may grant (`permissions`), as when granting directly.
fn may_approve(actor: &Actor, p: &Pending) -> bool {
    p.change == GrantChange::Revoke
        || permissions::may_grant_through_review(actor, Account { org_id: p.org_id, role: p.role }, &p.subsystem_code)
}

fn row(p: Pending, locale: Locale, actor: &Actor) -> GrantRequestRow {
    GrantRequestRow {
        approvable: may_approve(actor, &p),
        id: p.id,
        change: p.change,
        subsystem: match locale {
            Locale::ZhTw => p.subsystem_zh,
            Locale::En => p.subsystem_en,
        },
        username: p.username,
        display_name: p.display_name,
        org_name: p.org_name,
        unit: p.unit.unwrap_or_default(),
        created_at: p.created_at,
    }
}

/// The requests waiting for the viewer: an organization admin's own organization's users', the
/// central authority's organization admins'.
pub async fn queue(services: &Services, info: RequestInfo) -> Result<Vec<GrantRequestRow>, AppError> {
    let (_, actor) = authorize(services, &info, |_| Action::ManageOwnAccount).await?;
    let kind = first_review_kind(&actor);
    let scope = review_scope(&actor, kind).ok_or(AppError::Forbidden)?;
    let locale = info.locale;
    services
        .read(move |conn| {
            Ok(grant_requests::queue(conn, scope, kind)?.into_iter().map(|p| row(p, locale, &actor)).collect())
        })
        .await
}

/// Approves (the grant is given or taken) or turns down (with a reason) request `id`; the
/// requester is mailed. Another organization's request is not found.
pub async fn decide(
    services: &Services,
    info: RequestInfo,
    id: i64,
    approve: bool,
    reason: String,
) -> Result<(), AppError> {
    if !approve {
        check_reason(&reason)?;
    }
    let (current, actor) = authorize(services, &info, |_| Action::ManageOwnAccount).await?;
    services
        .write(&info, move |work| {
            let conn = &mut *work.conn;
            let p = grant_requests::find(conn, id)?.filter(|p| may_review(&actor, p)).ok_or(AppError::NotFound)?;
            if approve && !may_approve(&actor, &p) {
                return Err(AppError::invalid("grant", Msg::GrantNotYours).into());
            }
            let now = now();
            let reason = (!approve).then(|| reason.trim().to_string());
            if !p.pending || !grant_requests::settle(conn, id, approve, current.user.id, reason.as_deref(), now)? {
                return Err(AppError::Conflict { rows: Vec::new(), message: Msg::ApplyAlreadyReviewed.into() }.into());
            }
            if approve {
                match p.change {
                    GrantChange::Grant => {
                        portal::grant(conn, p.user_id, &p.subsystem_code, Some(current.user.id), now)?
                    }
                    GrantChange::Revoke => portal::revoke(conn, p.user_id, &p.subsystem_code)?,
                }
            }
            let m =
                mail::grant_result(Locale::default(), &p.display_name, &p.subsystem_zh, p.change, reason.as_deref());
            outbox::enqueue(conn, Channel::Email, &p.email, m.template, &m.subject, &m.body, now)?;
            let subject = users::find(conn, p.user_id)?;
            let outcome = if approve { AuditOutcome::Success } else { AuditOutcome::Refused };
            work.audit(AuditEvent::GrantReviewed, outcome)
                .subject(&subject)
                .actor(current.user.id)
                .detail(format!("{} {}", p.change.as_str(), p.subsystem_code))
                .write()?;
            Ok(())
        })
        .await
}
