//! 同意授權 as the provider asks it: before a subsystem first receives anything, and again
//! when its list of fields has grown, the page names the subsystem, each field, and its
//! privacy and terms links. Only an account that may sign in to the subsystem is asked.

use crate::{
    accounts::{AuditEvent, AuditMethod, AuditOutcome, SubsystemConsent},
    auth::RequestInfo,
    db::{clients, consents, now, portal},
    error::AppError,
    flows::{
        session,
        work::{refuse, Services},
    },
    i18n::Locale,
    permissions::may_sign_in_to,
    provider::{ClientKind, ProfileField},
};

fn registered(conn: &mut crate::db::AnyConnection, code: &str) -> Result<clients::ClientRow, AppError> {
    clients::find(conn, code)?
        .filter(|c| c.active && ClientKind::of(&c.client_kind).is_some_and(|k| k != ClientKind::Builtin))
        .ok_or(AppError::NotFound)
}

/// What the consent page shows for the subsystem `code` to the signed-in account.
pub async fn view(services: &Services, info: &RequestInfo, code: String) -> Result<SubsystemConsent, AppError> {
    let current = session::require_full(services, info).await?;
    let locale = info.locale;
    services
        .read(move |conn| {
            let client = registered(conn, &code)?;
            if !may_sign_in_to(&portal::actor(conn, &current.user)?, &client.code) {
                return Err(AppError::Forbidden);
            }
            let agreed = consents::agreed_fields(conn, current.user.id, &client.code)?;
            let name = match locale {
                Locale::ZhTw => client.name_zh,
                Locale::En => client.name_en,
            };
            Ok(SubsystemConsent {
                code: client.code,
                name,
                fields: ProfileField::parse_list(&client.fields),
                asked_before: agreed.is_some(),
                redirect_origins: crate::provider::address_list(&client.redirect_uris)
                    .iter()
                    .filter_map(|uri| crate::provider::origin_of(uri).map(str::to_string))
                    .collect(),
                privacy_url: client.privacy_url,
                terms_url: client.terms_url,
            })
        })
        .await
}

/// Agrees to share the subsystem's fields as they are registered now.
pub async fn give(services: &Services, info: &RequestInfo, code: String) -> Result<(), AppError> {
    let current = session::require_full(services, info).await?;
    services
        .write(info, move |work| {
            let client = registered(work.conn, &code)?;
            if !may_sign_in_to(&portal::actor(work.conn, &current.user)?, &client.code) {
                return refuse(AppError::Forbidden);
            }
            if consents::give(work.conn, current.user.id, &client.code, &client.fields, now())? {
                work.audit(AuditEvent::ConsentGiven, AuditOutcome::Success)
                    .subject(&current.user)
                    .method(AuditMethod::Consent)
                    .detail(format!("{}: {}", client.code, client.fields))
                    .write()?;
            }
            Ok(())
        })
        .await
}
