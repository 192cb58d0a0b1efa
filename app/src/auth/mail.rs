//! The messages Gatehouse sends, in the recipient's language (the one they used on the page
//! that caused the message). Texts live in the locale files like every other text.

use crate::i18n::{LocalText, Locale, Msg};

pub struct Mail {
    /// Which message this is, kept in the outbox after delivery blanks the body.
    pub template: &'static str,
    pub subject: String,
    pub body: String,
}

fn mail(template: &'static str, locale: Locale, subject: Msg, body: LocalText) -> Mail {
    mail_text(template, locale, LocalText::new(subject), body)
}

/// A mail whose subject has placeholders of its own.
fn mail_text(template: &'static str, locale: Locale, subject: LocalText, body: LocalText) -> Mail {
    let footer = Msg::MailFooter.raw(locale);
    Mail { template, subject: subject.render(locale), body: format!("{}\n\n{footer}\n", body.render(locale)) }
}

pub fn reset_code(locale: Locale, name: &str, code: &str, minutes: i64) -> Mail {
    mail(
        "reset_code",
        locale,
        Msg::MailResetSubject,
        LocalText::new(Msg::MailResetBody).arg("name", name).arg("code", code).arg("minutes", minutes),
    )
}

/// 重設登入綁定's emergency code; its letters are in the subject too, to pick the newest mail.
pub fn emergency_code(locale: Locale, name: &str, username: &str, letters: &str, digits: &str, minutes: i64) -> Mail {
    let body = LocalText::new(Msg::MailEmergencyBody)
        .arg("name", name)
        .arg("username", username)
        .arg("code", format!("{letters}-{digits}"))
        .arg("letters", letters)
        .arg("minutes", minutes);
    let subject = LocalText::new(Msg::MailEmergencySubject).arg("letters", letters);
    mail_text("emergency_code", locale, subject, body)
}

pub fn usernames(locale: Locale, names: &[String]) -> Mail {
    let list = names.iter().map(|n| format!("  {n}")).collect::<Vec<_>>().join("\n");
    mail("usernames", locale, Msg::MailUsernamesSubject, LocalText::new(Msg::MailUsernamesBody).arg("list", list))
}

pub fn set_password_link(locale: Locale, name: &str, username: &str, link: &str, hours: i64) -> Mail {
    let body = LocalText::new(Msg::MailSetPasswordBody).arg("name", name).arg("username", username);
    mail("set_password_link", locale, Msg::MailSetPasswordSubject, body.arg("link", link).arg("hours", hours))
}

/// A credential of the account changed: said to its owner, who may not have been the one.
pub fn credential_notice(locale: Locale, name: &str, username: &str, what: Msg, at: &str, ip: &str) -> Mail {
    let body = LocalText::new(Msg::MailNoticeBody)
        .arg("name", name)
        .arg("username", username)
        .arg("what", what.raw(locale))
        .arg("at", at)
        .arg("ip", if ip.is_empty() { "—" } else { ip });
    Mail {
        template: "credential_notice",
        subject: Msg::MailNoticeSubject.raw(locale).to_string(),
        body: format!("{}\n\n{}\n", body.render(locale), Msg::MailNoticeFooter.raw(locale)),
    }
}

/// An application's code for the email (信箱驗證碼).
pub fn application_email_code(locale: Locale, name: &str, code: &str, minutes: i64) -> Mail {
    mail(
        "application_email_code",
        locale,
        Msg::MailApplyCodeSubject,
        LocalText::new(Msg::MailApplyCodeBody).arg("name", name).arg("code", code).arg("minutes", minutes),
    )
}

/// An application's code for the mobile (手機驗證碼): one short line, no footer.
pub fn application_sms_code(locale: Locale, code: &str, minutes: i64) -> Mail {
    Mail {
        template: "application_sms_code",
        subject: String::new(),
        body: LocalText::new(Msg::SmsApplyCode).arg("code", code).arg("minutes", minutes).render(locale),
    }
}

/// The review's outcome, to the applicant.
pub fn application_result(locale: Locale, name: &str, username: &str, reason: Option<&str>, link: &str) -> Mail {
    match reason {
        None => mail(
            "application_approved",
            locale,
            Msg::MailApplyApprovedSubject,
            LocalText::new(Msg::MailApplyApprovedBody).arg("name", name).arg("username", username).arg("link", link),
        ),
        Some(reason) => mail(
            "application_rejected",
            locale,
            Msg::MailApplyRejectedSubject,
            LocalText::new(Msg::MailApplyRejectedBody).arg("name", name).arg("reason", reason).arg("link", link),
        ),
    }
}

/// An application waits for the reader's review.
pub fn application_waiting(locale: Locale, reviewer: &str, applicant: &str, org: &str, link: &str) -> Mail {
    mail(
        "application_waiting",
        locale,
        Msg::MailApplyWaitingSubject,
        LocalText::new(Msg::MailApplyWaitingBody)
            .arg("reviewer", reviewer)
            .arg("applicant", applicant)
            .arg("org", org)
            .arg("link", link),
    )
}

/// The code that proves a new email (a change of the account's address).
pub fn contact_email_code(locale: Locale, name: &str, code: &str, minutes: i64) -> Mail {
    mail(
        "contact_email_code",
        locale,
        Msg::MailContactCodeSubject,
        LocalText::new(Msg::MailContactCodeBody).arg("name", name).arg("code", code).arg("minutes", minutes),
    )
}

/// The code that proves a new mobile number.
pub fn contact_sms_code(locale: Locale, code: &str, minutes: i64) -> Mail {
    Mail {
        template: "contact_sms_code",
        subject: String::new(),
        body: LocalText::new(Msg::SmsContactCode).arg("code", code).arg("minutes", minutes).render(locale),
    }
}

/// A request about a subsystem waits for the reader's review.
pub fn grant_waiting(
    locale: Locale,
    reviewer: &str,
    who: &str,
    org: &str,
    subsystem: &str,
    change: crate::accounts::GrantChange,
    link: &str,
) -> Mail {
    mail(
        "grant_waiting",
        locale,
        Msg::MailGrantWaitingSubject,
        LocalText::new(Msg::MailGrantWaitingBody)
            .arg("reviewer", reviewer)
            .arg("who", who)
            .arg("org", org)
            .arg("subsystem", subsystem)
            .arg("change", change.label().raw(locale))
            .arg("link", link),
    )
}

/// The outcome of a request about a subsystem, to its requester.
pub fn grant_result(
    locale: Locale,
    name: &str,
    subsystem: &str,
    change: crate::accounts::GrantChange,
    reason: Option<&str>,
) -> Mail {
    let (subject, body) = match reason {
        None => (Msg::MailGrantApprovedSubject, Msg::MailGrantApprovedBody),
        Some(_) => (Msg::MailGrantRejectedSubject, Msg::MailGrantRejectedBody),
    };
    let text = LocalText::new(body)
        .arg("name", name)
        .arg("subsystem", subsystem)
        .arg("change", change.label().raw(locale))
        .arg("reason", reason.unwrap_or(""));
    mail(if reason.is_none() { "grant_approved" } else { "grant_rejected" }, locale, subject, text)
}
