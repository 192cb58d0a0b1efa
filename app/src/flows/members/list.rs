//! The main account's list of its organization's accounts, searched.

use crate::{
    accounts::{check_member_query, FunctionChoice, GrantChoice, MemberFormInfo, MembersView},
    auth::RequestInfo,
    db::{clients, members, portal, users},
    error::AppError,
    flows::{authorize, work::Services},
    i18n::Locale,
    permissions::{self, Action},
    provider::parse_catalogue,
};

/// How many accounts one page lists; a search finds the others.
const LISTED: i64 = 200;

pub async fn view(services: &Services, info: RequestInfo, q: String) -> Result<MembersView, AppError> {
    check_member_query(&q)?;
    let (admin, actor) = authorize(services, &info, |u| Action::ManageMembers(u.org_id)).await?;
    let locale: Locale = info.locale;
    services
        .read(move |conn| {
            let org_id = admin.user.org_id;
            let (members, more) = members::list(conn, (org_id, admin.user.id), &q, LISTED)?;
            let active = portal::active_subsystems(conn, locale)?;
            let allowed = permissions::grantable(&actor, active.iter().map(|s| s.code.as_str()));
            let mut grantable = Vec::new();
            for s in active.iter().filter(|s| allowed.contains(&s.code.as_str())) {
                let catalogue =
                    clients::find(conn, &s.code)?.map(|c| parse_catalogue(&c.functions)).unwrap_or_default();
                let functions = catalogue
                    .iter()
                    .map(|f| FunctionChoice { code: f.code.clone(), name: f.name(locale).to_string() })
                    .collect();
                grantable.push(GrantChoice { code: s.code.clone(), name: s.name.clone(), functions });
            }
            Ok(MembersView { grantable, members, more })
        })
        .await
}

/// What 新增子帳號 needs to know: the organization, its code, the email domains.
pub async fn form_info(services: &Services, info: RequestInfo) -> Result<MemberFormInfo, AppError> {
    let (admin, _) = authorize(services, &info, |u| Action::ManageMembers(u.org_id)).await?;
    let email_domains = services.settings.official_email_domains.clone();
    let org_id = admin.user.org_id;
    services
        .read(move |conn| {
            Ok(MemberFormInfo {
                org_name: users::org_name(conn, org_id)?,
                prefix: members::username_prefix(conn, org_id)?,
                email_domains,
            })
        })
        .await
}
