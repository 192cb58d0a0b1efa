//! A registered contact's application (SPEC §2 step 2, 既有聯絡人): the list shows masked names
//! only; details that do not match the record look the same to the applicant but send
//! nothing; one code on the chosen channel proves the contact; an entry makes one account;
//! and the contacts file goes through the directory importer.

use app::{error::AppError, i18n::Msg};

use crate::{
    applications::{
        choose, field_of, message_of, signed_in, six_digits, status_of, submit, view, APPLY_PASSWORD, PASSWORD,
    },
    client::{all_at_once, create_user_in, error_of, last_mail, mails_to, router, settings, Client, SECRET},
    on_both_databases,
    support::{load_demo, Reply, TestDb},
};

const SCHOOL: &str = "011601";
const OTHER_SCHOOL: &str = "011602";
const CHEN_EMAIL: &str = "chen.meiling@demo.edu.tw";
const CHEN_MOBILE: &str = "0912-345678";

async fn listed(c: &mut Client, org: &str) -> (Reply, Vec<(i64, String)>) {
    let reply = c.post("registered_contacts", &[("org_code", org)]).await;
    let list = reply
        .json()
        .as_array()
        .map(|a| a.iter().map(|c| (c["id"].as_i64().unwrap_or(0), c["masked"].as_str().unwrap_or("").into())).collect())
        .unwrap_or_default();
    (reply, list)
}

async fn start_as(c: &mut Client, org: &str, contact: i64, email: &str, mobile: &str, channel: &str) -> Reply {
    let captcha = c.captcha().await;
    let contact = contact.to_string();
    c.post(
        "start_application",
        &[
            ("org_code", org),
            ("org_name", ""),
            ("mode", "registered"),
            ("contact", &contact),
            ("email", email),
            ("mobile", mobile),
            ("channel", channel),
            ("captcha", &captcha),
        ],
    )
    .await
}

async fn verify_one(c: &mut Client, field: &str, code: &str) -> Reply {
    c.post(
        "verify_application",
        &[
            ("email_code", if field == "email_code" { code } else { "" }),
            ("mobile_code", if field == "mobile_code" { code } else { "" }),
        ],
    )
    .await
}

async fn contact_path(db: TestDb) {
    load_demo(&db).await;
    create_user_in(&db, SCHOOL, "011601_admin", app::accounts::Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = Client::new(&app);

    // The list: masked names, nothing else of the record.
    let (reply, list) = listed(&mut c, SCHOOL).await;
    assert_eq!(list.iter().map(|(_, m)| m.as_str()).collect::<Vec<_>>(), ["林○豪", "陳○玲"], "{}", reply.body);
    assert!(!reply.body.contains("chen.meiling") && !reply.body.contains("0912") && !reply.body.contains("教務"));
    let chen = list.iter().find(|(_, m)| m == "陳○玲").expect("listed").0;
    let (_, others) = listed(&mut c, OTHER_SCHOOL).await;
    let huang = others[0].0;
    assert_eq!(field_of(&listed(&mut c, "9.9.9").await.0).as_deref(), Some("org_code"));

    // Another organization's entry, no entry, no channel: said at the field, nothing started.
    let reply = start_as(&mut c, SCHOOL, huang, CHEN_EMAIL, CHEN_MOBILE, "email").await;
    assert_eq!((field_of(&reply).as_deref(), message_of(&reply)), (Some("contact"), Some(Msg::ApplyContactUnknown)));
    let captcha = c.captcha().await;
    let reply = c
        .post(
            "start_application",
            &[
                ("org_code", SCHOOL),
                ("mode", "registered"),
                ("email", CHEN_EMAIL),
                ("mobile", CHEN_MOBILE),
                ("captcha", &captcha),
            ],
        )
        .await;
    assert_eq!(field_of(&reply).as_deref(), Some("contact"), "{}", reply.body);
    let reply = start_as(&mut c, SCHOOL, chen, CHEN_EMAIL, CHEN_MOBILE, "fax").await;
    assert_eq!(field_of(&reply).as_deref(), Some("channel"));
    assert!(c.apply_cookie.is_none(), "nothing was started");

    // Details that are not the record's: the page goes on the same way, and nothing is sent
    // anywhere; no code can prove it.
    let reply = start_as(&mut c, SCHOOL, chen, CHEN_EMAIL, "0900-000000", "email").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let v = view(&mut c).await;
    assert_eq!(
        (v["reached"].as_str(), v["display_name"].as_str(), v["proof"].as_str()),
        (Some("Verify"), Some("陳○玲"), Some("Email"))
    );
    assert!(mails_to(&db, CHEN_EMAIL).await.is_empty(), "a mismatch sends nothing");
    assert!(mails_to(&db, "0900-000000").await.is_empty());
    for guess in ["000000", "123456"] {
        assert_eq!(field_of(&verify_one(&mut c, "email_code", guess).await).as_deref(), Some("email_code"));
    }

    // The record's details, the SMS chosen: one code, to the mobile on record only.
    let reply = start_as(&mut c, SCHOOL, chen, CHEN_EMAIL.to_uppercase().as_str(), "0912345678", "sms").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(mails_to(&db, CHEN_EMAIL).await.is_empty(), "no email code when the SMS was chosen");
    let code = six_digits(&last_mail(&db, CHEN_MOBILE).await.expect("an SMS code").1);
    let v = view(&mut c).await;
    assert_eq!(v["display_name"], "陳○玲", "the full name only once proved");
    // The email's field is not asked for; a wrong SMS code is said at its field.
    let wrong = if code == "000000" { "111111" } else { "000000" };
    assert_eq!(field_of(&verify_one(&mut c, "mobile_code", wrong).await).as_deref(), Some("mobile_code"));
    assert_eq!(verify_one(&mut c, "mobile_code", &code).await.status, 200);
    let v = view(&mut c).await;
    assert_eq!(
        (
            v["reached"].as_str(),
            v["display_name"].as_str(),
            v["profile"]["title"].as_str(),
            v["email_verified"].as_bool()
        ),
        (Some("Subsystems"), Some("陳美玲"), Some("教務主任"), Some(false))
    );

    // A second browser proves the same entry before the first submits: one account only.
    let mut twin = Client::new(&app);
    assert_eq!(start_as(&mut twin, SCHOOL, chen, CHEN_EMAIL, CHEN_MOBILE, "email").await.status, 200);
    let twin_code = six_digits(&last_mail(&db, CHEN_EMAIL).await.expect("an email code").1);
    assert_eq!(verify_one(&mut twin, "email_code", &twin_code).await.status, 200);
    assert_eq!(choose(&mut twin, "user").await.status, 200);

    assert_eq!(choose(&mut c, "user").await.status, 200);
    // Both submit at once: one account, and the other answer says the entry is taken.
    let form = |username: &str| {
        [("username", username), ("password", APPLY_PASSWORD), ("confirm", APPLY_PASSWORD), ("title", "教務主任")]
            .into_iter()
            .chain([("unit", "教務處"), ("office_phone", "02-2921-4630")])
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Vec<_>>()
    };
    let replies = all_at_once(vec![
        (c.clone(), "submit_application", form("chenml01")),
        (twin.clone(), "submit_application", form("chenml02")),
    ])
    .await;
    let sent: Vec<bool> = replies.iter().map(|r| r.status == 200).collect();
    assert_eq!(sent.iter().filter(|s| **s).count(), 1, "{:?}", replies.iter().map(|r| &r.body).collect::<Vec<_>>());
    let (winner, loser) = if sent[0] { (0, 1) } else { (1, 0) };
    assert_eq!(message_of(&replies[loser]), Some(Msg::ApplyContactTaken), "{}", replies[loser].body);
    let names = ["chenml01", "chenml02"];
    assert_eq!(status_of(&db, names[loser]).await, "", "the refused submission made no account");
    assert_eq!(status_of(&db, names[winner]).await, "pending");
    // The one that went through: by SMS (`c`) or by email (`twin`).
    let (mut sender, proof) = if winner == 0 { (c, "Sms") } else { (twin, "Email") };
    let (_, list) = listed(&mut Client::new(&app), SCHOOL).await;
    assert_eq!(list.iter().map(|(_, m)| m.as_str()).collect::<Vec<_>>(), ["林○豪"], "an entry applies once");

    // The reviewer sees how the applicant was proved; a rejection lists the entry again.
    let mut admin = signed_in(&app, "011601_admin").await;
    let queue: serde_json::Value = admin.get("/api/fn/list_applications?kind=user").await.json();
    let id = queue["rows"][0]["id"].as_i64().expect("id").to_string();
    let detail: serde_json::Value = admin.get(&format!("/api/fn/get_application_detail?id={id}")).await.json();
    assert_eq!((detail["proof"].as_str(), detail["mobile"].as_str()), (Some(proof), Some(CHEN_MOBILE)));
    let rejected = admin.post("reject_application", &[("id", &id), ("reason", "請改用公務信箱驗證")]).await;
    assert_eq!(rejected.status, 200, "{}", rejected.body);
    let (_, list) = listed(&mut Client::new(&app), SCHOOL).await;
    assert_eq!(list.len(), 2, "a refused contact may apply again");
    assert!(matches!(error_of(&submit(&mut sender, "chenml03", APPLY_PASSWORD).await).0, AppError::Conflict { .. }));
}
on_both_databases!(registered_contact_path, contact_path);

async fn contacts_file(db: TestDb) {
    load_demo(&db).await;
    let file = "機關代號,姓名,電子郵件,手機,職稱,單位\n\
        011601,陳美玲,chen.meiling@demo.edu.tw,0912 345 678,教務主任,教務處\n\
        011601,王大同,WANG.DT@demo.edu.tw,0955123456,,\n\
        011601,王1同,w1@demo.edu.tw,0955123457,,\n\
        011601,李四,li4@demo.edu.tw,0812345678,,\n\
        999999,張三,zhang3@demo.edu.tw,0955123458,,\n\
        2.16.886.101.20003.20005,趙六,zhao6@demo.gov.tw,0955-123-459,科員,資訊處\n\
        011601,王大同,wang.dt@demo.edu.tw,0955123456,,\n";
    let report = gatehouse::import::import_bytes(&db.pool, file.as_bytes(), false).await.expect("imports");
    let text = report.to_string();
    // The demo's entry is unchanged; two added; the bad name, bad mobile, unknown school and
    // the repeated address refused, each with its line.
    assert_eq!((report.added, report.updated, report.unchanged), (2, 0, 1), "{text}");
    let mut lines: Vec<u64> = report.rejected.iter().map(|r| r.line).collect();
    lines.sort();
    assert_eq!(lines, [4, 5, 6, 8], "{text}");
    assert!(text.starts_with("registered contacts: 2 added"), "{text}");
    assert!(text.contains("no organization 999999"), "{text}");

    // A changed title updates; the file again changes nothing.
    let again = file.replace("教務主任", "校長");
    let report = gatehouse::import::import_bytes(&db.pool, again.as_bytes(), false).await.expect("imports");
    assert_eq!((report.added, report.updated, report.unchanged), (0, 1, 2), "{report}");
    let report = gatehouse::import::import_bytes(&db.pool, again.as_bytes(), false).await.expect("imports");
    assert_eq!((report.added, report.updated, report.unchanged), (0, 0, 3), "{report}");
    let app = router(&db, settings());
    let (_, list) = listed(&mut Client::new(&app), SCHOOL).await;
    assert_eq!(list.iter().map(|(_, m)| m.as_str()).collect::<Vec<_>>(), ["林○豪", "王○同", "陳○玲"]);
    // An account made another way with an entry's address, in other case, takes the entry off.
    db.pool
        .run(|conn| {
            let org_id = app::db::orgs::find_id(conn, &app::directory::OrgKey::from_segment(SCHOOL))?.0;
            let user = app::db::users::NewUser {
                org_id,
                username: "011601_lin".into(),
                display_name: "林志豪".into(),
                email: "Lin.ChihHao@Demo.edu.tw".into(),
                ..Default::default()
            };
            app::db::users::insert(conn, &user)?;
            Ok(())
        })
        .await
        .expect("account");
    let (_, list) = listed(&mut Client::new(&app), SCHOOL).await;
    assert_eq!(list.iter().map(|(_, m)| m.as_str()).collect::<Vec<_>>(), ["王○同", "陳○玲"]);
}
on_both_databases!(registered_contacts_file, contacts_file);
