//! 機關各系統管理者列表 / 查詢學校主帳號負責人 (SPEC §1): by OID or school code and a CAPTCHA,
//! anyone may learn who administers an organization, so that a teacher knows whom to ask.
//! Names, units, titles and the subsystems each administers; office contact masked; never a
//! username, mobile or anything private. Each lookup is on record.

use crate::{
    accounts::{mask_email, mask_phone, with_extension, AdminContact, AuditEvent, AuditOutcome, OrgAdmins},
    auth::{captcha, RequestInfo},
    db::{members, portal, users, write_transaction},
    error::AppError,
    flows::{applications::resolve_org, audit::audit},
    i18n::Msg,
    state::AppState,
};

pub async fn lookup(
    state: &AppState,
    info: RequestInfo,
    org: String,
    captcha_answer: String,
) -> Result<OrgAdmins, AppError> {
    // Said before the CAPTCHA is spent.
    if org.trim().is_empty() {
        return Err(AppError::invalid("org_code", Msg::ApplyOrgRequired));
    }
    captcha::verify(&state.pool, &state.settings, &captcha_answer).await?;
    let locale = info.locale;
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let (org_id, org_name) = resolve_org(conn, &org)?;
                let (_, org_key) = users::org_name_and_code(conn, org_id)?;
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
                        subsystems: subsystems
                            .iter()
                            .filter(|s| held.contains(&s.code))
                            .map(|s| s.name.clone())
                            .collect(),
                    });
                }
                audit(conn, &info, AuditEvent::AdminsLookedUp, AuditOutcome::Success, None, "", |r| {
                    r.org_id = Some(org_id);
                    r.detail = format!("{org_name}: {} admins", admins.len());
                })?;
                Ok(OrgAdmins { org_name, org_key, admins })
            })
        })
        .await
}
