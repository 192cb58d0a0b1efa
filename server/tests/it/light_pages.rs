//! Light pages (`app::light`): rendered without wasm, their plain forms posted to the server,
//! which answers with a redirect or with the page again, what was typed and the error at its
//! field, and changes nothing a refused post should not.

use app::accounts::Role;
use axum::{body::Body, http::Request};
use tower::ServiceExt;

use crate::{
    client::{create_user, last_mail, router, settings, totp_now, Client, SECRET},
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
    assert!(!page.body.contains("/pkg/"), "no app wasm, no hydration script");
    assert_eq!(page.body.matches(".wasm").count(), 2, "the CAPTCHA's own wasm alone: its preload and its field");
    assert_eq!(page.headers["cache-control"], "no-store", "its CAPTCHA challenge is good once");
    // Its two scripts and the CAPTCHA's wasm, named after their content and kept for good.
    for (name, kind) in
        [("captcha", "text/javascript"), ("passkey", "text/javascript"), ("captcha-solver", "application/wasm")]
    {
        let src = page
            .body
            .match_indices(&format!("/light/{name}-"))
            .map(|(at, _)| &page.body[at..at + page.body[at..].find('"').expect("end of src")])
            .find(|src| src[name.len() + 8..].chars().take_while(|c| *c != '.').all(|c| c.is_ascii_hexdigit()))
            .unwrap_or_else(|| panic!("{name} in the page"));
        let script = get(&app, src, &[]).await;
        assert_eq!(script.status, 200, "{src}");
        assert!(script.headers["content-type"].to_str().unwrap_or("").starts_with(kind), "{src}");
        assert!(script.headers["cache-control"].to_str().unwrap_or("").contains("immutable"));
        let stale = src.replace(&format!("/light/{name}-"), &format!("/light/{name}-0"));
        assert_eq!(get(&app, &stale, &[]).await.status, 404, "another content's name is not served");
    }
    // A hydrated page still loads its wasm.
    assert!(get(&app, "/directory", &[]).await.body.contains("/pkg/"));
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

/// The attribute `name`'s value in the first tag of `page` that has it.
fn attribute(page: &str, name: &str) -> String {
    let at = page.find(&format!(" {name}=\"")).unwrap_or_else(|| panic!("{name} in the page")) + name.len() + 3;
    page[at..at + page[at..].find('"').expect("end of the value")].to_string()
}

/// A teacher's browser past the sign-in's first step, by the form: the session at its code
/// step; and the CAPTCHA answer it used, to the challenge the page carried.
async fn at_the_code_step(db: &TestDb) -> (axum::Router, Client, String) {
    load_demo(db).await;
    create_user(db, "010300_teacher", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(db, settings());
    let mut c = Client::new(&app);
    let page = get(&app, "/sign-in", &[]).await.body;
    let (salt, bits) = (attribute(&page, "data-salt"), attribute(&page, "data-bits"));
    let bits = bits.parse().expect("bits");
    assert_eq!(attribute(&page, "data-seconds"), settings().captcha_seconds.to_string());
    let captcha = format!("{}:{}", attribute(&page, "data-token"), app::accounts::solve(&salt, bits));
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
    assert_eq!(back, "/sign-in/verify");
    assert_eq!(c.viewer().await, serde_json::Value::Null, "signed out");
}
on_both_databases!(plain_sign_out, the_header_sign_out_works_as_a_plain_form);

async fn the_recovery_pages_load_no_wasm(db: TestDb) {
    load_demo(&db).await;
    let app = router(&db, settings());
    for path in ["/forgot-password", "/forgot-password/reset?u=010300_teacher", "/forgot-account", "/resend-link"] {
        let page = get(&app, path, &[]).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(page.body.contains("data-light=\"true\""), "{path} is light");
        assert!(!page.body.contains("/pkg/"), "{path} loads no app wasm");
        assert!(page.body.contains("data-token=\""), "{path} carries its CAPTCHA challenge");
        assert_eq!(page.headers["cache-control"], "no-store", "{path}");
    }
}
on_both_databases!(recovery_no_wasm, the_recovery_pages_load_no_wasm);

/// A CAPTCHA answer to the challenge a fresh `path` carries, as its script would find it.
async fn page_captcha(app: &axum::Router, path: &str) -> String {
    let page = get(app, path, &[]).await.body;
    let bits = attribute(&page, "data-bits").parse().expect("bits");
    format!("{}:{}", attribute(&page, "data-token"), app::accounts::solve(&attribute(&page, "data-salt"), bits))
}

async fn a_forgotten_password_is_reset_by_forms(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "010300_teacher", Role::User, PASSWORD, Some(SECRET)).await;
    let (email, name) = ("010300_teacher@test.edu.tw", "測試者");
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    // The name left out: the page again, what was typed kept, the focus at the name, no mail.
    let captcha = page_captcha(&app, "/forgot-password").await;
    let claim = |name: &'static str, captcha: &str| {
        [
            ("name", name.to_string()),
            ("username", "010300_teacher".into()),
            ("email", email.into()),
            ("captcha", captcha.into()),
        ]
    };
    let form = claim("", &captcha);
    let refused = c.post_page("/forgot-password", &pairs(&form)).await;
    assert_eq!(refused.status, 200);
    assert!(refused.body.contains("data-light=\"true\""));
    assert!(has_autofocus(&refused.body, "name"), "the focus at the field in error");
    assert_eq!(input_value(&refused.body, "username").as_deref(), Some("010300_teacher"));
    assert_eq!(input_value(&refused.body, "email").as_deref(), Some(email));
    assert!(last_mail(&db, email).await.is_none(), "nothing sent");
    // Filled in: on to the code step, which names the account.
    let form = claim(name, &captcha);
    let sent = c.post_page("/forgot-password", &pairs(&form)).await;
    assert_eq!(sent.status, 303);
    assert_eq!(sent.headers["location"], "/forgot-password/reset?u=010300_teacher&sent=1");
    let (_, body) = last_mail(&db, email).await.expect("the code by mail");
    let code = body.split("驗證碼為：").nth(1).map(|rest| rest[..8].to_string()).expect("the code in the mail");
    let step = get(&app, "/forgot-password/reset?u=010300_teacher&sent=1", &[]).await.body;
    assert_eq!(input_value(&step, "username").as_deref(), Some("010300_teacher"));
    assert!(has_autofocus(&step, "code"), "the code is what to type next");
    // A wrong code: said at the code, which is kept; the password is never sent back.
    let new_password = "Qw8#nV4!xZkT";
    let wrong = if code == "00000000" { "11111111" } else { "00000000" };
    let reset = |code: &str, captcha: &str| {
        [
            ("username", "010300_teacher".to_string()),
            ("code", code.into()),
            ("password", new_password.into()),
            ("confirm", new_password.into()),
            ("captcha", captcha.into()),
        ]
    };
    let captcha = page_captcha(&app, "/forgot-password/reset").await;
    let refused = c.post_page("/forgot-password/reset", &pairs(&reset(wrong, &captcha))).await;
    assert_eq!(refused.status, 200);
    assert_eq!(input_value(&refused.body, "code").as_deref(), Some(wrong));
    assert!(has_autofocus(&refused.body, "code"));
    assert_eq!(input_value(&refused.body, "new-password").as_deref(), Some(""), "no password sent back");
    assert!(!refused.body.contains(new_password));
    // The right code: done, and the new password signs in.
    let captcha = page_captcha(&app, "/forgot-password/reset").await;
    let done = c.post_page("/forgot-password/reset", &pairs(&reset(&code, &captcha))).await;
    assert_eq!(done.status, 303);
    assert_eq!(done.headers["location"], "/forgot-password/reset?done=1");
    assert!(get(&app, "/forgot-password/reset?done=1", &[]).await.body.contains("密碼已重設"));
    let captcha = page_captcha(&app, "/sign-in").await;
    let signed_in = c
        .post_page("/sign-in", &[("username", "010300_teacher"), ("password", new_password), ("captcha", &captcha)])
        .await;
    assert_eq!(signed_in.status, 303);
    assert_eq!(signed_in.headers["location"], "/sign-in/verify");
}
on_both_databases!(password_reset_by_forms, a_forgotten_password_is_reset_by_forms);

async fn usernames_and_links_are_asked_for_by_forms(db: TestDb) {
    load_demo(&db).await;
    create_user(&db, "010300_teacher", Role::User, PASSWORD, Some(SECRET)).await;
    let email = "010300_teacher@test.edu.tw";
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    // 忘記帳號: a malformed address is said at the field, kept, and sends nothing.
    let captcha = page_captcha(&app, "/forgot-account").await;
    let refused = c.post_page("/forgot-account", &[("email", "not-an-address"), ("captcha", &captcha)]).await;
    assert_eq!(refused.status, 200);
    assert_eq!(input_value(&refused.body, "email").as_deref(), Some("not-an-address"));
    assert!(has_autofocus(&refused.body, "email"));
    assert!(refused.body.contains("aria-invalid=\"true\""));
    let sent = c.post_page("/forgot-account", &[("email", email), ("captcha", &captcha)]).await;
    assert_eq!(sent.status, 303, "the CAPTCHA answer was not spent by the refused post");
    assert_eq!(sent.headers["location"], "/forgot-account?sent=1");
    let (_, body) = last_mail(&db, email).await.expect("the usernames by mail");
    assert!(body.contains("010300_teacher"));
    assert!(get(&app, "/forgot-account?sent=1", &[]).await.body.contains("role=\"status\""));
    // 補寄驗證信: the same answer whether or not the details matched (this password is set).
    let captcha = page_captcha(&app, "/resend-link").await;
    let form = [("name", "測試者"), ("username", "010300_teacher"), ("email", email), ("captcha", &captcha)];
    let answer = c.post_page("/resend-link", &form).await;
    assert_eq!(answer.status, 303);
    assert_eq!(answer.headers["location"], "/resend-link?sent=1");
    // A spent CAPTCHA answer: the page again, the CAPTCHA's error, the details kept.
    let again = c.post_page("/resend-link", &form).await;
    assert_eq!(again.status, 200);
    assert_eq!(input_value(&again.body, "username").as_deref(), Some("010300_teacher"));
    assert!(again.body.contains("機器人驗證已失效"), "the CAPTCHA's error");
}
on_both_databases!(reminders_by_forms, usernames_and_links_are_asked_for_by_forms);

/// `(&str, &str)` pairs of owned ones, for `post_page`.
fn pairs<'a, const N: usize>(form: &'a [(&'static str, String); N]) -> Vec<(&'static str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// A CAPTCHA answer to the challenge `page` carries, as its script would find it.
fn answer_in(page: &str) -> String {
    let bits = attribute(page, "data-bits").parse().expect("bits");
    format!("{}:{}", attribute(page, "data-token"), app::accounts::solve(&attribute(page, "data-salt"), bits))
}

async fn a_lost_phone_is_reset_by_forms(db: TestDb) {
    let (_, mut c, _) = at_the_code_step(&db).await;
    let email = "010300_teacher@test.edu.tw";
    let page = c.get("/sign-in/reset-binding").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("data-light=\"true\"") && !page.body.contains("/pkg/"), "a light page");
    assert!(!page.body.contains("emergency-confirm"), "no code asked for yet");
    // No address: said at the field, nothing sent, the CAPTCHA's answer not spent.
    let captcha = answer_in(&page.body);
    let refused = c.post_page("/sign-in/reset-binding", &[("email", ""), ("captcha", &captcha)]).await;
    assert_eq!(refused.status, 200);
    assert!(has_autofocus(&refused.body, "email"));
    assert!(refused.body.contains("aria-invalid=\"true\""));
    assert!(last_mail(&db, email).await.is_none());
    // The address, in any case: a code by mail, and the page that names its letters.
    let sent =
        c.post_page("/sign-in/reset-binding", &[("email", "010300_Teacher@test.edu.tw"), ("captcha", &captcha)]).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let location = sent.headers["location"].to_str().expect("location").to_string();
    let masked = app::url::query_string(&[("to", "0*************@test.edu.tw")]);
    assert!(location.starts_with(&format!("/sign-in/reset-binding?{masked}&letters=")), "{location}");
    let (_, body) = last_mail(&db, email).await.expect("the emergency code by mail");
    let code = body
        .split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '-'))
        .find(|w| w.len() == 9 && w.as_bytes()[2] == b'-')
        .expect("the code in the mail")
        .to_string();
    assert!(location.contains(&format!("letters={}&", &code[..2])), "the mail's letters: {location}");
    let step = c.get(&location).await.body;
    assert!(step.contains(&format!("英文碼為「{}」", &code[..2])));
    assert!(step.contains("剩餘時間 05:00") || step.contains("剩餘時間 04:5"), "the time left");
    assert!(has_autofocus(&step, "emergency-code"), "the code is what to type next");
    // A wrong code: counted, said at the code, which is kept, the sent code still named.
    let wrong =
        if code.ends_with("000000") { format!("{}-111111", &code[..2]) } else { format!("{}-000000", &code[..2]) };
    let refused = c.post_page(&location, &[("form", "confirm"), ("code", &wrong)]).await;
    assert_eq!(refused.status, 200);
    assert!(refused.body.contains("目前【1】"), "the wrong code counted, and said");
    assert_eq!(input_value(&refused.body, "emergency-code").as_deref(), Some(wrong.as_str()));
    assert!(refused.body.contains(&format!("英文碼為「{}」", &code[..2])));
    assert_eq!(c.viewer().await["stage"], "NeedsCode");
    // The right one: every binding gone, on to binding again.
    let done = c.post_page(&location, &[("form", "confirm"), ("code", &code)]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.headers["location"], app::accounts::SignInNext::BindFactor.path());
    assert_eq!(c.viewer().await["stage"], "NeedsBinding");
}
on_both_databases!(reset_binding_by_forms, a_lost_phone_is_reset_by_forms);

async fn who_administers_is_asked_by_forms(db: TestDb) {
    load_demo(&db).await;
    crate::client::create_user_in(&db, "011601", "011601_main", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    let page = get(&app, "/who-administers", &[]).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("data-light=\"true\"") && !page.body.contains("/pkg/"), "a light page");
    // The search by name offers the organizations found, each a link that fills the form.
    let found = get(&app, "/who-administers?q=%E8%82%B2%E6%89%8D", &[]).await.body;
    assert!(found.contains("href=\"/who-administers?org=011601&amp;name=%E7%A7%81%E7%AB%8B"), "育才 offered");
    assert!(get(&app, "/who-administers?q=zzzzzz", &[]).await.body.contains("查無符合的機關"));
    let chosen = "/who-administers?org=011601&name=%E7%A7%81%E7%AB%8B%E8%82%B2%E6%89%8D%E5%9C%8B%E5%B0%8F";
    let form = get(&app, chosen, &[]).await.body;
    assert_eq!(input_value(&form, "lookup-org-code").as_deref(), Some("011601"));
    assert_eq!(input_value(&form, "lookup-org-name").as_deref(), Some("私立育才國小"));
    // An unknown code: said at the field, kept, focused; the CAPTCHA's answer is spent.
    let captcha = answer_in(&form);
    let refused = c.post_page(chosen, &[("org_code", "999999"), ("org_name", "無"), ("captcha", &captcha)]).await;
    assert_eq!(refused.status, 200);
    assert_eq!(input_value(&refused.body, "lookup-org-code").as_deref(), Some("999999"));
    assert!(has_autofocus(&refused.body, "lookup-org-code"));
    assert!(!refused.body.contains("admins-found"));
    // The school: the page that answers names its main account, contact masked.
    let captcha = answer_in(&refused.body);
    let answer =
        c.post_page(chosen, &[("org_code", "011601"), ("org_name", "私立育才國小"), ("captcha", &captcha)]).await;
    assert_eq!(answer.status, 200);
    assert!(answer.body.contains("data-testid=\"admins-found\""), "{}", answer.body);
    let found = &answer.body[answer.body.find("admins-found").expect("found")..];
    assert!(found.contains("私立育才國小") && found.contains("admin-contact") && found.contains("測試者"), "{found}");
    assert!(!answer.body.contains("011601_main"), "never a username");
    // The same answer again is refused at the CAPTCHA.
    let again = c.post_page(chosen, &[("org_code", "011601"), ("org_name", ""), ("captcha", &captcha)]).await;
    assert!(again.body.contains("機器人驗證已失效") && !again.body.contains("admins-found"));
}
on_both_databases!(who_administers_by_forms, who_administers_is_asked_by_forms);

async fn a_hydrated_form_posted_without_wasm_answers_with_its_page(db: TestDb) {
    load_demo(&db).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);
    let page = "http://localhost:3000/apply";
    let form = |email: &'static str, captcha: &str| {
        [
            ("org_code", "2.16.886.101.20003.20005".to_string()),
            ("org_name", "教育部".into()),
            ("name", "吳無組".into()),
            ("email", email.into()),
            ("mobile", "0912345678".into()),
            ("captcha", captcha.into()),
        ]
    };
    // Refused: the page again, at the address it was sent from, what was typed kept (not the
    // CAPTCHA's answer), the error at the field and the focus there; nothing started.
    let captcha = c.captcha().await;
    let refused = c.post_from_page("start_application", page, &pairs(&form("someone@gmail.com", &captcha))).await;
    assert_eq!(refused.status, 200, "{}", refused.body);
    assert!(refused.body.contains("<html"), "a page");
    assert_eq!(input_value(&refused.body, "apply-email").as_deref(), Some("someone@gmail.com"));
    assert_eq!(input_value(&refused.body, "apply-name").as_deref(), Some("吳無組"));
    assert!(has_autofocus(&refused.body, "apply-email"));
    assert!(!has_autofocus(&refused.body, "apply-name"));
    assert!(refused.body.contains("gov.tw"), "the error said");
    assert!(!refused.body.contains(&captcha), "a CAPTCHA answer is never sent back");
    assert!(c.apply_cookie.is_none(), "nothing started");
    // The page, shown at the function's address, names itself in its forms, for a browser
    // whose script did not put the address back; and it is not hydrated.
    assert!(refused.body.contains("<input type=\"hidden\" name=\"__page\" value=\"/apply\""));
    assert!(!refused.body.contains("/pkg/"), "not hydrated");
    // Accepted, sent from there: back to the page, which is at its next step.
    let filled = form("nowasm@school.test.edu.tw", &captcha);
    let mut sent = pairs(&filled);
    sent.push(("__page", "/apply"));
    let at_function = "http://localhost:3000/api/fn/start_application";
    let accepted = c.post_from_page("start_application", at_function, &sent).await;
    assert_eq!(accepted.status, 303, "{}", accepted.body);
    assert_eq!(accepted.headers["location"], "/apply");
    assert!(c.apply_cookie.is_some(), "the application's cookie set");
    assert!(c.get("/apply").await.body.contains("信箱驗證碼"), "on to the codes");
    // Posted from another site's page, it is not answered with a page of this one.
    let captcha = c.captcha().await;
    let elsewhere = c
        .post_from_page("start_application", "http://evil.test/apply", &pairs(&form("someone@gmail.com", &captcha)))
        .await;
    assert!(!elsewhere.body.contains("<html"), "{}", elsewhere.status);
}
on_both_databases!(hydrated_form_without_wasm, a_hydrated_form_posted_without_wasm_answers_with_its_page);
