//! Numbers a request carries (page numbers, ids) are used without overflowing, even the
//! largest: the answer is a page, a refusal or nothing, never a panic.

use app::accounts::Role;

use crate::{
    client::{create_user, router, settings, totp_now, Client, SECRET},
    on_both_databases,
    support::{load_demo, TestDb},
};

async fn the_largest_numbers_are_answered(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "bounds_u", Role::User, "Tz9!mQ2#vbLp", Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    // A guest's home page far past the last page shows the last one.
    let home = c.get(&format!("/api/fn/get_portal_home?page={}", usize::MAX)).await;
    assert_eq!(home.status, 200, "{}", home.body);
    assert_eq!(home.json()["page"], home.json()["pages"]);
    c.sign_in("bounds_u", "Tz9!mQ2#vbLp").await;
    c.verify(&totp_now(SECRET, 0)).await;
    let activity = c.get(&format!("/api/fn/my_activity?page={}", i64::MAX)).await;
    assert_eq!(activity.status, 200, "{}", activity.body);
    assert_eq!(activity.json(), serde_json::json!([]));
    for uri in
        [format!("/api/fn/get_inventory?org_id={}", i64::MAX), format!("/api/fn/get_inventory?org_id={}", i64::MIN)]
    {
        assert_eq!(c.get(&uri).await.status, 403, "{uri}");
    }
    assert_eq!(c.get("/api/fn/my_activity?page=99999999999999999999999").await.status, 400);
}
on_both_databases!(largest_numbers, the_largest_numbers_are_answered);
