//! Starting this release on a database an older release left: the database is brought to the
//! last migration before the provider (`OLD`), every one of its tables is filled with rows as
//! that schema had them (accounts with bound TOTP, grants, sheets, a submission, queued mail, a
//! session …), and then this release migrates it as `gatehouse serve` does. Every row is still
//! there with what it held, the new columns say what the migrations promised, the same
//! accounts sign in with the same passwords and authenticator codes, the session still holds,
//! the sheet is there and the queued mail is still due.

use std::collections::BTreeMap;

use app::{
    accounts::Role,
    db::{AnyConnection, Backend, DbUrl},
    inventory::{
        examples::{SYSTEM_A, SYSTEM_B},
        Column,
    },
};
use diesel::{connection::SimpleConnection, sql_query, RunQueryDsl};

use crate::{
    client::{password_hash, router, settings, test_keys, totp_now, Client, SECRET},
    inventory::{names, sheet},
    support::{new_pg_database, TestDb},
};

/// The release before the provider: its newest migration.
const OLD: &str = "20261207000001";
const PASSWORD: &str = "Tz9!mQ2#vbLp";
const T: i64 = 1_796_000_000;

fn text(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// The rows, as the release that ended at `OLD` wrote them. `hash` is the password's,
/// `sealed` each account's TOTP secret sealed with the tests' key.
fn old_rows(backend: Backend, hash: &str, sealed: &[String; 3]) -> String {
    let now = app::db::now();
    let blob = match backend {
        Backend::Sqlite => "X'89504e470d0a1a0a'".to_string(),
        Backend::Postgres => "'\\x89504e470d0a1a0a'::bytea".to_string(),
    };
    let cells = |row: &[&str]| text(&serde_json::to_string(row).expect("cells"));
    let snapshot = text(&serde_json::to_string(&[SYSTEM_A.to_vec(), SYSTEM_B.to_vec()]).expect("snapshot"));
    let session = text(&app::flows::session::token_hash("old-release-session-token"));
    let assets = "(SELECT id FROM subsystems WHERE code = 'assets')";
    let ismg = "(SELECT id FROM subsystems WHERE code = 'ismg')";
    let (hash, check) = (text(hash), text(&test_keys().check_value()));
    let [s1, s2, s3] = [text(&sealed[0]), text(&sealed[1]), text(&sealed[2])];
    format!(
        "
INSERT INTO organizations (id, oid, name, search_name, parent_oid, kind, school_code, agency_code, county, address, phone, dn, website, successor_oid, created_at, updated_at, disabled_at) VALUES
 (1, '2.16.886.101.20003', '教育部', '教育部', NULL, 'agency', NULL, 'A01', NULL, '臺北市中正區中山南路5號', '02-7736-6666', 'ou=教育部', 'https://www.edu.tw', NULL, {T}, {T}, NULL),
 (2, '2.16.886.111.90001.900001', '臺北市立示範國民小學', '台北市立示範國民小學', '2.16.886.101.20003', 'school', '011601', NULL, '臺北市', '臺北市大安區', '02-2700-0000', NULL, NULL, NULL, {T}, {T}, NULL),
 (3, '2.16.886.101.29999', '舊機關', '舊機關', '2.16.886.101.20003', 'agency', NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2.16.886.101.20003', {T}, {T}, {T});
INSERT INTO org_renames (id, old_oid, new_oid, old_name, new_name, change_date, reference, created_at) VALUES
 (1, '2.16.886.101.29999', '2.16.886.101.20003', '舊機關', '教育部', '2026-01-01', '臺教字第1150000001號', {T});
INSERT INTO users (id, org_id, username, username_key, display_name, email, mobile, title, unit, role, status, password_hash, password_changed_at, password_sign_in, last_sign_in_at, created_at, updated_at, address, office_phone, office_ext, fax) VALUES
 (1, 1, 'moe_admin', 'moe_admin', '王大明', 'moe_admin@mail.moe.gov.tw', '0911000111', '科長', '資訊處', 'central', 'active', {hash}, {now}, TRUE, {T}, {T}, {T}, '臺北市', '02-7736-6666', '1234', NULL),
 (2, 2, '011601_principal', '011601_principal', '林校長', 'principal@demo.edu.tw', '0922000222', '校長', '校長室', 'org_admin', 'active', {hash}, {now}, TRUE, NULL, {T}, {T}, NULL, NULL, NULL, NULL),
 (3, 2, '011601_teacher', '011601_teacher', '陳老師', 'teacher@demo.edu.tw', NULL, '教師', '教務處', 'user', 'active', {hash}, {now}, TRUE, NULL, {T}, {T}, NULL, NULL, NULL, NULL),
 (4, 2, '011601_applicant', '011601_applicant', '王小明', 'wang@demo.edu.tw', '0912000111', NULL, NULL, 'user', 'pending', NULL, NULL, TRUE, NULL, {T}, {T}, NULL, NULL, NULL, NULL);
INSERT INTO password_history (id, user_id, password_hash, created_at) VALUES (1, 3, {hash}, {T});
INSERT INTO server_secrets (name, value, created_at) VALUES ('secret_key_check', {check}, {T});
INSERT INTO second_factors (id, user_id, kind, label, secret, last_step, credential, external_id, created_at, last_used_at) VALUES
 (1, 1, 'totp', '', {s1}, NULL, NULL, NULL, {T}, NULL),
 (2, 2, 'totp', 'Authenticator', {s2}, NULL, NULL, NULL, {T}, {T}),
 (3, 3, 'totp', '', {s3}, NULL, NULL, NULL, {T}, NULL);
INSERT INTO grants (user_id, subsystem_id, granted_by, granted_at, functions) VALUES
 (2, {assets}, 1, {T}, 'fill,submit'),
 (3, {assets}, 2, {T}, 'fill');
INSERT INTO consents (user_id, subsystem_id, accepted_at) VALUES (3, {assets}, {T});
INSERT INTO grant_requests (id, user_id, subsystem_id, change, status, created_at, reviewed_by, reviewed_at, reason) VALUES
 (1, 3, {ismg}, 'grant', 'pending', {T}, NULL, NULL, NULL);
INSERT INTO sign_in_failures (username_key, failures, last_failed_at, locked_until) VALUES ('someone_else', 1, {T}, NULL);
INSERT INTO captcha_used (challenge, expires_at) VALUES ('old-challenge', {now} + 600);
INSERT INTO outbox (id, channel, recipient, subject, body, created_at, attempts, next_attempt_at, sent_at, last_error, template) VALUES
 (1, 'email', 'teacher@demo.edu.tw', 'Gatehouse 帳號通知', '請設定密碼', {T}, 0, {T}, NULL, NULL, 'set_password_link'),
 (2, 'sms', '0912000111', '', '驗證碼 123456', {T}, 1, {T}, NULL, 'gateway timeout', 'application_code'),
 (3, 'email', 'principal@demo.edu.tw', '已送出', '', {T}, 1, {T}, {T}, NULL, 'credential_notice');
INSERT INTO announcements (id, audience, title, body, published_at, created_by, created_at, updated_at) VALUES
 (1, 'guest', '系統維護公告', '本週六停機維護。', {T}, 1, {T}, {T});
INSERT INTO asset_rows (id, org_id, version, cells, updated_at, updated_by) VALUES
 (1, 2, 1, {a}, {T}, 3),
 (2, 2, 3, {b}, {T}, 3);
INSERT INTO reporting_periods (id, title, opens_at, closes_at, created_by, created_at) VALUES
 (1, '115年度資通系統資產清冊', {T} - 86400, {now} + 2592000, 1, {T});
INSERT INTO asset_submissions (id, period_id, org_id, submitted_at, submitted_by, row_count, level_normal, level_medium, level_high, level_other, baseline_met, baseline_partly, baseline_not, baseline_na, snapshot, reopened_at, reopened_by) VALUES
 (1, 1, 2, {T}, 2, 2, 1, 1, 0, 0, 1, 1, 0, 0, {snapshot}, NULL, NULL);
INSERT INTO rate_limits (key, window_started_at, count) VALUES ('mail:teacher@demo.edu.tw', {T}, 1);
INSERT INTO org_contacts (id, org_id, display_name, email, mobile, title, unit, user_id, updated_at) VALUES
 (1, 2, '陳美玲', 'chen.meiling@demo.edu.tw', '0912345678', '組長', '資訊組', NULL, {T});
INSERT INTO applications (id, token_hash, org_id, kind, status, display_name, email, mobile, email_code_hash, email_code_expires_at, email_code_tries, email_verified_at, mobile_code_hash, mobile_code_expires_at, mobile_code_tries, mobile_verified_at, subsystems, user_id, locale, created_at, updated_at, submitted_at, reviewed_by, reviewed_at, review_reason, contact_id, proof) VALUES
 (1, 'old-application-token', 2, 'user', 'pending', '王小明', 'wang@demo.edu.tw', '0912000111', NULL, NULL, 0, {T}, NULL, NULL, 0, {T}, 'assets', 4, 'zh-TW', {T}, {T}, {T}, NULL, NULL, NULL, 1, 'both');
INSERT INTO application_scans (application_id, content_type, body, size, uploaded_at) VALUES (1, 'image/png', {blob}, 8, {T});
INSERT INTO one_time_codes (id, user_id, purpose, code_hash, attempts, created_at, expires_at, used_at) VALUES
 (1, 3, 'reset_password', 'old-code-hash', 1, {T}, {now} + 300, NULL);
INSERT INTO open_ceremonies (token_hash, ceremony, expires_at) VALUES ('old-ceremony', '{{}}', {now} + 300);
INSERT INTO audit_events (id, at, event, outcome, method, actor_id, subject_id, org_id, username, ip, user_agent, detail) VALUES
 (1, {T}, 'sign_in', 'success', 'password', 3, 3, 2, '011601_teacher', '192.0.2.10', 'Mozilla/5.0', ''),
 (2, {T}, 'lockout', 'success', NULL, NULL, NULL, NULL, 'someone_else', '192.0.2.11', '', ''),
 (3, {T}, 'grant_changed', 'success', NULL, 2, 3, 2, '011601_teacher', '192.0.2.12', '', 'assets');
INSERT INTO main_account_requests (id, org_id, part, display_name, email, title, unit, office_phone, office_ext, address, fax, status, reason, created_at, reviewed_at, reviewer_id, user_id) VALUES
 (1, 3, '', '李主任', 'lee@old.gov.tw', '主任', '秘書室', '02-2000-0000', '', '', '', 'pending', '', {T}, NULL, NULL, NULL);
INSERT INTO sessions (id_hash, user_id, stage, pending_secret, ip, user_agent, created_at, last_seen_at, expires_at, verified_at, ceremony) VALUES
 ({session}, 3, 'full', NULL, '192.0.2.10', 'Mozilla/5.0', {now}, {now}, {now} + 3600, {now}, NULL);
",
        a = cells(&SYSTEM_A),
        b = cells(&SYSTEM_B),
    )
}

#[derive(diesel::QueryableByName)]
struct Name {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

#[derive(diesel::QueryableByName)]
struct Line {
    #[diesel(sql_type = diesel::sql_types::Text)]
    line: String,
}

fn run(conn: &mut AnyConnection, query: &str) -> Vec<String> {
    sql_query(query).load::<Name>(conn).unwrap_or_else(|e| panic!("{query}: {e}")).into_iter().map(|n| n.name).collect()
}

/// Each table's columns, in order.
fn schema(conn: &mut AnyConnection, backend: Backend) -> BTreeMap<String, Vec<String>> {
    let tables = match backend {
        Backend::Sqlite => run(
            conn,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name <> '__diesel_schema_migrations'",
        ),
        Backend::Postgres => run(
            conn,
            "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() \
             AND table_type = 'BASE TABLE' AND table_name <> '__diesel_schema_migrations'",
        ),
    };
    tables
        .into_iter()
        .map(|table| {
            let columns = match backend {
                Backend::Sqlite => run(conn, &format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid")),
                Backend::Postgres => run(
                    conn,
                    &format!(
                        "SELECT column_name::text AS name FROM information_schema.columns WHERE table_schema = \
                         current_schema() AND table_name = '{table}' ORDER BY ordinal_position"
                    ),
                ),
            };
            (table, columns)
        })
        .collect()
}

/// Every row of `table`, the given columns joined as text (SQLite's `quote`, which writes a
/// blob as hex; PostgreSQL's text form), sorted.
fn rows(conn: &mut AnyConnection, table: &str, columns: &[String]) -> Vec<String> {
    let as_text = |c: &String| match conn {
        AnyConnection::Sqlite(_) => format!("quote(\"{c}\")"),
        AnyConnection::Postgresql(_) => format!("COALESCE(CAST(\"{c}\" AS TEXT), '∅')"),
    };
    let joined: Vec<String> = columns.iter().map(as_text).collect();
    let query = format!("SELECT {} AS line FROM \"{table}\"", joined.join(" || '|' || "));
    let mut lines: Vec<String> = sql_query(&query)
        .load::<Line>(conn)
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .into_iter()
        .map(|l| l.line)
        .collect();
    lines.sort();
    lines
}

async fn upgraded(backend: Backend) {
    let _dir;
    let url = match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("dir");
            let url = DbUrl::Sqlite(dir.path().join("old.db").display().to_string());
            _dir = Some(dir);
            url
        }
        Backend::Postgres => {
            _dir = None;
            DbUrl::Postgres(new_pg_database())
        }
    };
    assert!(gatehouse::database::migrate_until(&url, OLD).expect("the old schema") > 10);
    let hash = password_hash(PASSWORD).await;
    let keys = test_keys();
    let sealed = [1, 2, 3].map(|id| keys.seal(id, SECRET).expect("sealed"));
    let mut conn = url.establish().expect("connect");
    conn.batch_execute(&old_rows(backend, &hash, &sealed)).expect("the old release's rows");
    if let Backend::Postgres = backend {
        // Ids given explicitly leave the sequences behind; the old release's own inserts
        // moved them.
        for (table, columns) in schema(&mut conn, backend) {
            if columns.iter().any(|c| c == "id") {
                conn.batch_execute(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                ))
                .expect("sequence");
            }
        }
    }
    let old_schema = schema(&mut conn, backend);
    let before: BTreeMap<_, _> = old_schema.iter().map(|(t, cols)| (t.clone(), rows(&mut conn, t, cols))).collect();
    for (table, held) in &before {
        assert!(!held.is_empty(), "the old release's {table} has rows");
    }
    drop(conn);

    // This release starts on it: migrated, the key checked, then served.
    let ran = gatehouse::database::migrate(&url).expect("migrated");
    assert!(ran >= 2, "the provider's migrations ran: {ran}");
    let pool = app::db::DbPool::new(&url, 4);
    app::auth::at_rest::prepare(&pool, &keys).await.expect("the key is the data's");
    let db = TestDb::from_pool(pool, url.clone());
    let mut conn = url.establish().expect("connect");
    for (table, columns) in &old_schema {
        // The migration clears the address of the 管考系統 tile, now a registered subsystem
        // that its own sign-in start address leads to; every other value is kept.
        let columns: Vec<String> =
            columns.iter().filter(|c| !(table == "subsystems" && *c == "path")).cloned().collect();
        let kept = rows(&mut conn, table, &columns);
        let was = if table == "subsystems" {
            rows_of_before(&before[table], &old_schema[table])
        } else {
            before[table].clone()
        };
        assert_eq!(kept, was, "{table} after the upgrade");
    }
    // What the new columns were promised to hold.
    let check = |conn: &mut AnyConnection, query: &str| run(conn, query);
    assert_eq!(check(&mut conn, "SELECT CAST(signed_in_at AS TEXT) AS name FROM sessions").len(), 1);
    assert_eq!(
        check(&mut conn, "SELECT sid AS name FROM sessions WHERE sid <> '' AND signed_in_at = verified_at").len(),
        1
    );
    assert_eq!(
        check(&mut conn, "SELECT fields AS name FROM consents"),
        check(&mut conn, "SELECT fields AS name FROM subsystems WHERE code = 'assets'")
    );
    drop(conn);

    let app = router(&db, settings());
    for (name, role) in
        [("moe_admin", Role::Central), ("011601_principal", Role::OrgAdmin), ("011601_teacher", Role::User)]
    {
        let mut c = Client::new(&app);
        assert_eq!(c.sign_in(name, PASSWORD).await.status, 200, "{name}'s password");
        let reply = c.verify(&totp_now(SECRET, 0)).await;
        assert_eq!(reply.status, 200, "{name}'s code: {}", reply.body);
        let viewer = c.viewer().await;
        assert_eq!(viewer["username"], name, "{viewer}");
        assert_eq!(viewer["actor"]["role"], serde_json::to_value(role).expect("role"), "{viewer}");
        if name == "011601_teacher" {
            assert_eq!(viewer["actor"]["grants"], serde_json::json!(["assets"]), "{viewer}");
            // The grant and the consent carried over: the sheet opens, with its rows.
            let held = names(&sheet(&mut c, 2).await);
            let name = Column::SystemName.index();
            assert_eq!(held, [SYSTEM_A[name], SYSTEM_B[name]].map(String::from));
        }
    }
    // The session the old release started still holds.
    let cookie = format!("{}=old-release-session-token", app::auth::request::PLAIN_COOKIE);
    assert_eq!(Client::with_cookie(&app, Some(cookie)).viewer().await["username"], "011601_teacher");
    // The queued mail is still due, and what was sent or given up on is not.
    let due = db
        .pool
        .run(|conn| Ok(app::db::outbox::due(conn, app::db::outbox::Channel::Email, app::db::now(), 8, 10)?))
        .await
        .expect("due");
    assert_eq!(due.iter().map(|m| m.id).collect::<Vec<_>>(), [1]);
}

/// The old rows of `subsystems` without their `path` column.
fn rows_of_before(lines: &[String], columns: &[String]) -> Vec<String> {
    let path = columns.iter().position(|c| c == "path").expect("subsystems.path");
    let mut without: Vec<String> = lines
        .iter()
        .map(|line| {
            let mut parts: Vec<&str> = line.split('|').collect();
            parts.remove(path);
            parts.join("|")
        })
        .collect();
    without.sort();
    without
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_old_release_database_upgrades_on_sqlite() {
    upgraded(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_old_release_database_upgrades_on_postgres() {
    upgraded(Backend::Postgres).await;
}
