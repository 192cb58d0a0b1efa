//! The demo subsystem's registration at Gatehouse, as the central authority would make it on
//! 子系統管理: made or brought up to date at every start (its address is a setting), with a
//! new secret handed to the relying party in the process, never written anywhere.

use app::{
    auth::RequestInfo,
    flows::{provider::registry, work::Services},
    provider::{ClientKind, Registration},
};

/// The subsystem's code, which is also its `client_id`.
pub const CODE: &str = "demo";
/// The demo account that is granted the subsystem, with its 查詢 function. `011601_lib01`, of
/// the same school, is not: signing in as that account shows what a teacher without the grant
/// sees, until the school's main account (`MAIN`, which holds it too) grants it on 子帳號管理.
pub const GRANTED: &str = "011601_teacher";
/// The main account of the granted teacher's school, which holds the subsystem to hand it out.
pub const MAIN: &str = "011601_principal";

/// The registration of the demo subsystem answering at `base_url` (`http://host:port`).
pub fn registration(base_url: &str) -> Registration {
    Registration {
        code: CODE.into(),
        name_zh: "示範子系統".into(),
        name_en: "Demo subsystem".into(),
        description_zh: "示範另一個網站如何取得您同意提供的資料".into(),
        description_en: "A demo site that shows what a subsystem receives".into(),
        kind: ClientKind::Confidential,
        home_url: format!("{base_url}/"),
        redirect_uris: format!("{base_url}/callback"),
        post_logout_redirect_uris: format!("{base_url}/"),
        backchannel_logout_uri: format!("{base_url}/backchannel-logout"),
        fields: "username name email organization unit title main_account functions".into(),
        functions: "view | 查詢資料 | View records\nreport | 填報資料 | Report".into(),
        ..Default::default()
    }
}

/// Registers (or updates) the demo subsystem, grants it to `GRANTED` and `MAIN` (if they
/// exist) when it is new, and returns a secret made now: the first one when the subsystem is new, a rotated one
/// otherwise (an earlier run's secret is gone with that run's process).
pub async fn register(services: &Services, base_url: &str) -> Result<String, app::error::AppError> {
    let registration = registration(base_url);
    services
        .write(&RequestInfo::default(), move |work| {
            let Some(first) = registry::save(work, None, registration)? else {
                // Known already: what was granted since is the main account's business.
                return registry::rotate_secret(work, None, CODE);
            };
            for (username, functions) in [(GRANTED, "view"), (MAIN, "view,report")] {
                let Some(user) = app::db::users::find_by_key(work.conn, username)? else {
                    tracing::info!("no account {username}: the demo subsystem is not granted to it");
                    continue;
                };
                app::db::portal::grant(work.conn, user.id, CODE, None, app::db::now())?;
                app::db::portal::set_functions(work.conn, user.id, CODE, functions)?;
            }
            Ok(first)
        })
        .await
}
