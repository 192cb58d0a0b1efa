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
/// The demo account that is granted the subsystem. `011601_lib01`, of the same school, is
/// not: signing in as that account shows what a teacher without the grant sees.
pub const GRANTED: &str = "011601_teacher";

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
        ..Default::default()
    }
}

/// Registers (or updates) the demo subsystem, grants it to `GRANTED` if that account exists,
/// and returns a secret made now: the first one when the subsystem is new, a rotated one
/// otherwise (an earlier run's secret is gone with that run's process).
pub async fn register(services: &Services, base_url: &str) -> Result<String, app::error::AppError> {
    let registration = registration(base_url);
    services
        .write(&RequestInfo::default(), move |work| {
            let secret = match registry::save(work, None, registration)? {
                Some(first) => first,
                None => registry::rotate_secret(work, None, CODE)?,
            };
            match app::db::users::find_by_key(work.conn, GRANTED)? {
                Some(user) => app::db::portal::grant(work.conn, user.id, CODE, None, app::db::now())?,
                None => tracing::info!("no account {GRANTED}: the demo subsystem is granted to no one"),
            }
            Ok(secret)
        })
        .await
}
