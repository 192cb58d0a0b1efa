//! The applicant's steps (SPEC §2 steps 1–5): contact and CAPTCHA, the two codes, the
//! subsystems, the account form.

use super::{
    audit_application, check_code, current, current_draft, needs, new_token, open_org, reached, refuse_disabled,
    send_code, view,
};
use crate::{
    accounts::{
        check_mobile, check_new_password, check_new_username, check_official_email, check_real_name, check_sent_code,
        mask_name, AccountStatus, ApplicationKind, ApplicationView, ApplyStep, AuditEvent, AuditOutcome, ContactChoice,
        NewPasswordInput, Profile, Proof,
    },
    auth::{captcha, mail, RequestInfo},
    db::{
        applications::{self, Contact},
        contacts, now,
        outbox::{self, Channel},
        users::{self, NewUser, OfficeContact},
        AnyConnection,
    },
    error::AppError,
    flows::{
        session::token_hash,
        work::{refuse, Services},
    },
    i18n::{Locale, Msg},
    password::PasswordPolicy,
};

/// The browser's application as its page shows it.
pub async fn get(services: &Services, info: RequestInfo) -> Result<ApplicationView, AppError> {
    let settings = services.settings.clone();
    services
        .read(move |conn| {
            let app = current(conn, &info)?;
            view(conn, &settings, app.as_ref(), info.locale)
        })
        .await
}

/// What the first step's form sends.
pub struct ContactForm {
    pub org_code: String,
    pub name: String,
    pub email: String,
    pub mobile: String,
    /// A registered contact's choice: the picked entry and where to send the one code.
    pub registered: Option<(i64, Channel)>,
}

/// 請選擇姓名: the organization's registered contacts who may still apply, by masked name.
pub async fn registered_contacts(services: &Services, org_code: String) -> Result<Vec<ContactChoice>, AppError> {
    services
        .read(move |conn| {
            let (org_id, _) = open_org(conn, &org_code)?;
            Ok(contacts::open_to_apply(conn, org_id)?
                .into_iter()
                .map(|c| ContactChoice { id: c.id, masked: mask_name(&c.display_name) })
                .collect())
        })
        .await
}

/// Who the first step's details say is applying, and what they must prove.
struct Claim {
    display_name: String,
    contact_id: Option<i64>,
    proof: Proof,
}

/// A registered contact's claim: the picked entry must be one the list offers. Among the
/// entries listed under the same masked name, the one whose email and mobile on record are
/// the typed ones is the applicant. When none is, the page goes on exactly as if one were,
/// but no code is sent: whether the details matched is told only to whoever reads that
/// mailbox or phone.
fn registered_claim(
    conn: &mut AnyConnection,
    org_id: i64,
    picked: i64,
    channel: Channel,
    email: &str,
    mobile: &str,
) -> Result<Claim, AppError> {
    let listed = contacts::open_to_apply(conn, org_id)?;
    let Some(picked) = listed.iter().find(|c| c.id == picked) else {
        return Err(AppError::invalid("contact", Msg::ApplyContactUnknown));
    };
    let masked = mask_name(&picked.display_name);
    let matched = listed
        .iter()
        .filter(|c| mask_name(&c.display_name) == masked)
        .find(|c| c.email.eq_ignore_ascii_case(email) && c.mobile == mobile);
    let proof = match channel {
        Channel::Email => Proof::Email,
        Channel::Sms => Proof::Sms,
    };
    Ok(match matched {
        Some(c) => Claim { display_name: c.display_name.clone(), contact_id: Some(c.id), proof },
        None => Claim { display_name: masked, contact_id: None, proof },
    })
}

/// Steps 1–3: the organization, who is applying, and the CAPTCHA. A new applicant's code goes
/// to the email and another to the mobile; a registered contact's one code to the channel it
/// chose. Coming back to this step with other details starts the proof again; with the same
/// ones it keeps what was proved.
pub async fn start(
    services: &Services,
    info: RequestInfo,
    form: ContactForm,
    captcha_answer: String,
) -> Result<(), AppError> {
    if form.registered.is_none() {
        check_real_name(&form.name)?;
    }
    check_official_email(&form.email, &services.settings.official_email_domains)?;
    let mobile = check_mobile(&form.mobile)?;
    let key = services.settings.keys.codes();
    let org_code = form.org_code.clone();
    let org = services.read(move |conn| open_org(conn, &org_code)).await?;
    captcha::verify(&services.pool, &services.settings, &captcha_answer).await?;
    let email = form.email.trim().to_ascii_lowercase();
    services
        .write(&info, move |work| {
            let settings = work.settings;
            let conn = &mut *work.conn;
            let claim = match form.registered {
                Some((picked, channel)) => registered_claim(conn, org.0, picked, channel, &email, &mobile)?,
                None => Claim { display_name: form.name.trim().to_string(), contact_id: None, proof: Proof::Both },
            };
            let contact = Contact {
                org_id: org.0,
                display_name: &claim.display_name,
                email: &email,
                mobile: &mobile,
                contact_id: claim.contact_id,
                proof: claim.proof,
            };
            let now = now();
            // A draft whose codes are spent is left behind: a new one starts (behind the
            // CAPTCHA and the sending limits), as the page's message for spent codes says.
            let spent = |a: &applications::Application| {
                [Channel::Email, Channel::Sms]
                    .into_iter()
                    .any(|c| !a.code(c).verified && a.code(c).tries >= settings.code_attempts)
            };
            let existing = current(conn, work.info)?
                .filter(|a| a.status == crate::accounts::ApplicationStatus::Draft)
                .filter(|a| !spent(a));
            let app = match existing {
                Some(app)
                    if app.org_id == contact.org_id
                        && app.display_name == claim.display_name
                        && app.email == email
                        && app.mobile == mobile
                        && app.proof == claim.proof
                        && app.contact_id == claim.contact_id
                        && app.verified() =>
                {
                    // Nothing changed and it is proved: on to the next step as before.
                    return Ok(());
                }
                Some(app) => {
                    applications::replace_contact(conn, app.id, &contact, now)?;
                    app.id
                }
                None => {
                    let token = new_token(work);
                    applications::insert_draft(work.conn, &token_hash(&token), &contact, work.info.locale.tag(), now)?
                }
            };
            let app = applications::find(work.conn, app)?.ok_or(AppError::NotFound)?;
            let mut sent = true;
            for channel in [Channel::Email, Channel::Sms] {
                if sent && needs(app.proof, channel) {
                    sent = send_code(work, &key, &app, channel)?;
                }
            }
            let (outcome, detail) = if sent {
                (AuditOutcome::Success, claim.proof.as_str())
            } else {
                (AuditOutcome::Refused, "sending limit")
            };
            audit_application(work, AuditEvent::ApplicationStarted, outcome, &app, detail)?;
            if sent {
                Ok(())
            } else {
                refuse(AppError::invalid("email", Msg::ApplySendLimit))
            }
        })
        .await
}

/// 信箱驗證碼 and 手機驗證碼: those the application needs (both, or a registered contact's
/// one). Each is checked against its own channel's code of
/// this application only; a channel already proved is not asked again.
pub async fn verify(
    services: &Services,
    info: RequestInfo,
    email_code: String,
    mobile_code: String,
) -> Result<(), AppError> {
    let key = services.settings.keys.codes();
    // No transaction of its own: each counted try stands by itself, as does the record of it.
    services
        .run(&info, move |work| {
            let app = current_draft(work.conn, work.info)?;
            let email = match app.email_verified_at {
                _ if !app.proof.needs_email() => Ok(()),
                Some(_) => Ok(()),
                None => check_sent_code("email_code", &email_code)
                    .and_then(|c| check_code(work, &key, &app, Channel::Email, "email_code", &c)),
            };
            let mobile = match app.mobile_verified_at {
                _ if !app.proof.needs_mobile() => Ok(()),
                Some(_) => Ok(()),
                None => check_sent_code("mobile_code", &mobile_code)
                    .and_then(|c| check_code(work, &key, &app, Channel::Sms, "mobile_code", &c)),
            };
            let app = applications::find(work.conn, app.id)?.ok_or(AppError::NotFound)?;
            let outcome = if email.is_ok() && mobile.is_ok() { AuditOutcome::Success } else { AuditOutcome::Failure };
            audit_application(work, AuditEvent::ApplicationVerified, outcome, &app, "")?;
            email.and(mobile).or_else(refuse)
        })
        .await
}

/// 重新寄送: a new code on one channel, voiding the older; limited, and never fresh tries.
pub async fn resend(services: &Services, info: RequestInfo, channel: Channel) -> Result<(), AppError> {
    let key = services.settings.keys.codes();
    let field = match channel {
        Channel::Email => "email_code",
        Channel::Sms => "mobile_code",
    };
    services
        .write(&info, move |work| {
            let app = current_draft(work.conn, work.info)?;
            if app.code(channel).verified || !needs(app.proof, channel) {
                return Ok(());
            }
            if app.code(channel).tries >= work.settings.code_attempts {
                // A resend never gives fresh tries: this application is spent.
                return Err(AppError::invalid(field, Msg::ApplyCodeSpent).into());
            }
            if send_code(work, &key, &app, channel)? {
                return Ok(());
            }
            audit_application(work, AuditEvent::ApplicationStarted, AuditOutcome::Refused, &app, "resend limit")?;
            refuse(AppError::invalid(field, Msg::ApplySendLimit))
        })
        .await
}

/// Step 4, 系統帳號權限申請: which subsystems, and whether this is a general user's application
/// or an organization admin's. A user's needs an admin to review it; an admin's needs room
/// under the organization's limit.
pub async fn choose(
    services: &Services,
    info: RequestInfo,
    kind: ApplicationKind,
    subsystems: Vec<String>,
) -> Result<(), AppError> {
    let max_admins = services.settings.max_org_admins;
    // Read, then one statement: no unit of work needed.
    services
        .read(move |conn| {
            let app = current_draft(conn, &info)?;
            if reached(&app) < ApplyStep::Subsystems {
                return Err(AppError::invalid("step", Msg::ApplyVerifyFirst));
            }
            let available = crate::db::portal::active_subsystems(conn, info.locale)?;
            let mut chosen: Vec<String> = Vec::new();
            for code in subsystems {
                if !available.iter().any(|s| s.code == code) {
                    return Err(AppError::invalid("subsystems", Msg::ApplySubsystemUnknown));
                }
                if !chosen.contains(&code) {
                    chosen.push(code);
                }
            }
            if chosen.is_empty() {
                return Err(AppError::invalid("subsystems", Msg::ApplySubsystemRequired));
            }
            let admins = applications::active_admins(conn, app.org_id)?;
            match kind {
                ApplicationKind::User if admins == 0 => return Err(AppError::invalid("kind", Msg::ApplyNoAdmins)),
                ApplicationKind::OrgAdmin if admins >= max_admins => {
                    return Err(AppError::invalid(
                        "kind",
                        crate::i18n::LocalText::new(Msg::ApplyAdminsFull).arg("max", max_admins),
                    ))
                }
                _ => {}
            }
            applications::choose(conn, app.id, kind, &chosen, now())?;
            Ok(())
        })
        .await
}

/// What the account form sends.
pub struct AccountForm {
    pub username: String,
    pub password: String,
    pub confirm: String,
    pub profile: Profile,
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

/// Step 5, 送出申請: the account is made, pending, with the password; the application goes to
/// its reviewers. The account cannot sign in by any path until it is approved.
pub async fn submit(services: &Services, info: RequestInfo, form: AccountForm) -> Result<(), AppError> {
    check_new_username(&form.username)?;
    check_new_password(
        &PasswordPolicy::application(),
        &NewPasswordInput { password: &form.password, confirm: &form.confirm, username: &form.username },
    )?;
    form.profile.check()?;
    // Out of order, or the username taken: said before the password is hashed.
    let (check_info, wanted) = (info.clone(), form.username.trim().to_string());
    services.read(move |conn| may_submit(conn, &check_info, &wanted).map(drop)).await?;
    let slot = services.hasher.admit(&info.ip)?;
    let hash = slot.hash(form.password.clone()).await?;
    drop(slot);
    let link = format!("{}/admin/applications", services.settings.public_url);
    services
        .write(&info, move |work| {
            let username = form.username.trim().to_string();
            let app = may_submit(work.conn, work.info, &username)?;
            let conn = &mut *work.conn;
            let user_id = users::insert(conn, &new_user(&app, &username, &form.profile)).map_err(|e| match e {
                diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
                    AppError::invalid("username", Msg::ApplyUsernameTaken)
                }
                other => other.into(),
            })?;
            users::set_password(conn, user_id, &hash)?;
            // A registered contact's entry leaves the list; two drafts that proved the same
            // entry make one account.
            if let Some(contact) = app.contact_id {
                if !contacts::link_user(conn, contact, user_id)? {
                    return Err(AppError::invalid("username", Msg::ApplyContactTaken).into());
                }
            }
            if !applications::submit(conn, app.id, user_id, now())? {
                return Err(AppError::Conflict { rows: Vec::new(), message: Msg::ApplyAlreadySent.into() }.into());
            }
            let app = applications::find(conn, app.id)?.ok_or(AppError::NotFound)?;
            // Its reviewers learn of it by mail (in the first language: theirs is not known).
            let org = users::org_name(conn, app.org_id)?;
            let now = now();
            for (name, email) in applications::reviewers(conn, app.org_id, app.kind)? {
                let m = mail::application_waiting(Locale::default(), &name, &app.display_name, &org, &link);
                outbox::enqueue(conn, Channel::Email, &email, m.template, &m.subject, &m.body, now)?;
            }
            audit_application(work, AuditEvent::ApplicationSubmitted, AuditOutcome::Success, &app, &username)?;
            Ok(())
        })
        .await
}

/// The browser's draft, if it may be submitted under `username` now: every step before done,
/// its organization still open, the username free.
fn may_submit(
    conn: &mut AnyConnection,
    info: &RequestInfo,
    username: &str,
) -> Result<applications::Application, AppError> {
    let app = current_draft(conn, info)?;
    if reached(&app) < ApplyStep::Account {
        return Err(AppError::invalid("step", Msg::ApplyVerifyFirst));
    }
    refuse_disabled(conn, app.org_id)?;
    if users::find_by_key(conn, username)?.is_some() {
        return Err(AppError::invalid("username", Msg::ApplyUsernameTaken));
    }
    Ok(app)
}

/// The pending account an application makes, with the office details of the form.
fn new_user(app: &applications::Application, username: &str, profile: &Profile) -> NewUser {
    NewUser {
        org_id: app.org_id,
        username: username.to_string(),
        display_name: app.display_name.clone(),
        email: app.email.clone(),
        mobile: Some(app.mobile.clone()),
        title: optional(&profile.title),
        unit: optional(&profile.unit),
        role: None,
        status: Some(AccountStatus::Pending),
        office: OfficeContact {
            address: optional(&profile.address),
            office_phone: optional(&profile.office_phone),
            office_ext: optional(&profile.office_ext),
            fax: optional(&profile.fax),
        },
    }
}
