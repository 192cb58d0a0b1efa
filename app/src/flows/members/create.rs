//! A new sub-account: `{prefix}_{part}` in the main account's own organization (never
//! another, whatever the form says), a plain account with no grant, and a mailed link for its
//! holder to set the password. The main account never learns or sets that password.

use crate::{
    accounts::{member_username, AccountStatus, AuditEvent, AuditOutcome, NewMember, Role},
    auth::{captcha, RequestInfo},
    db::{
        members,
        users::{self, NewUser, OfficeContact},
        write_transaction,
    },
    error::AppError,
    flows::{accounts::admin::mail_set_password_link, audit::audit, authorize},
    i18n::Msg,
    permissions::Action,
    state::AppState,
};

/// Creates the sub-account and returns its username.
pub async fn create(
    state: &AppState,
    info: RequestInfo,
    new: NewMember,
    captcha_answer: String,
) -> Result<String, AppError> {
    new.check(&state.auth.official_email_domains)?;
    let (admin, _) = authorize(state, &info, |u| Action::ManageMembers(u.org_id)).await?;
    captcha::verify(&state.pool, &state.auth, &captcha_answer).await?;
    let settings = state.auth.clone();
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let org_id = admin.user.org_id;
                let Some(prefix) = members::username_prefix(conn, org_id)? else {
                    return Err(AppError::invalid("account", Msg::MemberNoPrefix));
                };
                let username = member_username(&prefix, &new.part);
                if users::find_by_key(conn, &username)?.is_some() {
                    return Err(AppError::invalid("account", Msg::UsernameTaken));
                }
                let p = &new.profile;
                let id = users::insert(
                    conn,
                    &NewUser {
                        org_id,
                        username: username.clone(),
                        display_name: new.name.trim().to_string(),
                        email: new.email.trim().to_string(),
                        mobile: None,
                        title: Some(p.title.trim().to_string()),
                        unit: Some(p.unit.trim().to_string()),
                        role: Some(Role::User),
                        status: Some(AccountStatus::Active),
                        office: OfficeContact {
                            office_phone: Some(p.office_phone.trim().to_string()),
                            office_ext: Some(p.office_ext.trim().to_string()).filter(|e| !e.is_empty()),
                            ..OfficeContact::default()
                        },
                    },
                )?;
                let user = users::find(conn, id)?;
                mail_set_password_link(conn, &settings, &user)?;
                audit(conn, &info, AuditEvent::AccountCreated, AuditOutcome::Success, Some(&user), &username, |r| {
                    r.actor_id = Some(admin.user.id);
                    r.method = Some("main_account");
                    r.detail = format!("by {}", admin.user.username);
                })?;
                Ok(username)
            })
        })
        .await
}
