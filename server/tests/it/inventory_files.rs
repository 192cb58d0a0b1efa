//! Inventory files: the template exported and read back, CSV in UTF-8 and Big5 with Y/N,
//! every bad cell by its row and column, clear refusals of files that are not the template,
//! formula-safe CSV, access by organization, and a burst of large uploads read or refused as
//! busy.

use app::{error::AppError, inventory::Column};
use serde_json::{json, Value};

use crate::{
    client::{error_of, Client},
    inventory::{insert, names, people, row, save, sheet, signed_in},
    on_both_databases,
    support::TestDb,
};

/// The seed's example rows as the official template's CSV (header on row 1).
const SEED_CSV: &str = r#"資產編號,系統名稱(必填),系統屬性(必填),系統版本(必填),建置方式(必填),系統主管機關OID(必填),系統主管機關名稱(必填),系統管理者(部門)(必填),系統使用者(部門)(必填),主機設置於機關內(Y/N)(必填),核心系統(Y/N)(必填) 註：機關之核心系統以應用系統為主,含機敏資訊(Y/N)(必填),防護需求等級(必填),是否包含於ISMS導入範圍(Y/N),建置廠商,維運廠商,"最大可容忍中斷時間(小時, 數字)(必填)",是否符合防護基準(必填),不否符合防護基準說明,備註,本資產是否含有大陸元件(Y/N)(必填)
編號A,系統A,行政,共用,自行委外,2.16.886.101.20002,OO局,某某處,某某處,是,否,是,中,是,X公司,X公司,24,部分符合,營運持續計畫-系統備份,109年10月正式上,無
,系統C,業務,公版,主管/上級機關提供,2.16.886.101.20002,總統府,某某處,某某處,否,否,否,其他,否,,,48,不適用,,,無
編號C,郵件伺服器,行政,機關自用,套裝軟體,2.16.886.101.20002,OO局,某某處,某某處,Y,N,Y,其他,Y,M公司,M公司,12,不適用,,,N
"#;

async fn import(c: &mut Client, org_id: i64, bytes: Vec<u8>) -> crate::support::Reply {
    c.upload(&format!("/inventory/import?org_id={org_id}"), bytes).await
}

fn file_error(reply: &crate::support::Reply) -> String {
    assert_eq!(reply.status, 400, "{}", reply.body);
    let (error, text) = error_of(reply);
    assert!(matches!(&error, AppError::Invalid { field, .. } if field == "file"), "{error:?}");
    text
}

async fn csv_imports_read_every_cell_and_report_by_row_and_column(db: TestDb) {
    let p = people(&db).await;
    let mut c = signed_in(&p.app, "a_user").await;
    let reply = import(&mut c, p.a_id, SEED_CSV.as_bytes().to_vec()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let imported = reply.json();
    assert_eq!(imported["problems"], json!([]));
    assert_eq!(imported["row_numbers"], json!([2, 3, 4]));
    // Y/N became 是/否 and 有/無.
    let mail = &imported["rows"][2];
    assert_eq!(
        (&mail[Column::HostedOnSite.index()], &mail[Column::ChinaComponents.index()]),
        (&json!("是"), &json!("無"))
    );
    // Importing saves nothing.
    assert_eq!(names(&sheet(&mut c, p.a_id).await), Vec::<String>::new());

    // Big5, as Excel on a Traditional Chinese Windows writes CSV, with wrong cells; an empty
    // 系統主管機關名稱 is filled from the directory.
    let mut text = SEED_CSV.replace("自行委外,2.16.886.101.20002,OO局", "外包,2.16.886.101.20003,");
    text = text.replace(",48,不適用", ",48小時,不適用");
    let (big5, _, unmappable) = encoding_rs::BIG5.encode(&text);
    assert!(!unmappable);
    let reply = import(&mut c, p.a_id, big5.into_owned()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let imported = reply.json();
    let problems: Vec<(u64, &str)> = imported["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                imported["row_numbers"][p["row"].as_u64().expect("row") as usize].as_u64().expect("n"),
                p["column"].as_str().expect("column"),
            )
        })
        .collect();
    assert_eq!(problems, [(2, "BuildMethod"), (3, "MaxDowntimeHours")]);
    assert_eq!(imported["rows"][0][Column::AuthorityName.index()], "行政院");
}
on_both_databases!(inventory_csv_import, csv_imports_read_every_cell_and_report_by_row_and_column);

async fn the_template_goes_out_and_comes_back(db: TestDb) {
    let p = people(&db).await;
    let mut c = signed_in(&p.app, "a_user").await;
    let imported = import(&mut c, p.a_id, SEED_CSV.as_bytes().to_vec()).await.json();
    let changes: Vec<Value> =
        imported["rows"].as_array().expect("rows").iter().map(|r| json!({ "Insert": { "cells": r } })).collect();
    let mut formula = row("=HYPERLINK(\"http://evil\",\"x\")");
    formula[Column::Remarks.index()] = "+1".into();
    let mut all = changes;
    all.push(insert(&formula));
    assert_eq!(save(&mut c, p.a_id, all).await.status, 200);

    let xlsx = c.get(&format!("/inventory/export.xlsx?org_id={}", p.a_id)).await;
    assert_eq!(xlsx.status, 200, "{}", xlsx.body);
    assert!(xlsx.headers["content-disposition"].to_str().unwrap_or("").contains("attachment"));
    assert!(xlsx.bytes.starts_with(b"PK\x03\x04"));
    let sheets = xlsx_parts(&xlsx.bytes);
    assert!(
        sheets.workbook.contains("資通系統資產清冊") && sheets.workbook.contains("填表說明"),
        "{}",
        sheets.workbook
    );
    // A dropdown on each of the 10 fixed-value columns, and on no other.
    let covered = validated_columns(&sheets.sheet1);
    let fixed: Vec<usize> = Column::ALL.into_iter().filter(|c| c.choices().is_some()).map(|c| c.index()).collect();
    assert_eq!((fixed.len(), covered), (10, fixed));
    assert!(sheets.sheet1.contains("\"是,否\"") || sheets.sheet1.contains("&quot;是,否&quot;"));
    assert!(sheets.strings.contains("系統名稱(必填)") && sheets.strings.contains("限填整數，不含逗號"));

    // Read back: the same rows, nothing wrong.
    let back = import(&mut c, p.a_id, xlsx.bytes.clone()).await;
    assert_eq!(back.status, 200, "{}", back.body);
    let back = back.json();
    assert_eq!(back["problems"], json!([]));
    let stored: Vec<_> = sheet(&mut c, p.a_id).await.rows.into_iter().map(|r| r.cells.to_vec()).collect();
    assert_eq!(back["rows"], json!(stored));

    // CSV: formula-like cells are defused; the rest as stored.
    let csv = c.get(&format!("/inventory/export.csv?org_id={}", p.a_id)).await;
    assert_eq!(csv.status, 200);
    assert!(csv.bytes.starts_with(b"\xEF\xBB\xBF"));
    assert!(csv.body.contains("'=HYPERLINK"), "{}", csv.body);
    assert!(csv.body.contains(",'+1,"), "{}", csv.body);
    assert!(csv.body.contains("系統A"));
}
on_both_databases!(inventory_template_round_trip, the_template_goes_out_and_comes_back);

async fn files_that_are_not_the_template_are_refused_clearly(db: TestDb) {
    let p = people(&db).await;
    let mut c = signed_in(&p.app, "a_user").await;
    let old_excel = [vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], vec![0; 504]].concat();
    assert!(file_error(&import(&mut c, p.a_id, old_excel).await).contains(".xlsx"));
    let png = [b"\x89PNG\r\n\x1a\n".to_vec(), vec![0; 100]].concat();
    assert!(file_error(&import(&mut c, p.a_id, png).await).contains("無法讀取"));
    // A zip that is not a workbook.
    let zip = [b"PK\x03\x04".to_vec(), vec![7; 200]].concat();
    assert!(file_error(&import(&mut c, p.a_id, zip).await).contains("無法讀取"));
    assert!(file_error(&import(&mut c, p.a_id, b"".to_vec()).await).contains("標題列"));
    assert!(file_error(&import(&mut c, p.a_id, "姓名,電話\n王,02\n".as_bytes().to_vec()).await).contains("標題列"));
    let without = SEED_CSV.replacen("系統屬性(必填),", "", 1);
    assert!(file_error(&import(&mut c, p.a_id, without.into_bytes()).await).contains("系統屬性"));
    let twice = SEED_CSV.replacen("備註,", "系統名稱,", 1);
    assert!(file_error(&import(&mut c, p.a_id, twice.into_bytes()).await).contains("兩次"));
    let big = vec![b'a'; 11 * 1024 * 1024];
    assert!(file_error(&import(&mut c, p.a_id, big).await).contains("MB"));
    // Beyond what the router accepts at all: refused before it is read.
    let huge = vec![b'a'; 30 * 1024 * 1024];
    assert_eq!(import(&mut c, p.a_id, huge).await.status, 413);
    // Other paths keep the small limit: a 3 MB password is not even read.
    let reply = Client::new(&p.app)
        .post("sign_in", &[("username", "a_user"), ("password", &"a".repeat(3 * 1024 * 1024))])
        .await;
    assert_eq!((reply.status, error_of(&reply).0), (400, AppError::BadRequest));

    // Another organization's files: neither in nor out.
    assert_eq!(import(&mut c, p.b_id, SEED_CSV.as_bytes().to_vec()).await.status, 403);
    assert_eq!(c.get(&format!("/inventory/export.xlsx?org_id={}", p.b_id)).await.status, 403);
    assert_eq!(c.get(&format!("/inventory/export.csv?org_id={}", p.b_id)).await.status, 403);
    assert_eq!(c.get("/admin/inventory/export.xlsx?period_id=1").await.status, 403);
    assert_eq!(Client::new(&p.app).get("/inventory/export.csv").await.status, 401);
}
on_both_databases!(inventory_file_refusals, files_that_are_not_the_template_are_refused_clearly);

/// Issue 26: one person sends the largest CSV file the import takes (10 MiB of empty cells) eight
/// times at once. Each upload is read, or refused at once as busy (503 with Retry-After) when
/// the uploads being read already hold what the process lets them: none waits in a queue.
async fn a_burst_of_large_uploads_is_read_or_refused_as_busy(db: TestDb) {
    // The budget is the process's, and two bursts would hold most of it: the other database's
    // run of this test waits its turn, leaving room for other tests' files.
    static ONE_BURST_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let p = people(&db).await;
    let mut c = signed_in(&p.app, "a_user").await;
    let file = crate::crafted::empty_cells_csv();
    let _alone = ONE_BURST_AT_A_TIME.lock().await;
    let burst: Vec<_> = (0..8)
        .map(|_| {
            let (mut c, file, org) = (c.clone(), file.clone(), p.a_id);
            tokio::spawn(async move { import(&mut c, org, file).await })
        })
        .collect();
    let (mut read, mut busy) = (0, 0);
    for upload in burst {
        let reply = upload.await.expect("upload");
        match reply.status {
            200 => {
                assert_eq!(reply.json()["rows"], json!([]));
                read += 1;
            }
            503 => {
                assert!(matches!(error_of(&reply).0, AppError::Busy { .. }), "{}", reply.body);
                let retry_after = reply.headers.get("retry-after").and_then(|v| v.to_str().ok());
                assert!(retry_after.and_then(|s| s.parse::<u32>().ok()).is_some_and(|s| s > 0), "{retry_after:?}");
                busy += 1;
            }
            other => panic!("{other}: {}", reply.body),
        }
    }
    assert!(read >= 1 && busy >= 1, "{read} read, {busy} refused as busy");
    // Nothing is held once the burst is answered.
    let again = import(&mut c, p.a_id, file).await;
    assert_eq!(again.status, 200, "{}", again.body);
}
on_both_databases!(inventory_import_burst, a_burst_of_large_uploads_is_read_or_refused_as_busy);

/// The columns (0-based) that a `<dataValidation sqref="J2:L1005 …">` covers.
fn validated_columns(sheet: &str) -> Vec<usize> {
    let column =
        |cell: &str| cell.chars().take_while(|c| c.is_ascii_uppercase()).fold(0, |n, c| n * 26 + (c as usize - 64)) - 1;
    let mut covered = Vec::new();
    for part in sheet.split("<dataValidation ").skip(1) {
        let sqref = part.split("sqref=\"").nth(1).and_then(|r| r.split('"').next()).expect("sqref");
        for range in sqref.split(' ') {
            let (from, to) = range.split_once(':').unwrap_or((range, range));
            covered.extend(column(from)..=column(to));
        }
    }
    covered.sort_unstable();
    covered.dedup();
    covered
}

struct XlsxParts {
    workbook: String,
    sheet1: String,
    strings: String,
}

/// The XML parts of an XLSX file, unzipped by Python's standard library (an independent reader).
fn xlsx_parts(bytes: &[u8]) -> XlsxParts {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("x.xlsx");
    std::fs::write(&path, bytes).expect("write");
    let read = |member: &str| {
        let out = std::process::Command::new("python3")
            .args(["-c", "import sys,zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))"])
            .arg(&path)
            .arg(member)
            .output()
            .expect("python3");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8 xml")
    };
    XlsxParts {
        workbook: read("xl/workbook.xml"),
        sheet1: read("xl/worksheets/sheet1.xml"),
        strings: read("xl/sharedStrings.xml"),
    }
}

/// An XLSX file written by a real spreadsheet program: LibreOffice Calc 7.4 converted the seed
/// CSV above (with 系統C's hours changed to 4.5) with
/// `soffice --headless --infilter=CSV:44,34,76 --convert-to xlsx`. Its numbers are numeric
/// cells, as when a person types them in Calc or Excel.
async fn a_workbook_saved_by_libreoffice_is_read(db: TestDb) {
    let p = people(&db).await;
    let mut c = signed_in(&p.app, "a_user").await;
    let file = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/inventory-libreoffice.xlsx"))
        .expect("fixture");
    let reply = import(&mut c, p.a_id, file).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let imported = reply.json();
    assert_eq!(imported["row_numbers"], json!([2, 3, 4]));
    let rows = imported["rows"].as_array().expect("rows");
    assert_eq!(rows[0][Column::MaxDowntimeHours.index()], "24");
    assert_eq!(rows[0][Column::AuthorityOid.index()], "2.16.886.101.20002");
    assert_eq!(
        (&rows[2][Column::Core.index()], &rows[2][Column::ChinaComponents.index()]),
        (&json!("否"), &json!("無"))
    );
    let problems = imported["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0]["row"].as_u64(), problems[0]["column"].as_str()), (Some(1), Some("MaxDowntimeHours")));
    assert_eq!(rows[1][Column::MaxDowntimeHours.index()], "4.5");
}
on_both_databases!(inventory_libreoffice_import, a_workbook_saved_by_libreoffice_is_read);

async fn a_file_replaces_the_sheet_by_a_plain_form(db: TestDb) {
    let p = people(&db).await;
    let mut c = signed_in(&p.app, "a_user").await;
    assert_eq!(save(&mut c, p.a_id, vec![insert(&row("舊系統"))]).await.status, 200);
    let replace = format!("/inventory/replace?org_id={}", p.a_id);
    // A file with a wrong cell: the page again, each cell to fix by the file's row, and the
    // sheet unchanged.
    let wrong = SEED_CSV.replace(",48,不適用", ",48小時,不適用");
    let refused = c.post_file_form(&replace, "file", wrong.as_bytes()).await;
    assert_eq!(refused.status, 200, "{}", refused.body);
    assert!(refused.body.contains("data-testid=\"file-problems\""), "{}", refused.body);
    assert!(refused.body.contains("第 3 列"), "by the file's row number");
    assert!(!refused.body.contains("/pkg/"), "the page again is not hydrated");
    assert_eq!(names(&sheet(&mut c, p.a_id).await), vec!["舊系統"]);
    // No file: said at the field.
    let empty = c.post_file_form(&replace, "file", b"").await;
    assert!(empty.body.contains("請選擇要匯入的檔案"), "{}", empty.body);
    // Another organization's sheet: refused, and that sheet unchanged.
    let other = c.post_file_form(&format!("/inventory/replace?org_id={}", p.b_id), "file", SEED_CSV.as_bytes()).await;
    assert_eq!(other.status, 200);
    assert!(!other.body.contains("imported="));
    let mut b_admin = signed_in(&p.app, "b_admin").await;
    assert_eq!(names(&sheet(&mut b_admin, p.b_id).await), Vec::<String>::new());
    // The right file: every row replaced, at once, and the page says how many there are.
    let done = c.post_file_form(&replace, "file", SEED_CSV.as_bytes()).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.headers["location"], format!("/assets?org={}&imported=3", p.a_id));
    assert_eq!(names(&sheet(&mut c, p.a_id).await), vec!["系統A", "系統C", "郵件伺服器"]);
    let page = c.get(&format!("/assets?org={}&imported=3", p.a_id)).await;
    assert!(page.body.contains("清冊現有 3 列"), "{}", page.body);
}
on_both_databases!(inventory_replace_by_form, a_file_replaces_the_sheet_by_a_plain_form);
