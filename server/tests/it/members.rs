//! 子帳號管理 (SPEC §4), tried as a main account would and as one trying to reach past its
//! organization: creation with its set-password link, the rules of the form, the list, turning
//! an account off and on, 補寄驗證信, grants, and another organization's ids.

use app::{accounts::Role, error::AppError, i18n::Msg};

use crate::{
    client::{create_user_in, error_of, last_mail, mails_to, refused_at, router, settings, Client, SECRET},
    credentials::signed_in,
    on_both_databases,
    support::{load_demo, Reply, TestDb},
};

const PASSWORD: &str = "Tz9!mQ2#vbLp";
const SCHOOL: &str = "313601";
const OTHER_SCHOOL: &str = "011601";

fn form<'a>(part: &'a str, email: &'a str, captcha: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("part", part),
        ("name", "王小明"),
        ("email", email),
        ("title", "教師"),
        ("unit", "教務處"),
        ("office_phone", "02-2345-6789"),
        ("office_ext", "123"),
        ("captcha", captcha),
    ]
}

async fn create(c: &mut Client, part: &str, email: &str) -> Reply {
    let captcha = c.captcha().await;
    c.post("create_member", &form(part, email, &captcha)).await
}

async fn account(db: &TestDb, username: &str) -> Option<app::db::users::User> {
    let username = username.to_string();
    db.pool.run(move |conn| Ok(app::db::users::find_by_key(conn, &username)?)).await.expect("read")
}

async fn grant_assets(db: &TestDb, id: i64) {
    db.pool.run(move |conn| Ok(app::db::portal::grant(conn, id, "assets", None, 0)?)).await.expect("grant");
}

async fn holds_assets(db: &TestDb, id: i64) -> bool {
    db.pool.run(move |conn| Ok(app::db::portal::has_grant(conn, id, "assets")?)).await.expect("read")
}

fn link_token(body: &str) -> String {
    body.split("token=").nth(1).and_then(|t| t.split_whitespace().next()).expect("link").to_string()
}

async fn a_main_account_runs_its_own_sub_accounts(db: TestDb) {
    load_demo(&db).await;
    let main_id = create_user_in(&db, SCHOOL, "main313601", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    grant_assets(&db, main_id).await;
    let app = router(&db, settings());
    let mut main = signed_in(&app, "main313601", 0).await;

    // Created in its own organization with the code in front, no grant, and a mailed link.
    let made = create(&mut main, "test01", "wang01@school.edu.tw").await;
    assert_eq!(made.status, 200, "{}", made.body);
    let member = account(&db, "313601_test01").await.expect("created");
    assert_eq!(
        (member.org_id, member.role, member.password_hash.is_none()),
        (account(&db, "main313601").await.unwrap().org_id, Role::User, true)
    );
    assert!(!holds_assets(&db, member.id).await);
    let (subject, body) = last_mail(&db, "wang01@school.edu.tw").await.expect("link mailed");
    assert!(subject.contains("設定"), "{subject}");
    assert!(body.contains("313601_test01"), "the mail names the whole username: {body}");

    // The form's rules, each at its field; nothing is created.
    refused_at(&create(&mut main, "TEST01", "wang02@school.edu.tw").await, "account", Msg::UsernameTaken);
    refused_at(&create(&mut main, "a", "wang02@school.edu.tw").await, "account", Msg::MemberPartRule);
    refused_at(&create(&mut main, "x_y", "wang02@school.edu.tw").await, "account", Msg::MemberPartRule);
    assert_eq!(create(&mut main, "test02", "wang02@gmail.com").await.status, 400);
    let no_captcha = main.post("create_member", &form("test02", "wang02@school.edu.tw", "")).await;
    refused_at(&no_captcha, "captcha", Msg::CaptchaPending);
    assert!(account(&db, "313601_test02").await.is_none());

    // 補寄驗證信 voids the older link; the newer one sets the password once.
    let first = link_token(&body);
    assert_eq!(main.post("resend_member_link", &[("user_id", &member.id.to_string())]).await.status, 200);
    let mails = mails_to(&db, "wang01@school.edu.tw").await;
    assert_eq!(mails.len(), 2);
    let second = link_token(&mails[0].1);
    assert_ne!(first, second);
    let mut holder = Client::new(&app);
    let set = |token: String| {
        vec![("token".to_string(), token), ("password".into(), PASSWORD.into()), ("confirm".into(), PASSWORD.into())]
    };
    let post = |c: &mut Client, f: Vec<(String, String)>| {
        let mut c = c.clone();
        async move { c.post("set_password", &f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>()).await }
    };
    assert_eq!(post(&mut holder, set(first)).await.status, 400, "the older link is void");
    assert_eq!(post(&mut holder, set(second.clone())).await.status, 200);
    assert_eq!(post(&mut holder, set(second)).await.status, 400, "a link serves once");
    // With a password set, no more links: its holder has 忘記密碼.
    let again = main.post("resend_member_link", &[("user_id", &member.id.to_string())]).await;
    refused_at(&again, "account", Msg::MemberLinkNotNeeded);

    // The list: this organization's accounts only, searched.
    create_user_in(&db, OTHER_SCHOOL, "other_teacher", Role::User, PASSWORD, None).await;
    let listed = main.get("/api/fn/members_view?q=").await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    let names: Vec<String> = listed.json()["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["username"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["main313601", "313601_test01"]);
    assert_eq!(main.get("/api/fn/member_form_info").await.json()["prefix"], "313601");
    let found = main.get("/api/fn/members_view?q=TEST01").await.json();
    assert_eq!(found["members"].as_array().unwrap().len(), 1);

    // Turned off, its session ends and it cannot sign in; back on, it can.
    let id = member.id.to_string();
    let mut teacher = Client::new(&app);
    assert_eq!(teacher.sign_in("313601_test01", PASSWORD).await.status, 200);
    assert!(!teacher.viewer().await.is_null());
    assert_eq!(main.post("set_member_enabled", &[("user_id", &id), ("enabled", "false")]).await.status, 200);
    assert!(teacher.viewer().await.is_null(), "the session ended");
    assert_eq!(Client::new(&app).sign_in("313601_test01", PASSWORD).await.status, 400);
    let twice = main.post("set_member_enabled", &[("user_id", &id), ("enabled", "false")]).await;
    assert_eq!(twice.status, 409, "{}", twice.body);
    assert_eq!(main.post("set_member_enabled", &[("user_id", &id), ("enabled", "true")]).await.status, 200);
    assert_eq!(Client::new(&app).sign_in("313601_test01", PASSWORD).await.status, 200);

    // Grants: what the main account holds, given and taken back; each recorded.
    let grant = |on: &'static str| {
        vec![("user_id".to_string(), id.clone()), ("code".into(), "assets".into()), ("on".into(), on.into())]
    };
    let send = |c: &Client, f: Vec<(String, String)>| {
        let mut c = c.clone();
        async move { c.post("set_member_grant", &f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>()).await }
    };
    assert_eq!(send(&main, grant("true")).await.status, 200);
    assert!(holds_assets(&db, member.id).await);
    assert_eq!(send(&main, grant("false")).await.status, 200);
    assert!(!holds_assets(&db, member.id).await);
    let events = crate::lockout::audited(&db, "313601_test01", "grant_changed").await;
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(crate::lockout::audited(&db, "313601_test01", "account_disabled").await.len(), 1);
    assert_eq!(crate::lockout::audited(&db, "313601_test01", "set_password_link_sent").await.len(), 1);

    // Its bindings reset by the main account: the authenticator is gone.
    db.pool
        .run({
            let id = member.id;
            move |conn| {
                let sealed = crate::client::test_keys().seal(id, SECRET).ok_or(AppError::Internal)?;
                Ok(app::db::factors::insert_totp(conn, id, &sealed, 0)?)
            }
        })
        .await
        .expect("bind");
    assert_eq!(main.post("admin_reset_factors", &[("user_id", &id)]).await.status, 200);
    let left = db.pool.run(move |conn| Ok(app::db::factors::for_user(conn, member.id)?)).await.expect("factors");
    assert!(left.is_empty());
}
on_both_databases!(main_account, a_main_account_runs_its_own_sub_accounts);

/// Every id a main account could send that is not its own sub-account, and every account that
/// is not a main account: refused, and nothing changed.
async fn nobody_reaches_past_its_organization(db: TestDb) {
    load_demo(&db).await;
    let main_id = create_user_in(&db, SCHOOL, "main313601", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    let other_main = create_user_in(&db, OTHER_SCHOOL, "main011601", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    grant_assets(&db, other_main).await;
    let theirs = create_user_in(&db, OTHER_SCHOOL, "011601_t1", Role::User, PASSWORD, None).await;
    let central = create_user_in(&db, SCHOOL, "central_m", Role::Central, PASSWORD, Some(SECRET)).await;
    let colleague_main = create_user_in(&db, SCHOOL, "main313601b", Role::OrgAdmin, PASSWORD, None).await;
    let teacher = create_user_in(&db, SCHOOL, "313601_t1", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut main = signed_in(&app, "main313601", 0).await;

    // Another organization's account, another main account (itself included), the central
    // authority: refused (403) for every change, and the grant it does not hold as well.
    for target in [theirs, other_main, main_id, colleague_main, central] {
        let id = target.to_string();
        for (function, form) in [
            ("set_member_enabled", vec![("user_id", id.as_str()), ("enabled", "false")]),
            ("resend_member_link", vec![("user_id", id.as_str())]),
            ("set_member_grant", vec![("user_id", id.as_str()), ("code", "assets"), ("on", "true")]),
            ("admin_reset_factors", vec![("user_id", id.as_str())]),
        ] {
            let reply = main.post(function, &form).await;
            assert_eq!(reply.status, 403, "{function} on {target}: {}", reply.body);
        }
        let user = db.pool.run(move |conn| Ok(app::db::users::find(conn, target)?)).await.expect("read");
        assert!(user.is_active(), "{target} stays on");
    }
    // Its own sub-account, but a subsystem the main account does not hold.
    let grant =
        main.post("set_member_grant", &[("user_id", &teacher.to_string()), ("code", "assets"), ("on", "true")]).await;
    assert_eq!(grant.status, 403, "{}", grant.body);
    assert!(!holds_assets(&db, teacher).await);
    // A subsystem registered nowhere: nobody holds it, so nobody hands it out.
    let unknown =
        main.post("set_member_grant", &[("user_id", &teacher.to_string()), ("code", "payroll"), ("on", "true")]).await;
    assert_eq!(unknown.status, 403);

    // A sub-account, the central authority and a guest cannot open the page or create.
    let mut sub = signed_in(&app, "313601_t1", 0).await;
    let mut central_c = signed_in(&app, "central_m", 1).await;
    for c in [&mut sub, &mut central_c] {
        assert_eq!(c.get("/api/fn/members_view?q=").await.status, 403);
        assert_eq!(c.get("/api/fn/member_form_info").await.status, 403);
        assert_eq!(create(c, "sneaky", "x@school.edu.tw").await.status, 403);
    }
    let mut guest = Client::new(&app);
    assert_eq!(guest.get("/api/fn/members_view?q=").await.status, 401);
    assert_eq!(create(&mut guest, "sneaky", "x@school.edu.tw").await.status, 401);
    assert!(account(&db, "313601_sneaky").await.is_none());
    // The central authority still resets any account's bindings.
    assert_eq!(central_c.post("admin_reset_factors", &[("user_id", &teacher.to_string())]).await.status, 200);
}
on_both_databases!(boundaries, nobody_reaches_past_its_organization);

/// 填報 and 提報 apart inside the asset inventory: a sub-account granted the subsystem fills
/// in (the default) but does not submit until 提報 is given; revoking the subsystem takes its
/// functions with it, and a function cannot be given without the subsystem.
async fn functions_are_granted_apart(db: TestDb) {
    load_demo(&db).await;
    let main_id = create_user_in(&db, SCHOOL, "main313601", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    grant_assets(&db, main_id).await;
    let teacher = create_user_in(&db, SCHOOL, "313601_t1", Role::User, PASSWORD, Some(SECRET)).await;
    create_user_in(&db, SCHOOL, "central_f", Role::Central, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut main = signed_in(&app, "main313601", 0).await;
    let mut central = signed_in(&app, "central_f", 0).await;
    let today = app::time::taipei_date(app::db::now());
    let later = app::time::taipei_date(app::db::now() + 30 * 86_400);
    let period = [("title", "115年資產清冊提報"), ("first_day", today.as_str()), ("last_day", later.as_str())];
    assert_eq!(central.post("open_period", &period).await.status, 200);
    let id = teacher.to_string();
    let set = |c: &Client, function: &'static str, on: &'static str| {
        let (mut c, id) = (c.clone(), id.clone());
        async move {
            let mut form = vec![("user_id", id.as_str()), ("code", "assets"), ("on", on)];
            if !function.is_empty() {
                form.push(("function", function));
            }
            c.post("set_member_grant", &form).await
        }
    };
    let sheet = |c: &Client| {
        let mut c = c.clone();
        async move { c.get("/api/fn/get_inventory").await }
    };

    // A function before the subsystem: refused, said at the grant.
    refused_at(&set(&main, "submit", "true").await, "grant", Msg::MembersGrantFirst);
    assert_eq!(set(&main, "payroll", "true").await.status, 404);
    // Granted: 填報 by default, so the sheet is editable, and 提報 refused.
    assert_eq!(set(&main, "", "true").await.status, 200);
    let mut holder = signed_in(&app, "313601_t1", 0).await;
    // The sheet asks for the subsystem's consent first, as its page does.
    assert_eq!(sheet(&holder).await.status, 403);
    assert_eq!(holder.post("set_consent", &[("code", "assets"), ("on", "true")]).await.status, 200);
    let seen = sheet(&holder).await.json();
    assert_eq!((seen["editable"].clone(), seen["can_submit"].clone()), (true.into(), false.into()), "{seen}");
    let org = seen["org_id"].as_i64().expect("org").to_string();
    assert_eq!(holder.post("submit_inventory", &[("org_id", &org)]).await.status, 403);
    // 提報 given, 填報 taken: submits, does not edit.
    assert_eq!(set(&main, "submit", "true").await.status, 200);
    assert_eq!(set(&main, "fill", "false").await.status, 200);
    let seen = sheet(&holder).await.json();
    assert_eq!((seen["editable"].clone(), seen["can_submit"].clone()), (false.into(), true.into()), "{seen}");
    let listed = main.get("/api/fn/members_view?q=313601_t1").await.json();
    assert_eq!(listed["members"][0]["functions"], serde_json::json!(["assets:submit"]));
    let submitted = holder.post("submit_inventory", &[("org_id", &org)]).await;
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    // Revoked, then granted again: back to the default, 提報 gone with the revocation.
    assert_eq!(set(&main, "", "false").await.status, 200);
    assert_eq!(sheet(&holder).await.status, 403);
    assert_eq!(set(&main, "", "true").await.status, 200);
    let listed = main.get("/api/fn/members_view?q=313601_t1").await.json();
    assert_eq!(listed["members"][0]["functions"], serde_json::json!(["assets:fill"]));
    // Each change recorded with what changed.
    let details: Vec<String> =
        crate::lockout::audited(&db, "313601_t1", "grant_changed").await.into_iter().map(|(_, d)| d).collect();
    assert!(details.iter().any(|d| d.starts_with("grant assets:submit by main313601")), "{details:?}");
    assert!(details.iter().any(|d| d.starts_with("revoke assets by main313601")), "{details:?}");
}
on_both_databases!(functions, functions_are_granted_apart);

async fn role_of(db: &TestDb, id: i64) -> Role {
    db.pool.run(move |conn| Ok(app::db::users::find(conn, id)?)).await.expect("read").role
}

/// 移轉主帳號: only to an active sub-account of its own organization, only freshly verified;
/// the successor holds what the main account held, the old main account keeps a plain one.
/// Two transfers at once to two successors: one main account afterwards, never two.
async fn the_main_role_is_handed_on_once(db: TestDb) {
    load_demo(&db).await;
    let main_id = create_user_in(&db, SCHOOL, "main313601", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    grant_assets(&db, main_id).await;
    let heirs = [
        create_user_in(&db, SCHOOL, "313601_heir1", Role::User, PASSWORD, Some(SECRET)).await,
        create_user_in(&db, SCHOOL, "313601_heir2", Role::User, PASSWORD, Some(SECRET)).await,
    ];
    let theirs = create_user_in(&db, OTHER_SCHOOL, "011601_x1", Role::User, PASSWORD, None).await;
    let app = router(&db, settings());
    let main = signed_in(&app, "main313601", 0).await;
    let send = |c: &Client, to: i64| {
        let mut c = c.clone();
        async move { c.post("transfer_main_role", &[("user_id", &to.to_string())]).await }
    };
    // Not to another organization's account; not to one that cannot sign in.
    assert_eq!(send(&main, theirs).await.status, 403);
    let no_password = create_user_in(&db, SCHOOL, "313601_new", Role::User, PASSWORD, None).await;
    db.pool
        .run(move |conn| {
            use app::db::schema::users::dsl as u;
            use diesel::prelude::*;
            diesel::update(u::users.find(no_password)).set(u::password_hash.eq(None::<String>)).execute(conn)?;
            Ok(())
        })
        .await
        .expect("no password");
    refused_at(&send(&main, no_password).await, "account", Msg::MembersTransferNeedsActive);
    // Minutes after the sign-in, a fresh verification is asked for first.
    crate::credentials::age_verification(&db, 6 * 60).await;
    assert_eq!(error_of(&send(&main, heirs[0]).await).0, AppError::StepUpRequired);
    let main = signed_in(&app, "main313601", 1).await;

    // Both at once: one goes through, the other finds its sender no longer main.
    let (a, b) = tokio::join!(send(&main, heirs[0]), send(&main, heirs[1]));
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [200, 403], "{} / {}", a.body, b.body);
    let heir = if a.status == 200 { heirs[0] } else { heirs[1] };
    let roles = [role_of(&db, main_id).await, role_of(&db, heirs[0]).await, role_of(&db, heirs[1]).await];
    assert_eq!(roles.iter().filter(|r| **r == Role::OrgAdmin).count(), 1, "{roles:?}");
    assert_eq!(role_of(&db, heir).await, Role::OrgAdmin);
    assert_eq!(role_of(&db, main_id).await, Role::User);
    assert!(holds_assets(&db, heir).await, "the successor holds what the main account held");
    // The old main account manages no more; the new one does.
    let mut old = main.clone();
    assert_eq!(old.get("/api/fn/members_view?q=").await.status, 403);
    let username = if heir == heirs[0] { "313601_heir1" } else { "313601_heir2" };
    let mut new_main = signed_in(&app, username, 0).await;
    let listed = new_main.get("/api/fn/members_view?q=main313601").await.json();
    assert_eq!(listed["members"][0]["is_main"], false);
    assert_eq!(crate::lockout::audited(&db, username, "main_transferred").await.len(), 1);
    assert_eq!(crate::lockout::audited(&db, "main313601", "main_transferred").await.len(), 1);
}
on_both_databases!(transfer, the_main_role_is_handed_on_once);

/// A name typed without a school code is reminded of it, with a fixed example, the same for
/// every such name (issue 26): whether one sub-account ends so, several, none, or the name is an
/// account of its own, the answer is the same and names no account. A name with a code gets
/// the plain refusal.
async fn a_name_without_its_code_is_hinted(db: TestDb) {
    load_demo(&db).await;
    create_user_in(&db, SCHOOL, "313601_only1", Role::User, PASSWORD, None).await;
    create_user_in(&db, SCHOOL, "313601_twice", Role::User, PASSWORD, None).await;
    create_user_in(&db, OTHER_SCHOOL, "011601_twice", Role::User, PASSWORD, None).await;
    create_user_in(&db, SCHOOL, "plain", Role::User, PASSWORD, None).await;
    let app = router(&db, settings());
    let said = |reply: &Reply| match error_of(reply).0 {
        AppError::Invalid { field, message } => (field, message),
        other => panic!("{other:?}"),
    };
    let first = Client::new(&app).sign_in("ONLY1", "wrong-password").await;
    let (field, message) = said(&first);
    assert_eq!((field.as_str(), message.msg), ("form", Msg::SignInFailedPrefix), "{}", first.body);
    assert_eq!(crate::client::stated_count(&first), Some(1), "counted as any failure");
    let text = message.render(app::i18n::Locale::ZhTw);
    assert!(text.contains("010300_myaccount") && !text.contains("only1"), "a fixed example, no account: {text}");
    for (typed, why) in [("twice", "several end so"), ("nobody", "none ends so"), ("plain", "an account of its own")] {
        let reply = Client::new(&app).sign_in(typed, "wrong-password").await;
        assert_eq!(said(&reply), said(&first), "{typed} ({why}) is answered as only1 is");
    }
    let coded = Client::new(&app).sign_in("x_only1", "wrong-password").await;
    assert_eq!(said(&coded).1.msg, Msg::SignInFailed, "a code typed");
}
on_both_databases!(prefix_hint, a_name_without_its_code_is_hinted);

fn file_rows(reply: &Reply) -> Vec<(u64, String, Vec<String>)> {
    reply.json()["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let fields = r["problems"].as_array().unwrap().iter().map(|p| p[0].as_str().unwrap().to_string()).collect();
            (r["line"].as_u64().unwrap(), r["username"].as_str().unwrap().to_string(), fields)
        })
        .collect()
}

async fn accounts_in(db: &TestDb, prefix: &str) -> usize {
    let pattern = format!("{prefix}_%");
    db.pool
        .run(move |conn| {
            use app::db::schema::users::dsl as u;
            use diesel::prelude::*;
            Ok(u::users.filter(u::username_key.like(pattern)).count().get_result::<i64>(conn)? as usize)
        })
        .await
        .expect("count")
}

/// One mailbox is not flooded by a main account (issue 26): a file naming one address twice
/// is refused at its rows and creates nothing; set-password links (creation, 補寄驗證信) obey
/// the per-recipient limit, refused at the email field; a file row whose address has had its
/// share is refused too.
async fn no_mailbox_is_flooded(db: TestDb) {
    load_demo(&db).await;
    let main_id = create_user_in(&db, SCHOOL, "main313601", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    grant_assets(&db, main_id).await;
    let app = router(&db, settings());
    let mut main = signed_in(&app, "main313601", 0).await;
    let header = "帳號,姓名,處室名稱,職稱,公務電話,分機,公務信箱\n";
    let rows: String =
        (1..=25).map(|i| format!("f{i:02},王小明,教務處,教師,02-2345-6789,,one@school.edu.tw\n")).collect();
    let checked = main.upload("/members/import", format!("{header}{rows}").into_bytes()).await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    let problems: Vec<Vec<String>> = file_rows(&checked).into_iter().map(|(_, _, p)| p).collect();
    assert!(problems[0].is_empty(), "the first row naming it is fine");
    assert!(problems[1..].iter().all(|p| p == &["email"]), "{problems:?}");
    let sent: Vec<serde_json::Value> =
        checked.json()["rows"].as_array().unwrap().iter().map(|r| r["new"].clone()).collect();
    let captcha = main.captcha().await;
    let refused = main.post_json("create_members", &serde_json::json!({ "rows": sent, "captcha": captcha })).await;
    refused_at(&refused, "file", Msg::MembersFileHasProblems);
    assert!(mails_to(&db, "one@school.edu.tw").await.is_empty(), "nothing was mailed");
    assert_eq!(accounts_in(&db, "313601").await, 0);

    // One account, then 補寄驗證信 until the mailbox's share (3 an hour) is used: refused at
    // the email field, nothing more sent, the last link still the one that works.
    assert_eq!(create(&mut main, "solo", "one@school.edu.tw").await.status, 200);
    let solo = account(&db, "313601_solo").await.expect("created").id.to_string();
    for _ in 0..2 {
        assert_eq!(main.post("resend_member_link", &[("user_id", &solo)]).await.status, 200);
    }
    let flooded = main.post("resend_member_link", &[("user_id", &solo)]).await;
    refused_at(&flooded, "email", Msg::MailboxSendLimit);
    assert_eq!(mails_to(&db, "one@school.edu.tw").await.len(), 3);
    // Nor does a new account or a file row get one more mail there.
    refused_at(&create(&mut main, "again", "one@school.edu.tw").await, "email", Msg::MailboxSendLimit);
    assert!(account(&db, "313601_again").await.is_none(), "refused whole");
    let one_row = format!("{header}g01,王小明,教務處,教師,02-2345-6789,,one@school.edu.tw\n");
    let checked = main.upload("/members/import", one_row.into_bytes()).await;
    assert_eq!(file_rows(&checked)[0].2, ["email"]);
    assert_eq!(mails_to(&db, "one@school.edu.tw").await.len(), 3);
}
on_both_databases!(mailbox_flood, no_mailbox_is_flooded);

/// Resetting another account's second factors lets whoever knows its password bind a new
/// authenticator: like handing over the main role, it takes a fresh verification (issue 26),
/// from a main account and from the central authority; nothing is removed without it.
async fn resetting_anothers_factors_needs_a_fresh_verification(db: TestDb) {
    load_demo(&db).await;
    create_user_in(&db, SCHOOL, "main313601", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    create_user_in(&db, SCHOOL, "central_m", Role::Central, PASSWORD, Some(SECRET)).await;
    let teacher = create_user_in(&db, SCHOOL, "313601_t1", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let id = teacher.to_string();
    let factors = || {
        let pool = db.pool.clone();
        async move { pool.run(move |conn| Ok(app::db::factors::for_user(conn, teacher)?)).await.expect("read").len() }
    };
    for (who, step) in [("main313601", -1), ("central_m", 0)] {
        let mut admin = signed_in(&app, who, step).await;
        crate::credentials::age_verification(&db, 6 * 60).await;
        let stale = admin.post("admin_reset_factors", &[("user_id", &id)]).await;
        assert_eq!((stale.status, error_of(&stale).0), (403, AppError::StepUpRequired), "{who}");
        assert_eq!(factors().await, 1, "{who}: nothing removed");
    }
    // Verified again, the reset goes through.
    let mut main = signed_in(&app, "main313601", 1).await;
    assert_eq!(main.post("admin_reset_factors", &[("user_id", &id)]).await.status, 200);
    assert_eq!(factors().await, 0);
}
on_both_databases!(reset_step_up, resetting_anothers_factors_needs_a_fresh_verification);

/// 批次新增子帳號: every row of the file checked and shown first (the form's rules, a
/// username twice, one taken, one naming another school); nothing created while any is wrong,
/// even when the rows are sent anyway; then, fixed, all created at once, each mailed.
async fn a_file_is_checked_then_created_whole(db: TestDb) {
    load_demo(&db).await;
    let main_id = create_user_in(&db, SCHOOL, "main313601", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    grant_assets(&db, main_id).await;
    create_user_in(&db, SCHOOL, "313601_taken", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut main = signed_in(&app, "main313601", 0).await;
    let header = "帳號,姓名,處室名稱,職稱,公務電話,分機,公務信箱\n";
    let bad = format!(
        "{header}t01,王小明,教務處,教師,02-2345-6789,11,t01@school.edu.tw\n\
         t02,李大華,學務處,組長,02-2345-6789,,t02@gmail.com\n\
         T01,陳一,總務處,幹事,02-2345-6789,,t03@school.edu.tw\n\
         taken,林二,輔導室,教師,02-2345-6789,,t04@school.edu.tw\n\
         011601_x,張三,教務處,教師,02-2345-6789,,t05@school.edu.tw\n"
    );
    let checked = main.upload("/members/import", bad.clone().into_bytes()).await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    let field = |f: &str| vec![f.to_string()];
    assert_eq!(
        file_rows(&checked),
        [
            (2, "313601_t01".to_string(), vec![]),
            (3, "313601_t02".to_string(), field("email")),
            (4, "313601_T01".to_string(), field("account")),
            (5, "313601_taken".to_string(), field("account")),
            (6, "313601_011601_x".to_string(), field("account")),
        ]
    );
    assert_eq!(accounts_in(&db, "313601").await, 1, "only the account made before");
    // Sent anyway, the rows are checked again: none created.
    let rows: Vec<serde_json::Value> =
        checked.json()["rows"].as_array().unwrap().iter().map(|r| r["new"].clone()).collect();
    let captcha = main.captcha().await;
    let refused = main.post_json("create_members", &serde_json::json!({ "rows": rows, "captcha": captcha })).await;
    refused_at(&refused, "file", Msg::MembersFileHasProblems);
    assert_eq!(accounts_in(&db, "313601").await, 1);

    // Fixed (one written with the school's code in front): all created, each mailed its link.
    let good = format!(
        "{header}t01,王小明,教務處,教師,02-2345-6789,11,t01@school.edu.tw\n\
         t02,李大華,學務處,組長,02-2345-6789,,t02@school.edu.tw\n\
         313601_t03,陳一,總務處,幹事,02-2345-6789,,t03@school.edu.tw\n"
    );
    let checked = main.upload("/members/import", good.into_bytes()).await;
    assert!(file_rows(&checked).iter().all(|(_, _, p)| p.is_empty()), "{}", checked.body);
    let rows: Vec<serde_json::Value> =
        checked.json()["rows"].as_array().unwrap().iter().map(|r| r["new"].clone()).collect();
    // Without the CAPTCHA the single form asks too, nothing is created.
    let unsolved = main.post_json("create_members", &serde_json::json!({ "rows": rows, "captcha": "" })).await;
    refused_at(&unsolved, "captcha", Msg::CaptchaPending);
    assert_eq!(accounts_in(&db, "313601").await, 1);
    let captcha = main.captcha().await;
    let made = main.post_json("create_members", &serde_json::json!({ "rows": rows, "captcha": captcha })).await;
    assert_eq!((made.status, made.body.as_str()), (200, "3"));
    for (username, email) in [("313601_t01", "t01"), ("313601_t02", "t02"), ("313601_t03", "t03")] {
        let user = account(&db, username).await.expect("created");
        assert_eq!(user.org_id, account(&db, "main313601").await.unwrap().org_id);
        let (_, body) = last_mail(&db, &format!("{email}@school.edu.tw")).await.expect("mailed");
        assert!(body.contains(username), "{body}");
    }
    // The same rows again: all taken now, none created twice.
    let captcha = main.captcha().await;
    let again = main.post_json("create_members", &serde_json::json!({ "rows": rows, "captcha": captcha })).await;
    refused_at(&again, "file", Msg::MembersFileHasProblems);

    // Nobody but a main account reads or creates.
    let mut sub = signed_in(&app, "313601_taken", 0).await;
    assert_eq!(sub.upload("/members/import", bad.clone().into_bytes()).await.status, 403);
    let captcha = sub.captcha().await;
    let made_by_sub = sub.post_json("create_members", &serde_json::json!({ "rows": rows, "captcha": captcha })).await;
    assert_eq!(made_by_sub.status, 403);
    assert_eq!(Client::new(&app).upload("/members/import", bad.into_bytes()).await.status, 401);
}
on_both_databases!(member_file, a_file_is_checked_then_created_whole);

/// The central authority assigns a main account when its holder is gone: the named account of
/// that organization becomes main, the former main account a plain one, and the new one holds
/// what the former held. Nobody else may; an account of another organization is refused.
async fn the_central_authority_assigns_a_main_account(db: TestDb) {
    load_demo(&db).await;
    let former = create_user_in(&db, SCHOOL, "main313601", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    grant_assets(&db, former).await;
    let heir = create_user_in(&db, SCHOOL, "313601_next", Role::User, PASSWORD, None).await;
    create_user_in(&db, OTHER_SCHOOL, "011601_other", Role::User, PASSWORD, None).await;
    create_user_in(&db, SCHOOL, "central_a", Role::Central, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut central = signed_in(&app, "central_a", 0).await;
    let mut main = signed_in(&app, "main313601", 0).await;
    let assign = |org: &'static str, username: &'static str| vec![("org_code", org), ("username", username)];
    // Only the central authority.
    assert_eq!(main.post("assign_main_account", &assign(SCHOOL, "313601_next")).await.status, 403);
    // An account of another organization, an unknown organization, the main account itself.
    refused_at(
        &central.post("assign_main_account", &assign(SCHOOL, "011601_other")).await,
        "username",
        Msg::MembersAssignNotInOrg,
    );
    refused_at(
        &central.post("assign_main_account", &assign("999999", "313601_next")).await,
        "org_code",
        Msg::ApplyOrgUnknown,
    );
    refused_at(
        &central.post("assign_main_account", &assign(SCHOOL, "main313601")).await,
        "username",
        Msg::MembersAssignAlready,
    );
    assert_eq!((role_of(&db, former).await, role_of(&db, heir).await), (Role::OrgAdmin, Role::User));
    let done = central.post("assign_main_account", &assign(SCHOOL, "313601_next")).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!((role_of(&db, former).await, role_of(&db, heir).await), (Role::User, Role::OrgAdmin));
    assert!(holds_assets(&db, heir).await);
    assert_eq!(main.get("/api/fn/members_view?q=").await.status, 403, "the former main account manages no more");
    let events = crate::lockout::audited(&db, "313601_next", "main_transferred").await;
    assert!(events.iter().any(|(_, d)| d == "assigned by central_a"), "{events:?}");
}
on_both_databases!(assign, the_central_authority_assigns_a_main_account);

/// 同意授權: asked only of an account that may open the subsystem; given, listed (and seen by
/// the main account), withdrawn; each audited.
async fn consent_is_given_seen_and_withdrawn(db: TestDb) {
    load_demo(&db).await;
    let main_id = create_user_in(&db, SCHOOL, "main313601", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    grant_assets(&db, main_id).await;
    let teacher = create_user_in(&db, SCHOOL, "313601_t1", Role::User, PASSWORD, Some(SECRET)).await;
    grant_assets(&db, teacher).await;
    create_user_in(&db, SCHOOL, "313601_nogrant", Role::User, PASSWORD, Some(SECRET)).await;
    let app = router(&db, settings());
    let mut c = signed_in(&app, "313601_t1", 0).await;
    let mut main = signed_in(&app, "main313601", 0).await;
    let asked = c.get("/api/fn/subsystem_consent?code=assets").await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    assert!(asked.json()["accepted_at"].is_null());
    assert_eq!(c.get("/api/fn/subsystem_consent?code=payroll").await.status, 404);
    let mut other = signed_in(&app, "313601_nogrant", 0).await;
    assert_eq!(other.get("/api/fn/subsystem_consent?code=assets").await.status, 403);

    assert_eq!(c.post("set_consent", &[("code", "assets"), ("on", "true")]).await.status, 200);
    let given = c.get("/api/fn/subsystem_consent?code=assets").await.json();
    assert!(given["accepted_at"].as_i64().is_some(), "{given}");
    assert_eq!(c.get("/api/fn/my_consents").await.json()[0]["code"], "assets");
    let listed = main.get("/api/fn/members_view?q=313601_t1").await.json();
    assert_eq!(listed["members"][0]["consents"], serde_json::json!(["assets"]));
    // Given twice: one record, the first time kept.
    assert_eq!(c.post("set_consent", &[("code", "assets"), ("on", "true")]).await.status, 200);
    assert_eq!(c.get("/api/fn/subsystem_consent?code=assets").await.json()["accepted_at"], given["accepted_at"]);

    assert_eq!(c.post("set_consent", &[("code", "assets"), ("on", "false")]).await.status, 200);
    assert!(c.get("/api/fn/subsystem_consent?code=assets").await.json()["accepted_at"].is_null());
    assert_eq!(c.get("/api/fn/my_consents").await.json(), serde_json::json!([]));
    assert_eq!(crate::lockout::audited(&db, "313601_t1", "consent_given").await.len(), 1);
    assert_eq!(crate::lockout::audited(&db, "313601_t1", "consent_withdrawn").await.len(), 1);
    assert_eq!(Client::new(&app).get("/api/fn/my_consents").await.status, 401);
}
on_both_databases!(consent, consent_is_given_seen_and_withdrawn);

/// 補寄驗證信 by the holder: with name, username and email matching an account whose password
/// was never set, a new link goes out and the older one is void; otherwise the same answer and
/// nothing sent.
async fn the_holder_asks_for_the_link_again(db: TestDb) {
    load_demo(&db).await;
    let main_id = create_user_in(&db, SCHOOL, "main313601", Role::OrgAdmin, PASSWORD, Some(SECRET)).await;
    grant_assets(&db, main_id).await;
    let app = router(&db, settings());
    let mut main = signed_in(&app, "main313601", 0).await;
    assert_eq!(create(&mut main, "self01", "self01@school.edu.tw").await.status, 200);
    // The set-password links mailed (a notice of the password set is another mail).
    let mails = || async {
        let all = mails_to(&db, "self01@school.edu.tw").await;
        all.into_iter().filter(|(_, body)| body.contains("set-password?token=")).collect::<Vec<_>>()
    };
    let first = link_token(&mails().await[0].1);
    let ask = |name: &'static str, email: &'static str| {
        let mut c = Client::new(&app);
        async move {
            let captcha = c.captcha().await;
            let form = [("name", name), ("username", "313601_SELF01"), ("email", email), ("captcha", captcha.as_str())];
            c.post("resend_set_password_link", &form).await
        }
    };
    // Not matching: the same answer, nothing sent.
    for (name, email) in [("王小明", "other@school.edu.tw"), ("別人", "self01@school.edu.tw")] {
        assert_eq!(ask(name, email).await.status, 200);
        assert_eq!(mails().await.len(), 1, "{name} {email}");
    }
    assert_eq!(ask("王小明", "SELF01@school.edu.tw").await.status, 200);
    let all = mails().await;
    assert_eq!(all.len(), 2);
    let second = link_token(&all[0].1);
    let mut holder = Client::new(&app);
    let set = |token: &str| [("token", token.to_string()), ("password", PASSWORD.into()), ("confirm", PASSWORD.into())];
    let post = |c: &mut Client, f: [(&'static str, String); 3]| {
        let mut c = c.clone();
        async move { c.post("set_password", &f.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>()).await }
    };
    assert_eq!(post(&mut holder, set(&first)).await.status, 400, "the older link is void");
    assert_eq!(post(&mut holder, set(&second)).await.status, 200);
    // With a password set: the same answer, nothing sent (忘記密碼 is the way).
    assert_eq!(ask("王小明", "self01@school.edu.tw").await.status, 200);
    assert_eq!(mails().await.len(), 2);
    let outcomes: Vec<String> = crate::lockout::audited(&db, "313601_self01", "set_password_link_sent")
        .await
        .into_iter()
        .map(|(o, _)| o)
        .collect();
    // Every request is on record under the name asked for; only the matching one sent a link.
    assert_eq!(outcomes, ["failure", "failure", "success", "failure"]);
}
on_both_databases!(resend_by_holder, the_holder_asks_for_the_link_again);
