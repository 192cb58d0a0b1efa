//! Organizations as the central authority runs them and as anyone asks about them (SPEC §1,
//! §4): a disabled organization's accounts cannot sign in by any step; who administers an
//! organization, masked; a school's request for a main account and its answer; 收件紀錄; and
//! the subsystem's consent, which the server asks too, not only the page.

use app::{accounts::Role, error::AppError, i18n::Msg};

use crate::{
    client::{
        all_at_once, create_user_in, error_of, last_mail, refused_at, router, settings, totp_now, Client, SECRET,
    },
    credentials::signed_in,
    inventory::{insert, people, row, save},
    on_both_databases,
    support::{load_demo, Reply, TestDb},
};

const PASSWORD: &str = "Tz9!mQ2#vbLp";
const CENTRAL_ORG: &str = "2.16.886.101.20003";
const SCHOOL: &str = "134691";

async fn set_disabled(c: &mut Client, org: &str, disabled: bool) -> Reply {
    c.post("set_org_disabled", &[("org_code", org), ("disabled", if disabled { "true" } else { "false" })]).await
}

async fn a_disabled_organization_signs_nobody_in(db: TestDb) {
    load_demo(&db).await;
    create_user_in(&db, CENTRAL_ORG, "central", Role::Central, PASSWORD, Some(SECRET)).await;
    create_user_in(&db, SCHOOL, "134691_teacher", Role::User, PASSWORD, Some(SECRET)).await;
    create_user_in(&db, SCHOOL, "134691_halfway", Role::User, PASSWORD, Some(SECRET)).await;
    create_user_in(&db, SCHOOL, "134691_main", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    create_user_in(&db, "134692", "134692_teacher", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut central = signed_in(&app, "central", 0).await;
    let mut teacher = signed_in(&app, "134691_teacher", 0).await;
    // Past the password, not yet past the code, when the organization is turned off.
    let mut halfway = Client::new(&app);
    assert_eq!(halfway.sign_in("134691_halfway", PASSWORD).await.status, 200);

    // Only the central authority turns an organization off; its own organization stays on.
    let mut main = signed_in(&app, "134691_main", 1).await;
    assert_eq!(set_disabled(&mut main, SCHOOL, true).await.status, 403);
    assert_eq!(set_disabled(&mut Client::new(&app), SCHOOL, true).await.status, 401);
    refused_at(&set_disabled(&mut central, CENTRAL_ORG, true).await, "org_code", Msg::OrgsCannotDisableCentral);
    refused_at(&set_disabled(&mut central, "999999", true).await, "org_code", Msg::ApplyOrgUnknown);
    refused_at(&set_disabled(&mut central, SCHOOL, false).await, "org_code", Msg::OrgsNotDisabled);

    let reply = set_disabled(&mut central, SCHOOL, true).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    refused_at(&set_disabled(&mut central, SCHOOL, true).await, "org_code", Msg::OrgsAlreadyDisabled);
    let listed = central.get("/api/fn/list_disabled_orgs").await.json();
    assert_eq!(listed.as_array().map(|l| l.len()), Some(1), "{listed}");
    assert_eq!(listed[0]["key"], SCHOOL);

    // Signed-in sessions end at their next request, the one halfway cannot finish, and a new
    // sign-in is refused as a wrong password would be; another school is not touched.
    assert_eq!(teacher.get("/api/fn/my_activity").await.status, 401);
    assert_eq!(main.get("/api/fn/members_view?q=").await.status, 401);
    assert_eq!(halfway.verify(&totp_now(SECRET, 0)).await.status, 401);
    let again = Client::new(&app).sign_in("134691_teacher", PASSWORD).await;
    refused_at(&again, "form", Msg::SignInFailed);
    signed_in(&app, "134692_teacher", 0).await;

    // On again: the accounts sign in as before.
    assert_eq!(set_disabled(&mut central, SCHOOL, false).await.status, 200);
    signed_in(&app, "134691_teacher", 1).await;
    assert_eq!(central.get("/api/fn/list_disabled_orgs").await.json(), serde_json::json!([]));
    let events = audit_events(&db, &["org_disabled", "org_enabled"]).await;
    assert_eq!(events, ["org_disabled", "org_enabled"]);
}
on_both_databases!(disabled_org, a_disabled_organization_signs_nobody_in);

async fn audit_events(db: &TestDb, of: &[&str]) -> Vec<String> {
    use app::db::schema::audit_events as a;
    use diesel::prelude::*;
    let of: Vec<String> = of.iter().map(|s| s.to_string()).collect();
    db.pool
        .run(move |conn| Ok(a::table.filter(a::event.eq_any(of)).order(a::id).select(a::event).load::<String>(conn)?))
        .await
        .expect("audit")
}

async fn look_up(c: &mut Client, org: &str) -> Reply {
    let captcha = c.captcha().await;
    c.post("look_up_admins", &[("org_code", org), ("captcha", &captcha)]).await
}

async fn anyone_learns_who_administers_an_organization_masked(db: TestDb) {
    load_demo(&db).await;
    let main = create_user_in(&db, SCHOOL, "134691_main", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    create_user_in(&db, SCHOOL, "134691_teacher", Role::User, PASSWORD, Some(SECRET)).await;
    db.pool
        .run(move |conn| {
            let profile = app::accounts::Profile {
                title: "校長".into(),
                unit: "校長室".into(),
                office_phone: "08-868-1113".into(),
                office_ext: "101".into(),
                ..Default::default()
            };
            app::db::users::set_profile(conn, main, &profile)?;
            app::db::users::set_contact(conn, main, None, Some("0912-345678"))?;
            Ok(app::db::portal::grant(conn, main, "assets", None, 0)?)
        })
        .await
        .expect("profile");
    let app = router(&db, settings());
    let mut guest = Client::new(&app);

    let reply = look_up(&mut guest, SCHOOL).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let found = reply.json();
    assert_eq!(found["org_key"], SCHOOL);
    let admins = found["admins"].as_array().expect("admins");
    assert_eq!(admins.len(), 1, "only the main account, not the teacher: {found}");
    assert_eq!(admins[0]["name"], "測試者");
    assert_eq!((admins[0]["unit"].as_str(), admins[0]["title"].as_str()), (Some("校長室"), Some("校長")));
    assert_eq!(admins[0]["phone"], "08-***-**13 #101");
    assert_eq!(admins[0]["email"], "1**********@test.edu.tw");
    assert_eq!(admins[0]["subsystems"].as_array().map(|s| s.len()), Some(1));
    // Never the username, the mobile or the whole address.
    for private in ["134691_main", "0912", "345678", "134691_main@"] {
        assert!(!reply.body.contains(private), "{private} in {}", reply.body);
    }

    // By name of another school: none yet. An empty code is said before the CAPTCHA is spent;
    // an unknown one at its field; a missing or reused CAPTCHA answer is refused.
    let none = look_up(&mut guest, "134692").await.json();
    assert_eq!(none["admins"], serde_json::json!([]));
    refused_at(
        &guest.post("look_up_admins", &[("org_code", " "), ("captcha", "")]).await,
        "org_code",
        Msg::ApplyOrgRequired,
    );
    refused_at(&look_up(&mut guest, "999999").await, "org_code", Msg::ApplyOrgUnknown);
    refused_at(
        &guest.post("look_up_admins", &[("org_code", SCHOOL), ("captcha", "")]).await,
        "captcha",
        Msg::CaptchaPending,
    );
    let captcha = guest.captcha().await;
    assert_eq!(guest.post("look_up_admins", &[("org_code", SCHOOL), ("captcha", &captcha)]).await.status, 200);
    let reused = guest.post("look_up_admins", &[("org_code", SCHOOL), ("captcha", &captcha)]).await;
    assert_eq!(reused.status, 400, "{}", reused.body);
    assert_eq!(audit_events(&db, &["admins_looked_up"]).await.len(), 3);
}
on_both_databases!(who_administers, anyone_learns_who_administers_an_organization_masked);

fn request_form<'a>(org: &'a str, part: &'a str, email: &'a str, captcha: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("org_code", org),
        ("part", part),
        ("name", "張校長"),
        ("email", email),
        ("title", "校長"),
        ("unit", "校長室"),
        ("office_phone", "08-868-1113"),
        ("office_ext", "101"),
        ("captcha", captcha),
    ]
}

async fn ask(c: &mut Client, org: &str, part: &str, email: &str) -> Reply {
    let captcha = c.captcha().await;
    c.post("request_main_account", &request_form(org, part, email, &captcha)).await
}

async fn a_school_requests_its_main_account_and_the_central_authority_answers(db: TestDb) {
    load_demo(&db).await;
    create_user_in(&db, CENTRAL_ORG, "central", Role::Central, PASSWORD, Some(SECRET)).await;
    create_user_in(&db, "011602", "011602_main", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut guest = Client::new(&app);

    // The form's rules at their fields; a school with a main account, or one asked for
    // already, is refused; nothing is stored for a refused request.
    refused_at(&ask(&mut guest, "", "principal", "p@school.edu.tw").await, "org_code", Msg::FieldRequired);
    refused_at(&ask(&mut guest, SCHOOL, "x", "p@school.edu.tw").await, "account", Msg::MemberPartRule);
    refused_at(&ask(&mut guest, SCHOOL, "principal", "p@gmail.com").await, "email", Msg::ApplyEmailDomain);
    refused_at(&ask(&mut guest, "011602", "principal", "p@school.edu.tw").await, "org_code", Msg::MainRequestHasMain);
    let made = ask(&mut guest, SCHOOL, "principal", "principal@school.edu.tw").await;
    assert_eq!(made.status, 200, "{}", made.body);
    assert_eq!(made.json(), "134691_principal");
    refused_at(&ask(&mut guest, SCHOOL, "other", "other@school.edu.tw").await, "org_code", Msg::MainRequestOpen);
    let second = ask(&mut guest, "134692", "boss", "boss@school.edu.tw").await;
    assert_eq!(second.status, 200, "{}", second.body);

    // Only the central authority sees and answers them.
    let mut main = signed_in(&app, "011602_main", 0).await;
    assert_eq!(main.get("/api/fn/list_main_requests").await.status, 403);
    assert_eq!(guest.get("/api/fn/list_main_requests").await.status, 401);
    let mut central = signed_in(&app, "central", 1).await;
    let listed = central.get("/api/fn/list_main_requests").await.json();
    let rows = listed.as_array().expect("rows");
    assert_eq!(rows.len(), 2, "{listed}");
    assert_eq!((rows[0]["username"].as_str(), rows[0]["has_main"].as_bool()), (Some("134691_principal"), Some(false)));
    let (first, other) = (rows[0]["id"].to_string(), rows[1]["id"].to_string());
    let decide = |id: &str, decision: &str, reason: &str| {
        vec![("id".to_string(), id.to_string()), ("decision".into(), decision.into()), ("reason".into(), reason.into())]
    };
    let approve = decide(&first, "approve", "");
    let as_refs: Vec<(&str, &str)> = approve.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(main.post("decide_main_request", &as_refs).await.status, 403);

    // Two approvals at once: one creates the account, the other finds the request answered.
    let replies = all_at_once(vec![
        (Client::with_cookie(&app, central.cookie.clone()), "decide_main_request", approve.clone()),
        (Client::with_cookie(&app, central.cookie.clone()), "decide_main_request", approve.clone()),
    ])
    .await;
    let mut statuses: Vec<u16> = replies.iter().map(|r| r.status).collect();
    statuses.sort();
    assert_eq!(statuses, [200, 404], "{:?}", replies.iter().map(|r| &r.body).collect::<Vec<_>>());
    let created = replies.iter().find(|r| r.status == 200).expect("created");
    assert_eq!(created.json(), "134691_principal");

    // The main account of that school, awaiting its password, its holder mailed the link.
    let user = {
        let name = "134691_principal".to_string();
        db.pool.run(move |conn| Ok(app::db::users::find_by_key(conn, &name)?)).await.expect("read").expect("made")
    };
    assert_eq!((user.role, user.awaits_password(), user.unit.as_deref()), (Role::OrgAdmin, true, Some("校長室")));
    let (_, body) = last_mail(&db, "principal@school.edu.tw").await.expect("link mailed");
    assert!(body.contains("134691_principal") && body.contains("set-password?token="), "{body}");

    // Turned down with a reason, mailed; without a reason, refused at its field.
    refused_at(
        &central.post("decide_main_request", &[("id", &other), ("decision", "reject"), ("reason", " ")]).await,
        "reason",
        Msg::FieldRequired,
    );
    let rejected = central
        .post("decide_main_request", &[("id", &other), ("decision", "reject"), ("reason", "請以學校公務信箱申請")])
        .await;
    assert_eq!(rejected.status, 200, "{}", rejected.body);
    let (_, body) = last_mail(&db, "boss@school.edu.tw").await.expect("refusal mailed");
    assert!(body.contains("請以學校公務信箱申請"), "{body}");
    assert!(central.get("/api/fn/list_main_requests").await.json().as_array().expect("rows").is_empty());
    assert_eq!(audit_events(&db, &["main_account_requested"]).await.len(), 2);
}
on_both_databases!(main_request, a_school_requests_its_main_account_and_the_central_authority_answers);

async fn the_main_account_reads_its_own_assignment_record(db: TestDb) {
    load_demo(&db).await;
    let main_id = create_user_in(&db, SCHOOL, "134691_main", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    let teacher = create_user_in(&db, SCHOOL, "134691_teacher", Role::User, PASSWORD, Some(SECRET)).await;
    create_user_in(&db, "134692", "134692_main", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    db.pool.run(move |conn| Ok(app::db::portal::grant(conn, main_id, "assets", None, 0)?)).await.expect("grant");
    let app = router(&db, settings());
    let mut main = signed_in(&app, "134691_main", 0).await;
    let mut other = signed_in(&app, "134692_main", 1).await;
    let grant = [("user_id", teacher.to_string()), ("code", "assets".into()), ("on", "true".into())];
    let grant: Vec<(&str, &str)> = grant.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(main.post("set_member_grant", &grant).await.status, 200);
    assert_eq!(
        main.post("set_member_enabled", &[("user_id", &teacher.to_string()), ("enabled", "false")]).await.status,
        200
    );

    let reply = main.get("/api/fn/member_log?username=&from=&to=").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let entries = reply.json();
    let events: Vec<&str> = entries.as_array().expect("entries").iter().filter_map(|e| e["event"].as_str()).collect();
    assert_eq!(events, ["AccountDisabled", "GrantChanged"], "{entries}");
    assert!(entries[1]["detail"].as_str().is_some_and(|d| d.contains("134691_main")), "{entries}");
    // Without the addresses and browsers they came from.
    assert!(entries.as_array().expect("entries").iter().all(|e| e["ip"] == "" && e["user_agent"] == ""), "{entries}");
    // Another school's main account sees nothing of it; a sub-account and a guest get nothing.
    let theirs = other.get("/api/fn/member_log?username=134691&from=&to=").await.json();
    assert_eq!(theirs, serde_json::json!([]));
    let mut sub = Client::new(&app);
    assert_eq!(sub.get("/api/fn/member_log?username=&from=&to=").await.status, 401);
    let csv = main.get("/members/log.csv?username=teacher").await;
    assert_eq!(csv.status, 200, "{}", csv.body);
    assert!(csv.body.contains("grant_changed") && csv.body.contains("account_disabled"), "{}", csv.body);
    assert_eq!(other.get("/members/log.csv").await.body.lines().count(), 1, "the header only");
}
on_both_databases!(member_log, the_main_account_reads_its_own_assignment_record);

async fn the_server_asks_for_the_consent_too(db: TestDb) {
    let p = people(&db).await;
    let mut user = crate::inventory::signed_in(&p.app, "a_user").await;
    let withdraw = user.post("set_consent", &[("code", "assets"), ("on", "false")]).await;
    assert_eq!(withdraw.status, 200, "{}", withdraw.body);
    // Reading, saving and exporting its own organization's sheet are refused until it agrees.
    let refused = [
        user.get("/api/fn/get_inventory").await,
        save(&mut user, p.a_id, vec![insert(&row("未同意"))]).await,
        user.get("/inventory/export.csv").await,
    ];
    for reply in &refused {
        assert_eq!((reply.status, error_of(reply).0), (403, AppError::ConsentRequired), "{}", reply.body);
    }
    assert_eq!(user.post("set_consent", &[("code", "assets"), ("on", "true")]).await.status, 200);
    assert_eq!(save(&mut user, p.a_id, vec![insert(&row("已同意"))]).await.status, 200);
    assert_eq!(user.get("/api/fn/get_inventory").await.status, 200);
    // The central authority's oversight of an organization asks nothing.
    let mut central = crate::inventory::signed_in(&p.app, "central").await;
    assert_eq!(central.get(&format!("/api/fn/get_inventory?org_id={}", p.a_id)).await.status, 200);
}
on_both_databases!(consent_required, the_server_asks_for_the_consent_too);

async fn the_central_authority_imports_the_directory_from_its_page(db: TestDb) {
    load_demo(&db).await;
    create_user_in(&db, CENTRAL_ORG, "central", Role::Central, PASSWORD, Some(SECRET)).await;
    create_user_in(&db, SCHOOL, "134691_main", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let file = "\u{feff}機關名稱,OID,電話,地址,DN\n\
        \"總統府\",\"2.16.886.101.20002\",\"02-23206000\",\"台北市重慶南路1段122號\",\"o=總統府,c=TW\"\n\
        \"測試新機關\",\"2.16.886.101.20002.99999\",\"02-12345678\",\"台北市\",\"ou=測試新機關,o=總統府,c=TW\"\n\
        \"壞的機關\",\"2.16.886.0101\",\"\",\"\",\"\"\n";
    let count_new = || {
        let pool = db.pool.clone();
        async move {
            use app::db::schema::organizations as o;
            use diesel::prelude::*;
            pool.run(|conn| {
                Ok(o::table.filter(o::oid.eq("2.16.886.101.20002.99999")).count().get_result::<i64>(conn)?)
            })
            .await
            .expect("count")
        }
    };

    // Nobody else imports.
    let mut main = signed_in(&app, "134691_main", 0).await;
    assert_eq!(main.upload("/admin/directory/import", file.as_bytes().to_vec()).await.status, 403);
    assert_eq!(Client::new(&app).upload("/admin/directory/import", file.as_bytes().to_vec()).await.status, 401);

    // Checked only: the report, nothing written.
    let mut central = signed_in(&app, "central", 1).await;
    let checked = central.upload("/admin/directory/import?dry_run=true", file.as_bytes().to_vec()).await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    let report = checked.json();
    assert_eq!(
        (report["file"].as_str(), report["added"].as_u64(), report["updated"].as_u64(), report["dry_run"].as_bool()),
        (Some("Gds"), Some(1), Some(1), Some(true)),
        "{report}"
    );
    assert_eq!(count_new().await, 0);

    // Imported: the refused row by its line and reason; again, nothing changes.
    let done = central.upload("/admin/directory/import", file.as_bytes().to_vec()).await.json();
    assert_eq!((done["added"].as_u64(), done["updated"].as_u64()), (Some(1), Some(1)), "{done}");
    assert_eq!(done["rejected"][0]["line"], 4);
    assert_eq!(done["rejected"][0]["reason"]["msg"], "ImportRejectOid", "{done}");
    assert_eq!(count_new().await, 1);
    let again = central.upload("/admin/directory/import", file.as_bytes().to_vec()).await.json();
    assert_eq!(
        (again["added"].as_u64(), again["updated"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(0), Some(2))
    );

    // A file that is none of the official ones is refused whole, at the file.
    let odd = central.upload("/admin/directory/import", "name,code\nx,1\n".as_bytes().to_vec()).await;
    refused_at(&odd, "file", Msg::ImportFileUnknownHeader);
    let bytes = central.upload("/admin/directory/import", vec![0xff, 0xfe, 0x00]).await;
    refused_at(&bytes, "file", Msg::ImportFileNotUtf8);
    assert_eq!(audit_events(&db, &["directory_imported"]).await.len(), 5);
}
on_both_databases!(directory_import, the_central_authority_imports_the_directory_from_its_page);
