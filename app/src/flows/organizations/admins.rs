//! 機關各系統管理者列表 / 查詢學校主帳號負責人 (SPEC §1): by OID or school code and a CAPTCHA,
//! anyone may learn who administers an organization, so that a teacher knows whom to ask.
//! Names, units, titles and the subsystems each administers; office contact masked; never a
//! username, mobile or anything private. Each lookup is on record.

use crate::{
    accounts::{mask_email, mask_phone, with_extension, AdminContact, AuditEvent, AuditOutcome, OrgAdmins},
    auth::{captcha, RequestInfo},
    db::{members, portal, users, AnyConnection},
    error::AppError,
    flows::{applications::resolve_org, audit::audit, work::Services},
    i18n::{Locale, Msg},
};

pub async fn lookup(
    services: &Services,
    info: RequestInfo,
    org: String,
    captcha_answer: String,
) -> Result<OrgAdmins, AppError> {
    // Said before the CAPTCHA is spent.
    if org.trim().is_empty() {
        return Err(AppError::invalid("org_code", Msg::ApplyOrgRequired));
    }
    captcha::verify(&services.pool, &services.settings, &captcha_answer).await?;
    services
        .write(&info, move |work| {
            let (org_id, org_name) = resolve_org(work.conn, &org)?;
            let (_, org_key) = users::org_name_and_code(work.conn, org_id)?;
            let admins = contacts(work.conn, org_id, work.info.locale)?;
            // Anyone's lookup, about no account: only the organization says what it was about.
            audit(work.conn, work.info, AuditEvent::AdminsLookedUp, AuditOutcome::Success, None, "", |r| {
                r.org_id = Some(org_id);
                r.detail = format!("{org_name}: {} admins", admins.len());
            })?;
            Ok(OrgAdmins { org_name, org_key, admins })
        })
        .await
}

/// The organization's admins as anyone may see them: office contact masked.
fn contacts(conn: &mut AnyConnection, org_id: i64, locale: Locale) -> Result<Vec<AdminContact>, AppError> {
    let subsystems = portal::active_subsystems(conn, locale)?;
    let mut admins = Vec::new();
    for (user, phone, ext) in members::admin_contacts(conn, org_id)? {
        let held = portal::grant_codes(conn, user.id)?;
        admins.push(AdminContact {
            name: user.display_name,
            unit: user.unit.unwrap_or_default(),
            title: user.title.unwrap_or_default(),
            phone: with_extension(
                &phone.as_deref().map(mask_phone).unwrap_or_default(),
                ext.as_deref().unwrap_or_default(),
            ),
            email: mask_email(&user.email),
            subsystems: subsystems.iter().filter(|s| held.contains(&s.code)).map(|s| s.name.clone()).collect(),
        });
    }
    Ok(admins)
}
