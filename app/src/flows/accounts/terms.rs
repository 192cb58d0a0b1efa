//! 用戶約定條款: the central authority publishes versioned terms of use; every account agrees
//! to the version in force before anything else answers it (`session::require_full` refuses
//! with `TermsRequired` until then), and its agreements stay, with their version and time,
//! for its 帳號設定 and the auditors' export. Publishing and agreeing are audited.

use crate::{
    accounts::{check_terms_text, AuditEvent, AuditOutcome, SignInNext, Terms, TermsPage},
    auth::RequestInfo,
    db::{now, terms},
    error::AppError,
    flows::{authorize, session, work::Services},
    i18n::{Locale, Msg},
    permissions::{decide, Action, Decision},
};

fn in_locale(row: terms::TermsRow, locale: Locale, agreed_at: Option<i64>) -> Terms {
    let body = match locale {
        Locale::ZhTw => row.body_zh,
        Locale::En => row.body_en,
    };
    Terms { version: row.version, body, published_at: row.published_at, agreed_at }
}

/// The terms in force for anyone; for a signed-in reader whether and when it agreed, and for
/// the central authority how many have.
pub async fn page(services: &Services, info: RequestInfo) -> Result<TermsPage, AppError> {
    let locale = info.locale;
    services
        .run(&info, move |work| {
            let current = session::current(work)?.filter(|c| c.is_full());
            let Some(row) = terms::in_force(work.conn)? else {
                return Ok(TermsPage { terms: None, pending: false, agreed: None });
            };
            let version = row.version;
            let agreed_at = match &current {
                Some(c) => terms::agreed_at(work.conn, c.user.id, version)?,
                None => None,
            };
            let central = match &current {
                Some(c) => {
                    let actor = crate::db::portal::actor(work.conn, &c.user)?;
                    decide(Some(&actor), Action::PublishTerms) == Decision::Allow
                }
                None => false,
            };
            let agreed = if central { Some(terms::agreed_count(work.conn, version)?) } else { None };
            let pending = current.is_some() && agreed_at.is_none();
            Ok(TermsPage { terms: Some(in_locale(row, locale, agreed_at)), pending, agreed })
        })
        .await
}

/// The signed-in account agrees to `version`, which must be the one in force (terms published
/// while the page was open are shown again, not agreed to unseen). Agreeing twice changes
/// nothing. Returns where to go next: back to a subsystem that asked, else home.
pub async fn agree(services: &Services, info: RequestInfo, version: i64) -> Result<SignInNext, AppError> {
    // Not `require_full`, which refuses exactly this account: a full session, its password
    // not expired (that is changed first).
    let current = session::require_full_even_expired(services, &info).await?;
    if session::password_expired(&services.settings, &current.user, now()) {
        return Err(AppError::PasswordExpired);
    }
    let resume = info.resume.is_some();
    services
        .write(&info, move |work| {
            let in_force = terms::in_force(work.conn)?.ok_or(AppError::NotFound)?;
            if in_force.version != version {
                return Err(AppError::invalid("version", Msg::TermsChanged).into());
            }
            if terms::agree(work.conn, current.user.id, version, &work.info.ip, now())? {
                work.audit(AuditEvent::TermsAgreed, AuditOutcome::Success)
                    .subject(&current.user)
                    .detail(&version.to_string())
                    .write()?;
            }
            Ok(())
        })
        .await?;
    Ok(if resume { SignInNext::Resume } else { SignInNext::Home })
}

/// Publishes a new version of the terms; every account, the publisher too, agrees to it at its
/// next request.
pub async fn publish(
    services: &Services,
    info: RequestInfo,
    body_zh: String,
    body_en: String,
) -> Result<i64, AppError> {
    let (admin, _) = authorize(services, &info, |_| Action::PublishTerms).await?;
    let body_zh = check_terms_text("body_zh", &body_zh)?;
    let body_en = check_terms_text("body_en", &body_en)?;
    services
        .write(&info, move |work| {
            let version = terms::publish(work.conn, &body_zh, &body_en, admin.user.id, now())?;
            work.audit(AuditEvent::TermsPublished, AuditOutcome::Success)
                .subject(&admin.user)
                .detail(&version.to_string())
                .write()?;
            Ok(version)
        })
        .await
}

/// Every agreement, for the auditors' export: the central authority only.
pub async fn agreements(services: &Services, info: RequestInfo) -> Result<Vec<terms::AgreementRow>, AppError> {
    authorize(services, &info, |_| Action::PublishTerms).await?;
    services.read(|conn| Ok(terms::all_agreements(conn)?)).await
}
