//! 批次新增子帳號's file: CSV (UTF-8 or Big5) or XLSX whose header row names the form's
//! fields (帳號, 姓名, 處室名稱, 職稱, 公務電話, 分機, 公務信箱, with the other names people
//! give them), read in bounded memory as the inventory's files are. Nothing is checked or
//! created here: the rows go to `flows::members::create::check_file`.

use app::{
    accounts::{NewMember, Profile, MEMBER_FILE_ROWS},
    error::AppError,
    i18n::{LocalText, Msg},
};

use crate::inventory_files::{import::read_sheet, sheet::Shape};

/// A column of the file: the field it fills, and the headers that name it (matched after
/// spaces are taken out, English case aside).
const COLUMNS: [(&str, &[&str]); 9] = [
    ("part", &["帳號", "子帳號", "account", "username"]),
    ("name", &["姓名", "真實姓名", "name"]),
    ("unit", &["處室名稱", "處室", "部門名稱", "部門", "單位", "unit"]),
    ("title", &["職稱", "title"]),
    ("office_phone", &["公務電話", "電話", "辦公室電話", "phone"]),
    ("office_ext", &["分機", "ext", "extension"]),
    ("email", &["公務信箱", "電子郵件", "電子信箱", "信箱", "email", "e-mail"]),
    ("address", &["地址", "address"]),
    ("fax", &["傳真", "fax"]),
];

/// The fields the file must have a column for.
const REQUIRED: [&str; 4] = ["part", "name", "email", "unit"];

fn field_of(header: &str) -> Option<&'static str> {
    let h: String = header.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    COLUMNS.iter().find(|(_, names)| names.iter().any(|n| n.to_lowercase() == h)).map(|(f, _)| *f)
}

/// The file's header: a row naming the account column and two more.
fn names_the_account(texts: &[String]) -> bool {
    let fields: Vec<_> = texts.iter().filter_map(|t| field_of(t)).collect();
    fields.contains(&"part") && fields.len() >= 3
}

/// The form's fields a header names; refused when it leaves out a required one.
fn member_columns(header: &[String]) -> Result<Vec<bool>, AppError> {
    let fields: Vec<Option<&str>> = header.iter().map(|h| field_of(h)).collect();
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|f| !fields.contains(&Some(**f)))
        .map(|f| COLUMNS.iter().find(|(c, _)| c == f).map_or(*f, |(_, names)| names[0]))
        .collect();
    if !missing.is_empty() {
        return Err(AppError::invalid(
            "file",
            LocalText::new(Msg::MembersFileMissingColumns).arg("columns", missing.join("、")),
        ));
    }
    Ok(fields.iter().map(Option::is_some).collect())
}

/// The sub-accounts' file.
pub const SHAPE: Shape =
    Shape { columns: 30, max_rows: MEMBER_FILE_ROWS as i64, is_header: names_the_account, columns_of: member_columns };

/// The file's rows as the form's fields, each with its row number in the file; blank rows
/// skipped. Refused: not a spreadsheet, too large, no header, a required column missing, more
/// rows than `MEMBER_FILE_ROWS`.
pub fn parse(bytes: &[u8]) -> Result<Vec<(usize, NewMember)>, AppError> {
    let sheet = read_sheet(bytes, &SHAPE)?;
    let fields: Vec<Option<&str>> = sheet.header.iter().map(|h| field_of(h)).collect();
    let rows = sheet.rows.into_iter().map(|(line, texts)| {
        let cell = |field: &str| {
            fields.iter().position(|f| *f == Some(field)).and_then(|i| texts.get(i)).cloned().unwrap_or_default()
        };
        let profile = Profile {
            title: cell("title"),
            unit: cell("unit"),
            address: cell("address"),
            office_phone: cell("office_phone"),
            office_ext: cell("office_ext"),
            fax: cell("fax"),
        };
        (line, NewMember { part: cell("part"), name: cell("name"), email: cell("email"), profile })
    });
    Ok(rows.collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_by_any_of_their_names_and_rows_by_number() {
        let csv = "說明：每列一個帳號\n帳號,姓名,處室,職稱,電話,分機,電子郵件\nt01,王小明,教務處,教師,02-1234-5678,12,a@x.edu.tw\n,,,,,,\nt02,李大華,學務處,組長,02-1234-5678,,b@x.edu.tw\n";
        let rows = parse(csv.as_bytes()).expect("rows");
        assert_eq!(rows.iter().map(|(l, m)| (*l, m.part.as_str())).collect::<Vec<_>>(), [(3, "t01"), (5, "t02")]);
        assert_eq!(rows[0].1.profile.unit, "教務處");
        assert_eq!(rows[0].1.profile.office_ext, "12");
        assert_eq!(rows[1].1.email, "b@x.edu.tw");
    }

    #[test]
    fn a_missing_column_or_header_is_said() {
        match parse("帳號,姓名,職稱\nt01,王小明,教師\n".as_bytes()) {
            Err(AppError::Invalid { field, message }) => {
                assert_eq!((field.as_str(), message.msg), ("file", Msg::MembersFileMissingColumns));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(parse(b"a,b,c\n1,2,3\n"), Err(AppError::Invalid { .. })));
        assert!(matches!(parse(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]), Err(AppError::Invalid { .. })));
    }

    #[test]
    fn a_workbook_reads_like_its_csv() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (r, row) in [
            ["帳號", "姓名", "處室名稱", "職稱", "公務電話", "公務信箱"],
            ["t01", "王小明", "教務處", "教師", "0212345678", "a@x.edu.tw"],
        ]
        .iter()
        .enumerate()
        {
            for (c, text) in row.iter().enumerate() {
                sheet.write(r as u32, c as u16, *text).expect("cell");
            }
        }
        let rows = parse(&book.save_to_buffer().expect("book")).expect("rows");
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].0, rows[0].1.name.as_str(), rows[0].1.profile.office_phone.as_str()),
            (2, "王小明", "0212345678")
        );
    }

    proptest::proptest! {
        /// Any bytes: rows or a refusal at the file, never a panic or an internal error.
        #[test]
        fn any_bytes(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..2000)) {
            let clear = matches!(parse(&bytes), Ok(_) | Err(AppError::Invalid { .. }));
            proptest::prop_assert!(clear, "neither rows nor a clear refusal");
        }
    }
}
