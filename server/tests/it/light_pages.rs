//! Light pages (`app::light`): rendered without wasm, their plain forms posted to the server,
//! which answers with a redirect or with the page again, what was typed and the error at its
//! field, and changes nothing a refused post should not.

use app::accounts::Role;
use axum::{body::Body, http::Request};
use tower::ServiceExt;

use crate::{
    client::{create_user, router, settings, totp_now, Client, SECRET},
    on_both_databases,
    support::{get, load_demo, TestDb},
};

const PASSWORD: &str = "Tz9!mQ2#vbLp";

/// The value attribute of the input `id` in `page`, if it has one.
fn input_value(page: &str, id: &str) -> Option<String> {
    let start = page.find(&format!("<input id=\"{id}\""))?;
    let tag = &page[start..start + page[start..].find('>')?];
    let at = tag.find(" value=\"")? + 8;
    Some(tag[at..at + tag[at..].find('"')?].to_string())
}

fn has_autofocus(page: &str, id: &str) -> bool {
    let Some(start) = page.find(&format!("<input id=\"{id}\"")) else { return false };
    page[start..start + page[start..].find('>').unwrap_or(0)].contains(" autofocus")
}

async fn sign_in_page_loads_no_wasm(db: TestDb) {
    load_demo(&db).await;
    let app = router(&db, settings());
    let page = get(&app, "/sign-in", &[]).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("data-light=\"true\""), "marked light");
    assert!(!page.body.contains(".wasm") && !page.body.contains("/pkg/"), "no wasm, no hydration script");
    // Its two scripts, named after their content and kept for good.
    for name in ["captcha", "passkey"] {
        let at = page.body.find(&format!("/light/{name}-")).unwrap_or_else(|| panic!("{name} script"));
        let src = &page.body[at..at + page.body[at..].find('"').expect("end of src")];
        let script = get(&app, src, &[]).await;
        assert_eq!(script.status, 200, "{src}");
        assert!(script.headers["content-type"].to_str().unwrap_or("").starts_with("text/javascript"));
        assert!(script.headers["cache-control"].to_str().unwrap_or("").contains("immutable"));
        let stale = src.replace(&format!("/light/{name}-"), &format!("/light/{name}-0"));
        assert_eq!(get(&app, &stale, &[]).await.status, 404, "another content's name is not served");
    }
    // A hydrated page still loads its wasm.
    assert!(get(&app, "/forgot-password", &[]).await.body.contains("/pkg/"));
}
on_both_databases!(no_wasm, sign_in_page_loads_no_wasm);

async fn refused_sign_in_answers_with_the_page_and_the_error(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "010300_teacher", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    // No CAPTCHA answer: said at the CAPTCHA, the username kept, the password never echoed.
    let page = c.post_page("/sign-in", &[("username", "010300_teacher"), ("password", "wrong"), ("captcha", "")]).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("正在進行機器人驗證，請稍候再送出"), "the CAPTCHA's error");
    assert_eq!(input_value(&page.body, "username").as_deref(), Some("010300_teacher"));
    assert_eq!(input_value(&page.body, "password").as_deref(), Some(""), "a password is never sent back");
    assert!(has_autofocus(&page.body, "password"), "the password is what to type again");
    assert!(c.cookie.is_none());
    // A wrong password: counted as the server function counts it, said in the form's alert.
    for n in 1..=3 {
        let captcha = c.captcha().await;
        let page = c
            .post_page("/sign-in", &[("username", "010300_teacher"), ("password", "wrong"), ("captcha", &captcha)])
            .await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains(&format!("目前【{n}】")), "attempt {n}");
        assert!(c.cookie.is_none(), "no session for a failed sign-in");
    }
    // Locked, through the form too: the right password is refused.
    let captcha = c.captcha().await;
    let page =
        c.post_page("/sign-in", &[("username", "010300_teacher"), ("password", PASSWORD), ("captcha", &captcha)]).await;
    assert!(page.body.contains("鎖定") && page.body.contains("目前【4】"), "locked");
    assert!(c.cookie.is_none());
    // No username: said at the username, which gets the focus.
    let captcha = c.captcha().await;
    let page = c.post_page("/sign-in", &[("username", ""), ("password", "x"), ("captcha", &captcha)]).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("aria-invalid=\"true\""), "a field is marked invalid");
    assert!(has_autofocus(&page.body, "username"));
}
on_both_databases!(refused_form, refused_sign_in_answers_with_the_page_and_the_error);

/// A teacher's browser past the sign-in's first step, by the form: the session at its code
/// step; and the CAPTCHA answer it used.
async fn at_the_code_step(db: &TestDb) -> (axum::Router, Client, String) {
    load_demo(db).await;
    create_user(db, "010300_teacher", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(db, settings());
    let mut c = Client::new(&app);
    let captcha = c.captcha().await;
    let answer =
        c.post_page("/sign-in", &[("username", "010300_teacher"), ("password", PASSWORD), ("captcha", &captcha)]).await;
    assert_eq!(answer.status, 303);
    assert_eq!(answer.headers["location"], "/sign-in/verify");
    assert!(c.cookie.is_some(), "the session at its password stage");
    (app, c, captcha)
}

async fn sign_in_by_form_goes_on_to_the_code(db: TestDb) {
    let (app, mut c, captcha) = at_the_code_step(&db).await;
    // The same answer twice is refused: a CAPTCHA answer is good once.
    let mut other = Client::new(&app);
    let again = other
        .post_page("/sign-in", &[("username", "010300_teacher"), ("password", PASSWORD), ("captcha", &captcha)])
        .await;
    assert_eq!(again.status, 200);
    assert!(other.cookie.is_none());
    // The code step, by form too: a wrong code is said at the code, which is kept.
    let page = c.post_page("/sign-in/verify", &[("code", "000000")]).await;
    assert_eq!(page.status, 200);
    assert_eq!(input_value(&page.body, "code").as_deref(), Some("000000"));
    assert!(page.body.contains("目前【1】"), "the wrong code counted, and said");
    assert!(page.body.contains("data-light=\"true\""));
    assert_eq!(c.viewer().await["stage"], "NeedsCode", "not signed in yet");
    let answer = c.post_page("/sign-in/verify", &[("code", &totp_now(SECRET, 0))]).await;
    assert_eq!(answer.status, 303);
    assert_eq!(answer.headers["location"], "/");
    assert_eq!(c.viewer().await["stage"], "Full");
    // Without a sign-in under way, the code step starts over at the first one.
    let mut stranger = Client::new(&app);
    let answer = stranger.post_page("/sign-in/verify", &[("code", &totp_now(SECRET, 0))]).await;
    assert_eq!(answer.status, 303);
    assert_eq!(answer.headers["location"], "/sign-in");
}
on_both_databases!(form_goes_on, sign_in_by_form_goes_on_to_the_code);

async fn forms_from_other_sites_are_refused(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "010300_teacher", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    let captcha = c.captcha().await;
    let form = app::url::query_string(&[("username", "010300_teacher"), ("password", PASSWORD), ("captcha", &captcha)]);
    for uri in ["/sign-in", "/sign-in/verify"] {
        let request = Request::post(uri)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "cross-site")
            .header("origin", "https://evil.example")
            .body(Body::from(form.clone()))
            .expect("request");
        let reply = app.clone().oneshot(request).await.expect("response");
        assert_eq!(reply.status().as_u16(), 403, "{uri}");
        assert!(reply.headers().get("set-cookie").is_none());
    }
    // The CAPTCHA answer was not spent by the refused post: the same browser's form works.
    let answer =
        c.post_page("/sign-in", &[("username", "010300_teacher"), ("password", PASSWORD), ("captcha", &captcha)]).await;
    assert_eq!(answer.status, 303);
}
on_both_databases!(cross_site, forms_from_other_sites_are_refused);

async fn a_bad_passkey_answer_is_said_in_the_passkey_card(db: TestDb) {
    load_demo(&db).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    let page =
        c.post_page("/sign-in", &[("form", "passkey"), ("token", "forged"), ("credential", "{\"id\":\"x\"}")]).await;
    assert_eq!(page.status, 200);
    let card = page.body.find("data-testid=\"passkey-sign-in\"").expect("the passkey card");
    let alert = &page.body[card..];
    let alert = &alert[alert.find("role=\"alert\"").expect("its alert")..];
    assert!(alert[..alert.find("</div>").expect("end")].contains("<p"), "the error is in the passkey card");
    let password_form = &page.body[..card];
    let form_alert = &password_form[password_form.find("role=\"alert\"").expect("the form's alert")..];
    assert!(!form_alert[..form_alert.find("</div>").expect("end")].contains("<p"), "not in the password form");
    assert!(c.cookie.is_none());
}
on_both_databases!(passkey_card, a_bad_passkey_answer_is_said_in_the_passkey_card);

async fn the_header_sign_out_works_as_a_plain_form(db: TestDb) {
    let (app, mut c, _) = at_the_code_step(&db).await;
    let page = c.get("/sign-in/verify").await;
    assert!(page.body.contains("action=\"/api/fn/sign_out\""), "登出 in the header is a form");
    // 登出 from the code step, posted by a browser without the app's wasm: the session ends
    // and the browser goes back where it was.
    let request = Request::post("/api/fn/sign_out")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("referer", "http://localhost/sign-in/verify")
        .header("sec-fetch-site", "same-origin")
        .header("cookie", c.cookie.clone().expect("a session"))
        .body(Body::empty())
        .expect("request");
    let reply = app.clone().oneshot(request).await.expect("response");
    assert!(reply.status().is_redirection(), "{}", reply.status());
    let back = reply.headers()["location"].to_str().unwrap_or_default().to_string();
    assert!(back.starts_with("http://localhost/sign-in/verify"), "{back}");
    assert_eq!(c.viewer().await, serde_json::Value::Null, "signed out");
}
on_both_databases!(plain_sign_out, the_header_sign_out_works_as_a_plain_form);
