//! The demo directory: a few dozen real organizations and schools, typed in from the
//! official lists (the national OID list of 2018-01-28 and the Ministry of Education's
//! elementary-school list), in those lists' own formats so that they go through the same
//! importer as the real files. The registered contacts are made up.

use app::db::DbPool;

use crate::import::{import_bytes, ImportError, ImportReport};

const AGENCIES: &str = include_str!("demo/agencies.csv");
const SCHOOLS: &str = include_str!("demo/schools.csv");
const RENAMES: &str = include_str!("demo/renames.csv");
/// Made-up registered contacts (既有聯絡人) of two demo schools, for the application's
/// contact path; the addresses are the development mailbox's.
const CONTACTS: &str = include_str!("demo/contacts.csv");

/// Loads the demo set; loading it again changes nothing.
pub async fn load(pool: &DbPool) -> Result<Vec<ImportReport>, ImportError> {
    let mut reports = Vec::new();
    for file in [AGENCIES, SCHOOLS, RENAMES, CONTACTS] {
        reports.push(import_bytes(pool, file.as_bytes(), false).await?);
    }
    Ok(reports)
}

/// True when the directory has no organizations yet.
pub async fn directory_is_empty(pool: &DbPool) -> Result<bool, app::error::AppError> {
    use app::db::schema::organizations;
    use diesel::prelude::*;
    pool.run(|conn| Ok(organizations::table.count().get_result::<i64>(conn)? == 0)).await
}

/// Demo accounts for trying the sign-in on one machine: a central-authority admin and a
/// teacher, each with a set-password link in the development mailbox, and two
/// announcements. Only when no account exists yet.
pub async fn accounts(pool: &DbPool, settings: &app::auth::AuthSettings) -> Result<(), crate::Error> {
    use app::{
        accounts::Role,
        db::{now, portal, schema::users, users::NewUser},
        flows::accounts::admin::create_with_link,
    };
    use diesel::prelude::*;

    if pool.run(|conn| Ok(users::table.count().get_result::<i64>(conn)?)).await? > 0 {
        return Ok(());
    }
    let people = [
        ("2.16.886.101.20003", Role::Central, "demo_admin", "示範管理者", "admin@demo.gov.tw"),
        ("011601", Role::User, "011601_teacher", "王小明", "teacher@demo.edu.tw"),
        // The school's main account, and two more of its sub-accounts for 子帳號管理.
        ("011601", Role::OrgAdmin, "011601_principal", "陳美玲", "principal@demo.edu.tw"),
        ("011601", Role::User, "011601_lib01", "林志明", "library@demo.edu.tw"),
        ("011601", Role::User, "011601_it.lee", "李建宏", "it@demo.edu.tw"),
    ];
    let services = crate::server::app_state_with(pool.clone(), false, settings.clone()).services;
    for (org, role, username, name, email) in people {
        let new = NewUser {
            username: username.into(),
            display_name: name.into(),
            email: email.into(),
            role: Some(role),
            ..Default::default()
        };
        let link = create_with_link(&services, org, new, Vec::new()).await?;
        tracing::info!(username, %link, "demo account: set its password at this link (also in /dev/mailbox)");
    }
    pool.run(|conn| {
        let now = now();
        for granted in ["011601_teacher", "011601_principal"] {
            if let Some(user) = app::db::users::find_by_key(conn, granted)? {
                portal::grant(conn, user.id, "assets", None, now)?;
            }
        }
        // What 機關各系統管理者列表 shows of the main account's holder (its phone masked).
        if let Some(main) = app::db::users::find_by_key(conn, "011601_principal")? {
            let office = app::accounts::Profile {
                title: "校長".into(),
                unit: "校長室".into(),
                office_phone: "(02)29214630".into(),
                office_ext: "101".into(),
                ..Default::default()
            };
            app::db::users::set_profile(conn, main.id, &office)?;
        }
        portal::insert_announcement(
            conn,
            false,
            "Gatehouse 機關帳號入口試營運",
            "歡迎使用 Gatehouse。登入需要密碼與驗證器 App（如 Google Authenticator）。",
            None,
            now,
        )?;
        portal::insert_announcement(
            conn,
            true,
            "資通系統資產清冊提報期間",
            "115 年度資通系統資產清冊請於 3 月 2 日至 4 月 30 日完成提報。",
            None,
            now,
        )?;
        Ok(())
    })
    .await?;
    Ok(())
}

/// Someone whose application waits: the username they asked for and their name.
pub struct Applicant {
    pub username: String,
    pub display_name: String,
}

/// Submitted applications of `kind` to the organization `org` (an OID or school code), one per
/// applicant, the i-th submitted at second `submitted_from + i`: what the review pages show
/// after a national call for applications. Made directly in the database, without codes or
/// passwords (the accounts are pending and cannot sign in).
pub async fn pending_applications(
    pool: &DbPool,
    org: &str,
    kind: app::accounts::ApplicationKind,
    people: Vec<Applicant>,
    submitted_from: i64,
) -> Result<(), app::error::AppError> {
    use app::{
        accounts::{AccountStatus, Proof},
        db::{applications, orgs::find_id, users},
        directory::OrgKey,
    };
    let org = org.to_string();
    pool.run(move |conn| {
        app::db::write_transaction(conn, |conn| {
            let org_id = find_id(conn, &OrgKey::from_segment(&org))?.0;
            for (i, who) in people.iter().enumerate() {
                let email = format!("{}@demo.edu.tw", who.username);
                let contact = applications::Contact {
                    org_id,
                    display_name: &who.display_name,
                    email: &email,
                    mobile: "0912-345678",
                    contact_id: None,
                    proof: Proof::Both,
                };
                let id = applications::insert_draft(conn, &format!("demo-{}", who.username), &contact, "zh-TW", 0)?;
                let user = users::insert(
                    conn,
                    &users::NewUser {
                        org_id,
                        username: who.username.clone(),
                        display_name: who.display_name.clone(),
                        email,
                        title: Some("資訊組長".into()),
                        unit: Some("教務處".into()),
                        status: Some(AccountStatus::Pending),
                        ..Default::default()
                    },
                )?;
                applications::choose(conn, id, kind, &["assets".to_string()], 0)?;
                applications::submit(conn, id, user, submitted_from + i as i64)?;
            }
            Ok(())
        })
    })
    .await
}

/// `count` made-up organization admins' applications spread over the demo's schools, for
/// looking at the central authority's queue at size (`gatehouse demo --applications N`).
pub async fn applications(pool: &DbPool, count: usize) -> Result<(), crate::Error> {
    const SURNAMES: [&str; 8] = ["陳", "林", "黃", "張", "李", "王", "吳", "劉"];
    const GIVEN: [&str; 8] = ["淑芬", "志明", "雅婷", "家豪", "怡君", "俊傑", "美玲", "建宏"];
    let schools: Vec<String> =
        SCHOOLS.lines().skip(1).filter_map(|l| l.split(',').next().map(str::to_string)).collect();
    let tag = app::auth::hex(&app::auth::random_bytes::<3>());
    let now = app::db::now();
    for i in 0..count {
        let who = Applicant {
            username: format!("demo{tag}{i:03}"),
            display_name: format!("{}{}", SURNAMES[i % 8], GIVEN[(i / 8) % 8]),
        };
        let school = &schools[i % schools.len()];
        pending_applications(pool, school, app::accounts::ApplicationKind::OrgAdmin, vec![who], now - 3600 + i as i64)
            .await?;
    }
    Ok(())
}

/// `count` made-up organization admins over the directory's agencies, two each, some
/// who signed in lately and some never, for looking at 機關管理者名單 at size
/// (`gatehouse demo --admins N`).
pub async fn org_admins(pool: &DbPool, count: usize) -> Result<(), crate::Error> {
    use app::db::{schema::organizations as o, schema::users as u, users};
    use diesel::prelude::*;
    let tag = app::auth::hex(&app::auth::random_bytes::<3>());
    let now = app::db::now();
    pool.run(move |conn| {
        app::db::write_transaction(conn, |conn| {
            // Agencies only: the schools are left to the applications (theirs and the tests').
            let orgs: Vec<i64> = o::table
                .filter(o::kind.eq(app::directory::OrgKind::Agency.as_str()))
                .select(o::id)
                .order(o::id)
                .limit(count.div_ceil(2) as i64)
                .load(conn)?;
            for i in 0..count.min(orgs.len() * 2) {
                let username = format!("adm{tag}{i:03}");
                let id = users::insert(
                    conn,
                    &users::NewUser {
                        org_id: orgs[i / 2],
                        username: username.clone(),
                        display_name: format!("{}{}", ["陳", "林", "黃", "張"][i % 4], ["志明", "淑芬", "雅婷"][i % 3]),
                        email: format!("{username}@demo.gov.tw"),
                        title: Some("資訊組長".into()),
                        unit: Some("資訊室".into()),
                        role: Some(app::accounts::Role::OrgAdmin),
                        ..Default::default()
                    },
                )?;
                // Every third never signed in; the others from a day to a year ago.
                if i % 3 != 0 {
                    let at = now - 86_400 * (1 + (i as i64 * 37) % 365);
                    diesel::update(u::table.find(id)).set(u::last_sign_in_at.eq(at)).execute(conn)?;
                }
            }
            Ok::<_, app::error::AppError>(())
        })
    })
    .await?;
    Ok(())
}

/// `count` made-up messages the outbox gave up on (mail and SMS, with the errors a mail server
/// and a gateway give), for looking at 寄送失敗的訊息 at size (`gatehouse demo --failed-mail N`).
pub async fn failed_mail(pool: &DbPool, count: usize, max_attempts: i32) -> Result<(), crate::Error> {
    use app::db::{outbox::Channel, schema::outbox as o};
    use diesel::prelude::*;
    const ERRORS: [&str; 3] = [
        "connection refused (mail.school.edu.tw:25)",
        "550 5.1.1 <{to}>: Recipient address rejected: User unknown in virtual mailbox table",
        "SMS gateway answered 503 Service Unavailable",
    ];
    let now = app::db::now();
    pool.run(move |conn| {
        for i in 0..count {
            let sms = i % 3 == 2;
            let (channel, to, subject) = match sms {
                true => (Channel::Sms, format!("09{:08}", 12_345_678 + i), "Gatehouse 申請帳號的手機驗證碼"),
                false => {
                    (Channel::Email, format!("teacher{i:03}@school{}.edu.tw", i % 7), "【Gatehouse】忘記密碼驗證碼")
                }
            };
            diesel::insert_into(o::table)
                .values((
                    o::channel.eq(channel.as_str()),
                    o::recipient.eq(&to),
                    o::template.eq("demo"),
                    o::subject.eq(subject),
                    o::body.eq(""),
                    o::created_at.eq(now - 6 * 3600 - i as i64 * 60),
                    o::attempts.eq(max_attempts),
                    o::next_attempt_at.eq(now),
                    o::last_error.eq(ERRORS[i % 3].replace("{to}", &to)),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
    .await?;
    Ok(())
}
