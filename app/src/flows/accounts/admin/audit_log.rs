//! Reading the audit log: 稽核紀錄 (everything, the central authority) and 收件紀錄 (an
//! organization's account assignments), shown or exported, each reading audited itself.

use crate::{
    accounts::AuditEvent,
    auth::RequestInfo,
    db::audit,
    error::AppError,
    flows::{authorize, work::Services},
    i18n::Msg,
    permissions::Action,
};

/// Why the audit log is read: shown on the page, or exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditRead {
    Search,
    Export,
}

/// Whose audit records a search reads.
pub enum AuditScope {
    /// Everything (稽核紀錄): the central authority.
    All,
    /// 收件紀錄: the reader's own organization's account assignments, without the addresses
    /// and browsers they came from.
    MemberLog,
}

/// The audit log by username fragment and Taiwan-time day range (`to` inclusive), within
/// `scope`. Reading it is audited too.
pub async fn search_audit(
    services: &Services,
    info: RequestInfo,
    filter: [String; 3],
    limit: i64,
    (scope, read): (AuditScope, AuditRead),
) -> Result<Vec<crate::accounts::ActivityEntry>, AppError> {
    use crate::{accounts::MEMBER_LOG_EVENTS, time::parse_taipei_date};
    let (reader, within) = match scope {
        AuditScope::All => (authorize(services, &info, |_| Action::ReadAudit).await?.0, None),
        AuditScope::MemberLog => {
            let (reader, _) = authorize(services, &info, |u| Action::ReadMemberLog(u.org_id)).await?;
            let org = reader.user.org_id;
            (reader, Some((org, MEMBER_LOG_EVENTS.iter().map(|e| e.as_str()).collect::<Vec<_>>())))
        }
    };
    let [username, from, to] = filter;
    let detail = format!("username={username} from={from} to={to}");
    let day = |field: &str, text: &str| -> Result<Option<i64>, AppError> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        parse_taipei_date(text).map(Some).ok_or_else(|| AppError::invalid(field, Msg::DateInvalid))
    };
    let from = day("from", &from)?;
    let to = day("to", &to)?.map(|start| start + 86_400);
    let scoped = within.is_some();
    let mut entries = services
        .read(move |conn| {
            let within = within.as_ref().map(|(org, events)| (*org, events.as_slice()));
            Ok(audit::search(conn, &username, (from, to), within, limit)?)
        })
        .await?;
    if scoped {
        for e in &mut entries {
            e.ip.clear();
            e.user_agent.clear();
        }
    }
    let event = match read {
        AuditRead::Search => AuditEvent::AuditSearched,
        AuditRead::Export => AuditEvent::AuditExported,
    };
    let detail = format!("{}{detail} rows={}", if scoped { "member log " } else { "" }, entries.len());
    crate::flows::audit::record(services, &info, &reader.user, event, None, detail).await?;
    Ok(entries)
}
