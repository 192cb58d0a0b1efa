//! The account application (SPEC §2) as applicants, reviewers and attackers try it: codes bound
//! to their application and channel, limited and single use; steps that cannot be skipped; a
//! pending account that cannot sign in by any path; reviews only by who may; the admin limit
//! under racing approvals.

use app::{accounts::Role, error::AppError, i18n::Msg};

use crate::{
    client::{
        all_at_once, create_user_in, error_of, last_mail, mails_to, request, router, settings, totp_now, Client, SECRET,
    },
    on_both_databases,
    support::{load_demo, Reply, TestDb},
};

const ORG: &str = "2.16.886.101.20003.20005";
const OTHER_ORG: &str = "2.16.886.101.20003.20065";
const CENTRAL_ORG: &str = "2.16.886.101.20003";
pub(crate) const PASSWORD: &str = "Tz9!mQ2#vbLp";
/// The application form's profile: upper, lower and digits, letters and digits only.
pub(crate) const APPLY_PASSWORD: &str = "Kettle7Lantern42";

/// Who applies: their contact and the account they ask for.
struct Applicant {
    name: &'static str,
    email: &'static str,
    mobile: &'static str,
    username: &'static str,
}

const WANG: Applicant =
    Applicant { name: "王小明", email: "wang@mail.test.edu.tw", mobile: "0912345678", username: "wangxm01" };

pub(crate) fn field_of(reply: &Reply) -> Option<String> {
    match error_of(reply).0 {
        AppError::Invalid { field, .. } => Some(field),
        _ => None,
    }
}

pub(crate) fn message_of(reply: &Reply) -> Option<Msg> {
    match error_of(reply).0 {
        AppError::Invalid { message, .. } | AppError::Conflict { message, .. } => Some(message.msg),
        _ => None,
    }
}

pub(crate) fn six_digits(body: &str) -> String {
    body.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).expect("a 6-digit code").to_string()
}

/// The mobile as the outbox holds it, `09xx-xxxxxx`.
fn dashed(mobile: &str) -> String {
    format!("{}-{}", &mobile[..4], &mobile[4..])
}

/// The newest code sent to the applicant's email and to their mobile.
async fn codes(db: &TestDb, a: &Applicant) -> (String, String) {
    let email = six_digits(&last_mail(db, a.email).await.expect("an email code").1);
    let mobile = six_digits(&last_mail(db, &dashed(a.mobile)).await.expect("an SMS code").1);
    (email, mobile)
}

async fn start(c: &mut Client, org: &str, a: &Applicant) -> Reply {
    let captcha = c.captcha().await;
    c.post(
        "start_application",
        &[
            ("org_code", org),
            ("org_name", ""),
            ("name", a.name),
            ("email", a.email),
            ("mobile", a.mobile),
            ("captcha", &captcha),
        ],
    )
    .await
}

async fn verify(c: &mut Client, email_code: &str, mobile_code: &str) -> Reply {
    c.post("verify_application", &[("email_code", email_code), ("mobile_code", mobile_code)]).await
}

pub(crate) async fn choose(c: &mut Client, kind: &str) -> Reply {
    c.post("choose_subsystems", &[("kind", kind), ("subsystems[0]", "assets")]).await
}

pub(crate) async fn submit(c: &mut Client, username: &str, password: &str) -> Reply {
    c.post(
        "submit_application",
        &[
            ("username", username),
            ("password", password),
            ("confirm", password),
            ("title", "教師"),
            ("unit", "教務處"),
            ("address", ""),
            ("office_phone", "02-2345-6789"),
            ("office_ext", "123"),
            ("fax", ""),
        ],
    )
    .await
}

pub(crate) async fn view(c: &mut Client) -> serde_json::Value {
    let reply = c.get("/api/fn/get_application").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()
}

/// Every step, done right: a pending application of `kind` for `a` in `org`.
async fn apply(db: &TestDb, app: &axum::Router, org: &str, a: &Applicant, kind: &str) -> Client {
    let mut c = Client::new(app);
    assert_eq!(start(&mut c, org, a).await.status, 200);
    let (email_code, mobile_code) = codes(db, a).await;
    assert_eq!(verify(&mut c, &email_code, &mobile_code).await.status, 200);
    assert_eq!(choose(&mut c, kind).await.status, 200);
    let sent = submit(&mut c, a.username, APPLY_PASSWORD).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    c
}

pub(crate) async fn signed_in(app: &axum::Router, username: &str) -> Client {
    let mut c = Client::new(app);
    assert_eq!(c.sign_in(username, PASSWORD).await.status, 200);
    assert_eq!(c.verify(&totp_now(SECRET, 0)).await.status, 200);
    c
}

pub(crate) async fn status_of(db: &TestDb, username: &str) -> String {
    let username = username.to_string();
    db.pool
        .run(move |conn| Ok(app::db::users::find_by_key(conn, &username)?.map(|u| u.status.as_str().to_string())))
        .await
        .expect("user")
        .unwrap_or_default()
}

async fn from_first_step_to_approval(db: TestDb) {
    load_demo(&db).await;
    let admin_id = create_user_in(&db, ORG, "orgadmin1", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    // It holds the subsystem the applicant asks for, so it may grant it.
    db.pool.run(move |conn| Ok(app::db::portal::grant(conn, admin_id, "assets", None, 0)?)).await.expect("grant");
    create_user_in(&db, OTHER_ORG, "otheradmin", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    create_user_in(&db, ORG, "plainuser", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);

    // Bad input is said at its field and starts nothing.
    let captcha = c.captcha().await;
    let bad = [
        ("org_code", "9.9.9", "org_code"),
        ("name", "王1明", "name"),
        ("email", "wang@gmail.com", "email"),
        ("mobile", "0812345678", "mobile"),
    ];
    for (field, value, said) in bad {
        let mut form = vec![
            ("org_code", ORG),
            ("name", WANG.name),
            ("email", WANG.email),
            ("mobile", WANG.mobile),
            ("captcha", captcha.as_str()),
        ];
        form.iter_mut().filter(|(f, _)| *f == field).for_each(|p| p.1 = value);
        let reply = c.post("start_application", &form).await;
        assert_eq!(field_of(&reply).as_deref(), Some(said), "{field}: {}", reply.body);
    }
    assert!(c.apply_cookie.is_none(), "nothing was started");
    assert!(view(&mut c).await["reached"].is_null());

    assert_eq!(start(&mut c, ORG, &WANG).await.status, 200);
    let (email_code, mobile_code) = codes(&db, &WANG).await;
    assert_eq!(view(&mut c).await["reached"], "Verify");
    // Later steps cannot be skipped to.
    assert_eq!(message_of(&choose(&mut c, "user").await), Some(Msg::ApplyVerifyFirst));
    assert_eq!(message_of(&submit(&mut c, WANG.username, APPLY_PASSWORD).await), Some(Msg::ApplyVerifyFirst));

    // Each code works only on its own channel.
    if email_code != mobile_code {
        let swapped = verify(&mut c, &mobile_code, &email_code).await;
        assert_eq!(field_of(&swapped).as_deref(), Some("email_code"), "{}", swapped.body);
        assert_eq!(view(&mut c).await["email_verified"], false);
        assert_eq!(view(&mut c).await["mobile_verified"], false);
    }
    assert_eq!(verify(&mut c, &email_code, &mobile_code).await.status, 200);
    let v = view(&mut c).await;
    assert_eq!((v["reached"].as_str(), v["reviewers"].as_i64()), (Some("Subsystems"), Some(1)));

    assert_eq!(field_of(&c.post("choose_subsystems", &[("kind", "user")]).await).as_deref(), Some("subsystems"));
    assert_eq!(
        field_of(&c.post("choose_subsystems", &[("kind", "user"), ("subsystems[0]", "nope")]).await).as_deref(),
        Some("subsystems")
    );
    assert_eq!(choose(&mut c, "user").await.status, 200);

    // The form's own password profile, and a username that is taken.
    assert_eq!(field_of(&submit(&mut c, WANG.username, "Has!Symbol1234").await).as_deref(), Some("password"));
    assert_eq!(field_of(&submit(&mut c, WANG.username, "alllowercase1234").await).as_deref(), Some("password"));
    assert_eq!(message_of(&submit(&mut c, "orgadmin1", APPLY_PASSWORD).await), Some(Msg::ApplyUsernameTaken));
    assert_eq!(field_of(&submit(&mut c, "ab", APPLY_PASSWORD).await).as_deref(), Some("username"));
    assert_eq!(submit(&mut c, WANG.username, APPLY_PASSWORD).await.status, 200);
    let v = view(&mut c).await;
    assert_eq!(
        (v["status"].as_str(), v["username"].as_str(), v["profile"]["title"].as_str()),
        (Some("Pending"), Some(WANG.username), Some("教師"))
    );
    // Its reviewer hears of it.
    assert!(last_mail(&db, "orgadmin1@test.edu.tw")
        .await
        .is_some_and(|(subject, body)| subject.contains("待審核") && body.contains("王小明")));
    // A general user's application has no paper form.
    assert_eq!(c.get("/apply/form.xlsx").await.status, 404);
    assert_eq!(c.upload("/apply/scan", b"%PDF-1.7".to_vec()).await.status, 404);
    // Sent once: the same form again changes nothing.
    assert!(matches!(error_of(&submit(&mut c, "another01", APPLY_PASSWORD).await).0, AppError::Conflict { .. }));

    // A pending account is not an account: no sign-in, no reset code, no username reminder.
    assert_eq!(status_of(&db, WANG.username).await, "pending");
    // But it holds its username while it waits: nobody can take it before the review.
    let other = app::db::users::NewUser {
        username: WANG.username.into(),
        display_name: "別人".into(),
        email: "someone@test.edu.tw".into(),
        ..Default::default()
    };
    let services = gatehouse::server::app_state_with(db.pool.clone(), true, settings()).services;
    let taken = app::flows::accounts::admin::create_with_link(&services, ORG, other, Vec::new()).await;
    assert!(
        matches!(&taken, Err(AppError::Invalid { field, message }) if field == "username" && message.msg == Msg::UsernameTaken),
        "{taken:?}"
    );
    let mut guest = Client::new(&app);
    let refused = guest.sign_in(WANG.username, APPLY_PASSWORD).await;
    assert_ne!(refused.status, 200);
    assert!(guest.viewer().await.is_null());
    let before = mails_to(&db, WANG.email).await.len();
    request(&mut guest, WANG.name, WANG.username, WANG.email).await;
    let captcha = guest.captcha().await;
    guest.post("remind_username", &[("email", WANG.email), ("captcha", &captcha)]).await;
    assert_eq!(mails_to(&db, WANG.email).await.len(), before, "nothing was sent to a pending account");

    // Who may review: this organization's admin; not another's, not a user, not a guest.
    let mut other = signed_in(&app, "otheradmin").await;
    let theirs: serde_json::Value = other.get("/api/fn/list_applications?kind=user").await.json();
    assert_eq!((theirs["rows"].as_array().map(Vec::len), theirs["total"].as_i64()), (Some(0), Some(0)));
    let mut admin = signed_in(&app, "orgadmin1").await;
    let queue: serde_json::Value = admin.get("/api/fn/list_applications?kind=user").await.json();
    let queue = &queue["rows"];
    assert_eq!(queue.as_array().map(Vec::len), Some(1), "{queue}");
    let id = queue[0]["id"].as_i64().expect("id").to_string();
    assert_eq!((queue[0]["username"].as_str(), queue[0]["unit"].as_str()), (Some(WANG.username), Some("教務處")));
    assert_eq!(other.get(&format!("/api/fn/get_application_detail?id={id}")).await.status, 404);
    assert_eq!(other.post("approve_application", &[("id", &id)]).await.status, 404);
    assert_eq!(admin.get("/api/fn/list_applications?kind=org_admin").await.status, 403);
    let mut user = signed_in(&app, "plainuser").await;
    assert_eq!(user.post("approve_application", &[("id", &id)]).await.status, 404);
    assert_eq!(Client::new(&app).post("approve_application", &[("id", &id)]).await.status, 401);
    assert_eq!(status_of(&db, WANG.username).await, "pending");

    // The admin's home page says something waits; a user's says nothing.
    let home: serde_json::Value = admin.get("/api/fn/get_portal_home").await.json();
    assert_eq!(home["waiting_reviews"], 1);
    let home: serde_json::Value = user.get("/api/fn/get_portal_home").await.json();
    assert_eq!(home["waiting_reviews"], 0);
    let detail: serde_json::Value = admin.get(&format!("/api/fn/get_application_detail?id={id}")).await.json();
    assert_eq!(
        (detail["mobile"].as_str(), detail["profile"]["office_ext"].as_str()),
        (Some("0912-345678"), Some("123"))
    );
    assert_eq!(admin.post("approve_application", &[("id", &id)]).await.status, 200);
    assert!(matches!(error_of(&admin.post("approve_application", &[("id", &id)]).await).0, AppError::Conflict { .. }));
    assert!(last_mail(&db, WANG.email).await.is_some_and(|(subject, _)| subject.contains("核准")));
    assert_eq!(view(&mut c).await["status"], "Approved");
    let home: serde_json::Value = admin.get("/api/fn/get_portal_home").await.json();
    assert_eq!(home["waiting_reviews"], 0, "nothing waits once reviewed");

    // Now it signs in, straight to binding an authenticator, with the subsystem granted.
    let mut wang = Client::new(&app);
    assert_eq!(wang.sign_in(WANG.username, APPLY_PASSWORD).await.body, "\"BindFactor\"");
    let user_id = {
        let u = WANG.username;
        db.pool.run(move |conn| Ok(app::db::users::find_by_key(conn, u)?.expect("user").id)).await.expect("id")
    };
    let grants = db.pool.run(move |conn| Ok(app::db::portal::grant_codes(conn, user_id)?)).await.expect("grants");
    assert_eq!(grants, ["assets"]);
}
on_both_databases!(application_to_approval, from_first_step_to_approval);

async fn codes_are_bound_limited_and_single_use(db: TestDb) {
    load_demo(&db).await;
    create_user_in(&db, ORG, "orgadmin1", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let lee =
        Applicant { name: "Mary Lee", email: "mary@school.test.edu.tw", mobile: "0922333444", username: "marylee01" };

    // Two applications at once: one's codes never work for the other.
    let mut wang = Client::new(&app);
    assert_eq!(start(&mut wang, ORG, &WANG).await.status, 200);
    let (wang_email, wang_mobile) = codes(&db, &WANG).await;
    let mut mary = Client::new(&app);
    assert_eq!(start(&mut mary, ORG, &lee).await.status, 200);
    let (mary_email, mary_mobile) = codes(&db, &lee).await;
    if (wang_email.as_str(), wang_mobile.as_str()) != (mary_email.as_str(), mary_mobile.as_str()) {
        let crossed = verify(&mut mary, &wang_email, &wang_mobile).await;
        assert_eq!(crossed.status, 400, "{}", crossed.body);
    }

    // A resend voids the older code, and gives no fresh tries.
    let resent = mary.post("resend_application_code", &[("channel", "email")]).await;
    assert_eq!(resent.status, 200, "{}", resent.body);
    let (new_email, _) = codes(&db, &lee).await;
    if new_email != mary_email {
        assert_eq!(message_of(&verify(&mut mary, &mary_email, "").await), Some(Msg::ApplyCodeWrong));
    }
    // The mobile is still unproved: the email alone does not open the next step.
    assert_eq!(verify(&mut mary, &new_email, "").await.status, 400);
    assert_eq!(view(&mut mary).await["email_verified"], true);
    assert_eq!(view(&mut mary).await["reached"], "Verify");

    // Five wrong tries at most, whatever the resends: then even the right code is refused.
    let wrong = if mary_mobile == "000000" { "111111" } else { "000000" };
    let mut tries = 0;
    while tries < 5 {
        let reply = verify(&mut mary, "", wrong).await;
        tries += 1;
        if message_of(&reply) == Some(Msg::ApplyCodeSpent) {
            break;
        }
        assert_eq!(message_of(&reply), Some(Msg::ApplyCodeWrong), "try {tries}: {}", reply.body);
    }
    let spent = mary.post("resend_application_code", &[("channel", "sms")]).await;
    assert_eq!(message_of(&spent), Some(Msg::ApplyCodeSpent), "{}", spent.body);
    assert_eq!(message_of(&verify(&mut mary, "", &mary_mobile).await), Some(Msg::ApplyCodeSpent));
    assert_eq!(view(&mut mary).await["mobile_verified"], false);
    // Starting again (a new CAPTCHA) leaves the spent draft behind: a new one, with its own tries.
    assert_eq!(start(&mut mary, ORG, &lee).await.status, 200);
    let v = view(&mut mary).await;
    assert_eq!((v["reached"].as_str(), v["email_verified"].as_bool()), (Some("Verify"), Some(false)));
    let (_, fresh_mobile) = codes(&db, &lee).await;
    let reply = verify(&mut mary, "", &fresh_mobile).await;
    assert_eq!(field_of(&reply).as_deref(), Some("email_code"), "only the email is left: {}", reply.body);
    assert_eq!(view(&mut mary).await["mobile_verified"], true);

    // A burst of guesses takes one try each: at most 5 answers are comparisons, whatever the burst.
    let mut lin = Client::new(&app);
    let lin_a = Applicant { name: "林大華", email: "lin@test.gov.tw", mobile: "0933444555", username: "lindh001" };
    assert_eq!(start(&mut lin, ORG, &lin_a).await.status, 200);
    let (lin_email, lin_mobile) = codes(&db, &lin_a).await;
    // The email proved first, so that each answer below is about the mobile's code.
    verify(&mut lin, &lin_email, "").await;
    assert_eq!(view(&mut lin).await["email_verified"], true);
    let guesses: Vec<String> =
        (0..12).map(|i| format!("{:06}", (lin_mobile.parse::<u32>().unwrap() + 1 + i) % 1_000_000)).collect();
    let calls = guesses
        .iter()
        .map(|g| {
            (
                lin.clone(),
                "verify_application",
                vec![("email_code".into(), String::new()), ("mobile_code".into(), g.clone())],
            )
        })
        .collect();
    let replies = all_at_once(calls).await;
    let compared = replies.iter().filter(|r| message_of(r) == Some(Msg::ApplyCodeWrong)).count();
    let refused = replies.iter().filter(|r| message_of(r) == Some(Msg::ApplyCodeSpent)).count();
    assert_eq!(compared + refused, replies.len(), "every guess got one of the two answers");
    assert!(compared <= 5, "{compared} guesses were compared");
    assert_eq!(message_of(&verify(&mut lin, "", &lin_mobile).await), Some(Msg::ApplyCodeSpent));

    // Expired: a code older than 10 minutes is refused.
    let mut wang2 = wang.clone();
    db.pool
        .run(|conn| {
            use app::db::schema::applications::dsl::*;
            use diesel::prelude::*;
            diesel::update(applications).set(email_code_expires_at.eq(app::db::now() - 1)).execute(conn)?;
            Ok(())
        })
        .await
        .expect("expire");
    assert_eq!(message_of(&verify(&mut wang2, &wang_email, &wang_mobile).await), Some(Msg::ApplyCodeExpired));
    // The mobile's code was still live, and right: that channel is proved and its code used up.
    assert_eq!(view(&mut wang2).await["mobile_verified"], true);

    // A browser without the application's cookie has nothing to verify.
    let mut stranger = Client::new(&app);
    assert_eq!(message_of(&verify(&mut stranger, &wang_email, &wang_mobile).await), Some(Msg::ApplyStartAgain));
}
on_both_databases!(application_codes, codes_are_bound_limited_and_single_use);

async fn admins_are_capped_when_approvals_race(db: TestDb) {
    load_demo(&db).await;
    create_user_in(&db, OTHER_ORG, "firstadmin", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    create_user_in(&db, CENTRAL_ORG, "centralone", Role::Central, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let a = Applicant { name: "陳一", email: "chen1@test.gov.tw", mobile: "0911000001", username: "chenone01" };
    let b = Applicant { name: "陳二", email: "chen2@test.gov.tw", mobile: "0911000002", username: "chentwo02" };
    apply(&db, &app, OTHER_ORG, &a, "org_admin").await;
    apply(&db, &app, OTHER_ORG, &b, "org_admin").await;

    // The organization's admin does not review admins.
    let mut first = signed_in(&app, "firstadmin").await;
    assert_eq!(first.get("/api/fn/list_applications?kind=org_admin").await.status, 403);

    let mut central = signed_in(&app, "centralone").await;
    // Without a kind, the central authority's list is the organization admins'.
    let queue: serde_json::Value = central.get("/api/fn/list_applications").await.json();
    let ids: Vec<String> = queue["rows"].as_array().expect("list").iter().map(|r| r["id"].to_string()).collect();
    assert_eq!(ids.len(), 2, "{queue}");
    // Both at once: with one admin already and a limit of 2, exactly one may pass.
    let calls =
        ids.iter().map(|id| (central.clone(), "approve_application", vec![("id".into(), id.clone())])).collect();
    let replies = all_at_once(calls).await;
    let passed = replies.iter().filter(|r| r.status == 200).count();
    let capped = replies.iter().filter(|r| r.status == 409 && message_of(r) == Some(Msg::ApplyAdminsFull)).count();
    assert_eq!(
        (passed, capped),
        (1, 1),
        "{:?}",
        replies.iter().map(|r| (r.status, r.body.clone())).collect::<Vec<_>>()
    );
    let statuses = [status_of(&db, a.username).await, status_of(&db, b.username).await];
    assert_eq!(statuses.iter().filter(|s| *s == "active").count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| *s == "pending").count(), 1, "{statuses:?}");

    // The list for the periodic review: both admins, the one who never signed in first; the
    // pending applicant is not an admin. Only the central authority sees it.
    let admins: serde_json::Value = central.get("/api/fn/list_org_admins").await.json();
    let admins = &admins["rows"];
    let names: Vec<&str> = admins.as_array().expect("list").iter().filter_map(|a| a["username"].as_str()).collect();
    let approved = if statuses[0] == "active" { a.username } else { b.username };
    assert_eq!(names, [approved, "firstadmin"], "{admins}");
    assert!(admins[0]["last_sign_in_at"].is_null() && admins[1]["last_sign_in_at"].is_i64());
    assert_eq!(first.get("/api/fn/list_org_admins").await.status, 403);
}
on_both_databases!(application_admin_limit, admins_are_capped_when_approvals_race);

async fn rejections_say_why_and_no_admin_means_the_admin_route(db: TestDb) {
    load_demo(&db).await;
    create_user_in(&db, CENTRAL_ORG, "centralone", Role::Central, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let a = Applicant { name: "張三", email: "zhang@test.gov.tw", mobile: "0955666777", username: "zhangsan01" };

    // An organization without admins cannot review a user's application: the admin route only.
    let mut c = Client::new(&app);
    assert_eq!(start(&mut c, OTHER_ORG, &a).await.status, 200);
    let (e, m) = codes(&db, &a).await;
    assert_eq!(verify(&mut c, &e, &m).await.status, 200);
    assert_eq!(view(&mut c).await["reviewers"], 0);
    assert_eq!(message_of(&choose(&mut c, "user").await), Some(Msg::ApplyNoAdmins));
    assert_eq!(choose(&mut c, "org_admin").await.status, 200);
    assert_eq!(submit(&mut c, a.username, APPLY_PASSWORD).await.status, 200);

    // The paper form, filled in from the application, and its stamped scan.
    let form = c.get("/apply/form.xlsx").await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.headers["content-disposition"].to_str().unwrap_or("").starts_with("attachment"));
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(form.bytes.clone())).expect("xlsx");
    let range = calamine::Reader::worksheet_range(&mut book, "申請單").expect("sheet");
    let line: Vec<String> =
        (0..10).map(|col| range.get_value((4, col)).map(|v| v.to_string()).unwrap_or_default()).collect();
    assert_eq!(line[2..8], [OTHER_ORG, &line[3], "教務處", a.name, "教師", a.username]);
    assert_eq!(line[9], "02-2345-6789 #123");
    assert!(Client::new(&app).get("/apply/form.xlsx").await.status == 404, "only the applicant's browser has it");
    let not_a_scan = c.upload("/apply/scan", b"<html><script>alert(1)</script>".to_vec()).await;
    assert_eq!(field_of(&not_a_scan).as_deref(), Some("scan"));
    let mut too_big = b"%PDF-".to_vec();
    too_big.resize(app::accounts::MAX_SCAN_BYTES + 4096, b' ');
    assert_eq!(c.upload("/apply/scan", too_big).await.status, 413);
    let scan = b"%PDF-1.7 stamped".to_vec();
    assert_eq!(c.upload("/apply/scan", scan.clone()).await.status, 204);
    assert_eq!(view(&mut c).await["has_scan"], true);

    let mut central = signed_in(&app, "centralone").await;
    let queue: serde_json::Value = central.get("/api/fn/list_applications?kind=org_admin").await.json();
    let id = queue["rows"][0]["id"].to_string();
    assert!(last_mail(&db, "centralone@test.edu.tw").await.is_some_and(|(subject, _)| subject.contains("待審核")));
    let got = central.get(&format!("/admin/applications/{id}/scan")).await;
    assert_eq!((got.status, got.headers["content-type"].to_str().unwrap_or("")), (200, "application/pdf"));
    assert_eq!(got.bytes, scan);
    assert_eq!(Client::new(&app).get(&format!("/admin/applications/{id}/scan")).await.status, 401);
    // A reason is required, and the refusal changes nothing.
    assert_eq!(
        field_of(&central.post("reject_application", &[("id", &id), ("reason", "  ")]).await).as_deref(),
        Some("reason")
    );
    assert_eq!(status_of(&db, a.username).await, "pending");
    assert_eq!(
        central.post("reject_application", &[("id", &id), ("reason", "請附機關用印的申請單")]).await.status,
        200
    );
    assert_eq!(status_of(&db, a.username).await, "rejected");
    let (subject, body) = last_mail(&db, a.email).await.expect("result mail");
    assert!(subject.contains("退回") && body.contains("請附機關用印的申請單"), "{subject} {body}");
    let v = view(&mut c).await;
    assert_eq!((v["status"].as_str(), v["review_reason"].as_str()), (Some("Rejected"), Some("請附機關用印的申請單")));
    assert_eq!(central.post("approve_application", &[("id", &id)]).await.status, 409, "already reviewed");
    assert_eq!(c.upload("/apply/scan", b"%PDF-1.7 later".to_vec()).await.status, 409, "the review is over");
    assert_ne!(Client::new(&app).sign_in(a.username, APPLY_PASSWORD).await.status, 200);

    // The applicant may start again from the first step: a new draft.
    assert_eq!(start(&mut c, OTHER_ORG, &a).await.status, 200);
    assert_eq!(view(&mut c).await["reached"], "Verify");
}
on_both_databases!(application_rejection, rejections_say_why_and_no_admin_means_the_admin_route);

async fn signed_in_users_ask_for_subsystems_and_give_them_up(db: TestDb) {
    load_demo(&db).await;
    let admin_id = create_user_in(&db, ORG, "orgadmin1", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    db.pool.run(move |conn| Ok(app::db::portal::grant(conn, admin_id, "assets", None, 0)?)).await.expect("grant");
    create_user_in(&db, OTHER_ORG, "otheradmin", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    let teacher_id = create_user_in(&db, ORG, "teacher1", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut teacher = signed_in(&app, "teacher1").await;
    let ask = |change: &'static str| [("subsystem", "assets"), ("change", change)];
    let held = || {
        let pool = db.pool.clone();
        async move { pool.run(move |conn| Ok(app::db::portal::grant_codes(conn, teacher_id)?)).await.expect("grants") }
    };

    // What one does not hold cannot be given up; asking twice waits for the first.
    assert_eq!(message_of(&teacher.post("ask_grant_change", &ask("revoke")).await), Some(Msg::GrantNotHeld));
    assert_eq!(teacher.post("ask_grant_change", &ask("grant")).await.status, 200);
    assert_eq!(message_of(&teacher.post("ask_grant_change", &ask("grant")).await), Some(Msg::GrantAlreadyPending));
    assert_eq!(
        message_of(&teacher.post("ask_grant_change", &[("subsystem", "nope"), ("change", "grant")]).await),
        Some(Msg::ApplySubsystemUnknown)
    );
    let mine: serde_json::Value = teacher.get("/api/fn/my_subsystems").await.json();
    let assets = mine.as_array().expect("list").iter().find(|s| s["code"] == "assets").expect("assets").clone();
    assert_eq!((assets["granted"].as_bool(), assets["pending"].as_str()), (Some(false), Some("Grant")));
    assert!(last_mail(&db, "orgadmin1@test.edu.tw").await.is_some_and(|(subject, _)| subject.contains("系統權限")));

    // Another organization's admin neither sees nor decides it; the teacher cannot approve their own.
    let mut other = signed_in(&app, "otheradmin").await;
    let theirs: serde_json::Value = other.get("/api/fn/list_grant_requests").await.json();
    assert_eq!(theirs.as_array().map(Vec::len), Some(0));
    let mut admin = signed_in(&app, "orgadmin1").await;
    let queue: serde_json::Value = admin.get("/api/fn/list_grant_requests").await.json();
    let id = queue[0]["id"].to_string();
    assert_eq!(other.post("decide_grant_request", &[("id", &id), ("decision", "approve")]).await.status, 404);
    assert_eq!(teacher.post("decide_grant_request", &[("id", &id), ("decision", "approve")]).await.status, 404);
    assert!(held().await.is_empty());

    // Approved at once by two admins' clicks: one wins, the other is told.
    let calls = (0..2)
        .map(|_| {
            (
                admin.clone(),
                "decide_grant_request",
                vec![("id".into(), id.clone()), ("decision".into(), "approve".into())],
            )
        })
        .collect();
    let replies = all_at_once(calls).await;
    let statuses: Vec<u16> = replies.iter().map(|r| r.status).collect();
    assert!(statuses.contains(&200) && statuses.contains(&409), "{statuses:?}");
    assert_eq!(held().await, ["assets"]);
    assert!(last_mail(&db, "teacher1@test.edu.tw").await.is_some_and(|(subject, _)| subject.contains("核准")));

    // Giving it up: sent back needs a reason, and changes nothing.
    assert_eq!(teacher.post("ask_grant_change", &ask("revoke")).await.status, 200);
    let queue: serde_json::Value = admin.get("/api/fn/list_grant_requests").await.json();
    let id = queue[0]["id"].to_string();
    let no_reason = admin.post("decide_grant_request", &[("id", &id), ("decision", "reject")]).await;
    assert_eq!(field_of(&no_reason).as_deref(), Some("reason"));
    assert_eq!(
        admin
            .post("decide_grant_request", &[("id", &id), ("decision", "reject"), ("reason", "學期中仍需填報")])
            .await
            .status,
        200
    );
    assert_eq!(held().await, ["assets"]);
    assert!(last_mail(&db, "teacher1@test.edu.tw").await.is_some_and(|(_, body)| body.contains("學期中仍需填報")));
    // Asked again and approved: taken away.
    assert_eq!(teacher.post("ask_grant_change", &ask("revoke")).await.status, 200);
    let queue: serde_json::Value = admin.get("/api/fn/list_grant_requests").await.json();
    let id = queue[0]["id"].to_string();
    assert_eq!(admin.post("decide_grant_request", &[("id", &id), ("decision", "approve")]).await.status, 200);
    assert!(held().await.is_empty());
}
on_both_databases!(grant_requests, signed_in_users_ask_for_subsystems_and_give_them_up);

/// "Only what the granter holds", whichever way a grant is made (issue 26): a main account that
/// does not hold a subsystem cannot hand it out by approving a request for it (listed as not
/// its to approve, refused, nothing granted) or an application asking for it (the account is
/// approved, the subsystem left as its request). Once the main account holds it, both go
/// through.
async fn a_review_grants_only_what_the_reviewer_holds(db: TestDb) {
    load_demo(&db).await;
    let admin_id = create_user_in(&db, ORG, "orgadmin1", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    let teacher_id = create_user_in(&db, ORG, "teacher1", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let held = |id: i64| {
        let pool = db.pool.clone();
        async move { pool.run(move |conn| Ok(app::db::portal::grant_codes(conn, id)?)).await.expect("grants") }
    };
    let mut teacher = signed_in(&app, "teacher1").await;
    let ask = [("subsystem", "assets"), ("change", "grant")];
    assert_eq!(teacher.post("ask_grant_change", &ask).await.status, 200);
    let mut admin = signed_in(&app, "orgadmin1").await;
    let queue: serde_json::Value = admin.get("/api/fn/list_grant_requests").await.json();
    assert_eq!(queue[0]["approvable"], false, "{queue}");
    let id = queue[0]["id"].to_string();
    let refused = admin.post("decide_grant_request", &[("id", &id), ("decision", "approve")]).await;
    assert_eq!(message_of(&refused), Some(Msg::GrantNotYours), "{}", refused.body);
    assert!(held(teacher_id).await.is_empty());

    // An application asking for it: approved as an account, the subsystem left as a request.
    let mut wang = apply(&db, &app, ORG, &WANG, "user").await;
    let queue: serde_json::Value = admin.get("/api/fn/list_applications?kind=user").await.json();
    let app_id = queue["rows"][0]["id"].to_string();
    let detail: serde_json::Value = admin.get(&format!("/api/fn/get_application_detail?id={app_id}")).await.json();
    assert_eq!(detail["left_as_requests"], serde_json::json!(["資通系統資產清冊"]), "{detail}");
    assert_eq!(admin.post("approve_application", &[("id", &app_id)]).await.status, 200);
    assert_eq!(view(&mut wang).await["status"], "Approved");
    let wang_id = {
        let u = WANG.username;
        db.pool.run(move |conn| Ok(app::db::users::find_by_key(conn, u)?.expect("user").id)).await.expect("id")
    };
    assert!(held(wang_id).await.is_empty(), "not granted by one who does not hold it");
    let queue: serde_json::Value = admin.get("/api/fn/list_grant_requests").await.json();
    assert_eq!(queue.as_array().map(Vec::len), Some(2), "the applicant's wish waits as a request: {queue}");

    // Holding it, the main account approves both.
    db.pool.run(move |conn| Ok(app::db::portal::grant(conn, admin_id, "assets", None, 0)?)).await.expect("grant");
    let queue: serde_json::Value = admin.get("/api/fn/list_grant_requests").await.json();
    for request in queue.as_array().expect("list") {
        assert_eq!(request["approvable"], true);
        let id = request["id"].to_string();
        assert_eq!(admin.post("decide_grant_request", &[("id", &id), ("decision", "approve")]).await.status, 200);
    }
    assert_eq!(held(teacher_id).await, ["assets"]);
    assert_eq!(held(wang_id).await, ["assets"]);
}
on_both_databases!(review_grants_held, a_review_grants_only_what_the_reviewer_holds);

/// An organization the central authority turned off takes no applications (issue 26): refused at
/// the organization step, and at 送出申請 for one begun before it was turned off.
async fn a_disabled_organization_takes_no_application(db: TestDb) {
    load_demo(&db).await;
    create_user_in(&db, ORG, "orgadmin1", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let set_disabled = |on: bool| {
        let pool = db.pool.clone();
        async move {
            pool.run(move |conn| {
                let (id, _) = app::db::orgs::find_id(conn, &app::directory::OrgKey::from_segment(ORG))?;
                Ok(app::db::orgs::set_disabled(conn, id, on.then_some(1))?)
            })
            .await
            .expect("set")
        }
    };
    // Begun while it was on, as far as the account form.
    let mut before = Client::new(&app);
    assert_eq!(start(&mut before, ORG, &WANG).await.status, 200);
    let (email_code, mobile_code) = codes(&db, &WANG).await;
    assert_eq!(verify(&mut before, &email_code, &mobile_code).await.status, 200);
    assert_eq!(choose(&mut before, "user").await.status, 200);
    assert!(set_disabled(true).await);

    let mut c = Client::new(&app);
    let refused = start(&mut c, ORG, &WANG).await;
    assert_eq!((field_of(&refused).as_deref(), message_of(&refused)), (Some("org_code"), Some(Msg::ApplyOrgDisabled)));
    assert!(c.apply_cookie.is_none(), "nothing was started");
    let contacts = c.post("registered_contacts", &[("org_code", ORG)]).await;
    assert_eq!(message_of(&contacts), Some(Msg::ApplyOrgDisabled));
    let late = submit(&mut before, WANG.username, APPLY_PASSWORD).await;
    assert_eq!(message_of(&late), Some(Msg::ApplyOrgDisabled), "{}", late.body);
    assert_eq!(status_of(&db, WANG.username).await, "", "no account was made");
}
on_both_databases!(disabled_org_application, a_disabled_organization_takes_no_application);
