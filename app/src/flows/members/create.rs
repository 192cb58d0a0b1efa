//! New sub-accounts: `{prefix}_{part}` in the main account's own organization (never another,
//! whatever the form or file says), plain accounts with no grant, each mailed a link for its
//! holder to set the password. The main account never learns or sets that password. One by
//! one from the form, or many from a file: every row checked and shown first, then all
//! created in one transaction, or none.

use std::collections::HashMap;

use crate::{
    accounts::{
        member_username, username_key, AccountStatus, AuditEvent, AuditMethod, AuditOutcome, MemberFile, MemberFileRow,
        NewMember, Role, MEMBER_FILE_ROWS,
    },
    auth::{captcha, AuthSettings, RequestInfo},
    db::{
        members,
        users::{self, NewUser, OfficeContact, User},
        AnyConnection,
    },
    error::AppError,
    flows::{
        accounts::admin::mail_set_password_link,
        authorize,
        sending::{has_room, Kind},
        work::{Services, Work},
    },
    i18n::{LocalText, Msg},
    permissions::Action,
};

/// Creates the sub-account and returns its username.
pub async fn create(
    services: &Services,
    info: RequestInfo,
    new: NewMember,
    captcha_answer: String,
) -> Result<String, AppError> {
    new.check(&services.settings.official_email_domains)?;
    let (admin, _) = authorize(services, &info, |u| Action::ManageMembers(u.org_id)).await?;
    captcha::verify(&services.pool, &services.settings, &captcha_answer).await?;
    services
        .write(&info, move |work| {
            let prefix = prefix_of(work.conn, admin.user.org_id)?;
            let username = member_username(&prefix, &new.part);
            if users::find_by_key(work.conn, &username)?.is_some() {
                return Err(AppError::invalid("account", Msg::UsernameTaken).into());
            }
            let user = &admin.user;
            insert(work, (user, user.org_id, Role::User), (&username, &new), AuditMethod::MainAccountForm)?;
            Ok(username)
        })
        .await
}

/// A file's rows checked as the form would check each, and against each other and the
/// accounts that exist; nothing is created.
pub async fn check_file(
    services: &Services,
    info: RequestInfo,
    rows: Vec<(usize, NewMember)>,
) -> Result<MemberFile, AppError> {
    let (admin, _) = authorize(services, &info, |u| Action::ManageMembers(u.org_id)).await?;
    let settings = services.settings.clone();
    services.read(move |conn| check_rows(conn, admin.user.org_id, &settings, rows)).await
}

/// Creates every row of a checked file in one transaction, each mailed its link; none when any
/// row is wrong now (the file is checked again: accounts may have been made meanwhile).
/// Returns how many were created.
pub async fn create_all(
    services: &Services,
    info: RequestInfo,
    rows: Vec<NewMember>,
    captcha_answer: String,
) -> Result<usize, AppError> {
    let (admin, _) = authorize(services, &info, |u| Action::ManageMembers(u.org_id)).await?;
    captcha::verify(&services.pool, &services.settings, &captcha_answer).await?;
    services
        .write(&info, move |work| {
            let numbered = rows.into_iter().enumerate().map(|(i, r)| (i + 1, r)).collect();
            let file = check_rows(work.conn, admin.user.org_id, work.settings, numbered)?;
            if file.rows.is_empty() || !file.is_clean() {
                return Err(AppError::invalid("file", Msg::MembersFileHasProblems).into());
            }
            for row in &file.rows {
                let to = (&admin.user, admin.user.org_id, Role::User);
                insert(work, to, (&row.username, &row.new), AuditMethod::MainAccountFile)?;
            }
            Ok(file.rows.len())
        })
        .await
}

pub(super) fn prefix_of(conn: &mut AnyConnection, org_id: i64) -> Result<String, AppError> {
    members::username_prefix(conn, org_id)?.ok_or_else(|| AppError::invalid("account", Msg::MemberNoPrefix))
}

/// Each row's problems: the form's rules, a username twice in the file, one already taken, an
/// email twice in the file (each row mails its address a link: one file must not flood one
/// mailbox), an address that has had its share of mail this hour. An account written with the
/// organization's code in front is taken as its part.
fn check_rows(
    conn: &mut AnyConnection,
    org_id: i64,
    settings: &AuthSettings,
    rows: Vec<(usize, NewMember)>,
) -> Result<MemberFile, AppError> {
    let domains = &settings.official_email_domains;
    if rows.len() > MEMBER_FILE_ROWS {
        return Err(AppError::invalid("file", LocalText::new(Msg::InvTooManyRows).arg("max", MEMBER_FILE_ROWS)));
    }
    let prefix = prefix_of(conn, org_id)?;
    let own = format!("{}_", prefix.to_lowercase());
    let mut checked: Vec<MemberFileRow> = rows
        .into_iter()
        .map(|(line, mut new)| {
            if new.part.trim().to_lowercase().starts_with(&own) {
                new.part = new.part.trim()[own.len()..].to_string();
            }
            let username = member_username(&prefix, &new.part);
            let problems = new.problems(domains);
            MemberFileRow { line, new, username, problems }
        })
        .collect();
    let keys: Vec<String> = checked.iter().map(|r| username_key(&r.username)).collect();
    let taken = members::taken(conn, &keys)?;
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    for (row, key) in checked.iter_mut().zip(&keys) {
        if row.problems.iter().any(|(field, _)| field == "account") {
            continue;
        }
        if taken.contains(key) {
            row.problems.push(("account".into(), Msg::UsernameTaken.into()));
        } else if let Some(line) = first_line.get(key.as_str()) {
            row.problems.push(("account".into(), LocalText::new(Msg::MembersFileTwice).arg("line", line)));
        } else {
            first_line.insert(key, row.line);
        }
    }
    let mut first_address: HashMap<String, usize> = HashMap::new();
    for row in &mut checked {
        if row.problems.iter().any(|(field, _)| field == "email") {
            continue;
        }
        let address = row.new.email.trim().to_lowercase();
        if let Some(line) = first_address.get(&address) {
            row.problems.push(("email".into(), LocalText::new(Msg::MembersFileEmailTwice).arg("line", line)));
        } else if !has_room(conn, settings, (Kind::SetPasswordLink, &address))? {
            row.problems.push(("email".into(), Msg::MailboxSendLimit.into()));
        } else {
            first_address.insert(address, row.line);
        }
    }
    Ok(MemberFile { rows: checked })
}

/// One account written in the organization `org_id` with `role`, its link mailed, its
/// creation audited with `admin` as actor (`method`: from the form, a file, a request).
pub(super) fn insert(
    work: &mut Work,
    (admin, org_id, role): (&User, i64, Role),
    (username, new): (&str, &NewMember),
    method: AuditMethod,
) -> Result<User, AppError> {
    let p = &new.profile;
    let trimmed = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let id = users::insert(
        work.conn,
        &NewUser {
            org_id,
            username: username.to_string(),
            display_name: new.name.trim().to_string(),
            email: new.email.trim().to_string(),
            mobile: None,
            title: trimmed(&p.title),
            unit: trimmed(&p.unit),
            role: Some(role),
            status: Some(AccountStatus::Active),
            office: OfficeContact {
                office_phone: trimmed(&p.office_phone),
                office_ext: trimmed(&p.office_ext),
                address: trimmed(&p.address),
                fax: trimmed(&p.fax),
            },
        },
    )?;
    let user = users::find(work.conn, id)?;
    mail_set_password_link(work.conn, work.settings, &user)?;
    work.audit(AuditEvent::AccountCreated, AuditOutcome::Success)
        .subject(&user)
        .actor(admin.id)
        .method(method)
        .detail(format!("by {}", admin.username))
        .write()?;
    Ok(user)
}
