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
    ];
    for (org, role, username, name, email) in people {
        let new = NewUser {
            username: username.into(),
            display_name: name.into(),
            email: email.into(),
            role: Some(role),
            ..Default::default()
        };
        let link = create_with_link(pool, settings, org, new).await?;
        tracing::info!(username, %link, "demo account: set its password at this link (also in /dev/mailbox)");
    }
    pool.run(|conn| {
        let now = now();
        let teacher = app::db::users::find_by_key(conn, "011601_teacher")?.map(|u| u.id);
        if let Some(id) = teacher {
            portal::grant(conn, id, "assets", None, now)?;
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
