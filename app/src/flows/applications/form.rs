//! The 機關管理者帳號申請(異動)單 (SPEC §2): the old process had the applicant download it,
//! stamp it and mail it. Gatehouse fills it in from the application (the server's file route
//! writes it as XLSX) and keeps the stamped scan on the application for its reviewer.

use super::{current, reviewable};
use crate::{
    accounts::{check_scan, ApplicationKind, ApplicationStatus, AuditEvent, AuditOutcome},
    auth::RequestInfo,
    db::{applications, now, users},
    error::AppError,
    flows::work::Services,
};

/// The form's one line: 序號, 申請項目 (1 新增, 0 刪除), 機關OID, 機關名稱, 單位, 姓名, 職稱, 帳號,
/// 公務信箱, 公務電話.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormRow {
    pub oid: String,
    pub org_name: String,
    pub unit: String,
    pub name: String,
    pub title: String,
    pub username: String,
    pub email: String,
    pub phone: String,
}

/// The browser's own organization-admin application, once submitted; nothing else has a form.
fn own_admin_application(
    conn: &mut crate::db::AnyConnection,
    info: &RequestInfo,
) -> Result<applications::Application, AppError> {
    match current(conn, info)? {
        Some(app) if app.kind == ApplicationKind::OrgAdmin && app.status != ApplicationStatus::Draft => Ok(app),
        _ => Err(AppError::NotFound),
    }
}

pub async fn form_row(services: &Services, info: RequestInfo) -> Result<FormRow, AppError> {
    services
        .read(move |conn| {
            let app = own_admin_application(conn, &info)?;
            let user = users::find(conn, app.user_id.ok_or(AppError::NotFound)?)?;
            let profile = users::profile(conn, user.id)?;
            let (org_name, oid) = users::org_name_and_oid(conn, app.org_id)?;
            Ok(FormRow {
                oid,
                org_name,
                phone: profile.phone(),
                unit: profile.unit,
                name: user.display_name,
                title: profile.title,
                username: user.username,
                email: user.email,
            })
        })
        .await
}

/// Keeps the stamped scan on the browser's pending admin application, replacing an earlier one.
pub async fn upload_scan(services: &Services, info: RequestInfo, bytes: Vec<u8>) -> Result<(), AppError> {
    let content_type = check_scan(&bytes)?;
    services
        .write(&info, move |work| {
            let app = own_admin_application(work.conn, work.info)?;
            if app.status != ApplicationStatus::Pending {
                let message = crate::i18n::Msg::ApplyAlreadyReviewed.into();
                return Err(AppError::Conflict { rows: Vec::new(), message }.into());
            }
            applications::put_scan(work.conn, app.id, content_type, &bytes, now())?;
            let detail = format!("scan, {content_type}, {} bytes", bytes.len());
            super::audit_application(work, AuditEvent::ApplicationSubmitted, AuditOutcome::Success, &app, &detail)?;
            Ok(())
        })
        .await
}

/// The scan of application `id`, for whoever may review it: its type and bytes.
pub async fn review_scan(services: &Services, info: RequestInfo, id: i64) -> Result<(String, Vec<u8>), AppError> {
    reviewable(services, &info, id).await?;
    services.read(move |conn| applications::scan(conn, id)?.ok_or(AppError::NotFound)).await
}
