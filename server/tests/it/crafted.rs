//! Hostile workbooks and CSV files, made in code: for the import's tests (`workbooks`) and the
//! benchmark's memory figures (`bench/`, which includes this file).

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

/// The template's header row, as cells of row 1.
pub const HEADER: [&str; 21] = [
    "資產編號",
    "系統名稱(必填)",
    "系統屬性(必填)",
    "系統版本(必填)",
    "建置方式(必填)",
    "系統主管機關OID(必填)",
    "系統主管機關名稱(必填)",
    "系統管理者(部門)(必填)",
    "系統使用者(部門)(必填)",
    "主機設置於機關內(Y/N)(必填)",
    "核心系統(Y/N)(必填)",
    "含機敏資訊(Y/N)(必填)",
    "防護需求等級(必填)",
    "是否包含於ISMS導入範圍(Y/N)",
    "建置廠商",
    "維運廠商",
    "最大可容忍中斷時間(小時)(必填)",
    "是否符合防護基準(必填)",
    "不符合防護基準說明",
    "備註",
    "本資產是否含有大陸元件(Y/N)(必填)",
];

pub fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push((b'A' + (index % 26) as u8) as char);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().collect()
}

pub fn inline(reference: &str, text: &str) -> String {
    format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

pub fn header_row() -> String {
    let cells: String = HEADER.iter().enumerate().map(|(i, h)| inline(&format!("{}1", column_letters(i)), h)).collect();
    format!(r#"<row r="1">{cells}</row>"#)
}

/// A minimal workbook: one sheet with `sheet_data` (rows), an optional `<dimension>`, and an
/// optional shared-strings part, each entry written with `options`.
pub fn workbook(dimension: &str, sheet_data: impl FnOnce(&mut dyn Write), shared_strings: Option<&str>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let part = |zip: &mut zip::ZipWriter<Cursor<Vec<u8>>>, name: &str, text: &str| {
        zip.start_file(name, options).expect("entry");
        zip.write_all(text.as_bytes()).expect("write");
    };
    part(
        &mut zip,
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    );
    part(
        &mut zip,
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    part(
        &mut zip,
        "xl/workbook.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="清冊" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    let strings_rel = if shared_strings.is_some() {
        r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
    } else {
        ""
    };
    part(
        &mut zip,
        "xl/_rels/workbook.xml.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{strings_rel}</Relationships>"#
        ),
    );
    if let Some(strings) = shared_strings {
        part(&mut zip, "xl/sharedStrings.xml", strings);
    }
    zip.start_file("xl/worksheets/sheet1.xml", options).expect("sheet");
    write!(zip, r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>"#).expect("write");
    sheet_data(&mut zip);
    zip.write_all(b"</sheetData></worksheet>").expect("write");
    zip.finish().expect("zip").into_inner()
}

/// The seed's 系統A as cells of `row`.
pub fn system_a(row: usize) -> String {
    let values = [
        "編號A",
        "系統A",
        "行政",
        "共用",
        "自行委外",
        "2.16.886.101.20002",
        "OO局",
        "某某處",
        "某某處",
        "是",
        "否",
        "是",
        "中",
        "是",
        "X公司",
        "X公司",
        "24",
        "部分符合",
        "營運持續計畫-系統備份",
        "",
        "無",
    ];
    let cells: String = values
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(i, v)| inline(&format!("{}{row}", column_letters(i)), v))
        .collect();
    cells
}

/// A workbook of `rows` seed rows, each with a cell in column XFD.
pub fn far_columns(rows: usize) -> Vec<u8> {
    workbook(
        "",
        |w| {
            w.write_all(header_row().as_bytes()).expect("write");
            for row in 2..rows + 2 {
                write!(w, r#"<row r="{row}">{}{}</row>"#, system_a(row), inline(&format!("XFD{row}"), "遠方"))
                    .expect("write");
            }
        },
        None,
    )
}

/// The header, and one cell in the sheet's far corner (XFD1048576), declared as its size.
pub fn far_corner() -> Vec<u8> {
    workbook(
        r#"<dimension ref="A1:XFD1048576"/>"#,
        |w| {
            write!(w, "{}{}", header_row(), format_args!(r#"<row r="1048576">{}</row>"#, inline("XFD1048576", "角落")))
                .expect("write");
        },
        None,
    )
}

/// Shared strings declaring two billion entries, holding one.
pub fn declared_strings() -> Vec<u8> {
    let strings = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2000000000" uniqueCount="2000000000"><si><t>一</t></si></sst>"#;
    workbook("", |w| w.write_all(header_row().as_bytes()).expect("write"), Some(strings))
}

/// `n` real shared strings.
pub fn many_strings(n: usize) -> Vec<u8> {
    let many: String = (0..n).map(|i| format!("<si><t>{i}</t></si>")).collect();
    let strings = format!(r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{many}</sst>"#);
    workbook("", |w| w.write_all(header_row().as_bytes()).expect("write"), Some(&strings))
}

/// `megabytes` MB of spaces inside the sheet: a few hundred KB compressed.
pub fn deflate_bomb(megabytes: usize) -> Vec<u8> {
    workbook(
        "",
        |w| {
            w.write_all(header_row().as_bytes()).expect("write");
            let spaces = vec![b' '; 1 << 20];
            for _ in 0..megabytes {
                w.write_all(&spaces).expect("write");
            }
        },
        None,
    )
}

/// The header and `rows` rows of one cell each.
pub fn many_rows(rows: usize) -> Vec<u8> {
    workbook(
        "",
        |w| {
            w.write_all(header_row().as_bytes()).expect("write");
            for row in 2..rows + 2 {
                write!(w, r#"<row r="{row}">{}</row>"#, inline(&format!("B{row}"), "系統")).expect("write");
            }
        },
        None,
    )
}

/// `rows` rows of 21 cells, each the same shared string of `chars` characters: of 20,000 rows
/// and 4,000 characters, 15 MB of sheet and 1.7 GB of text.
pub fn shared_string_cells(rows: usize, chars: usize) -> Vec<u8> {
    let strings = format!(
        r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>{}</t></si></sst>"#,
        "x".repeat(chars)
    );
    workbook(
        "",
        |w| {
            w.write_all(header_row().as_bytes()).expect("write");
            for row in 2..rows + 2 {
                let cells: String =
                    (0..21).map(|i| format!(r#"<c r="{}{row}" t="s"><v>0</v></c>"#, column_letters(i))).collect();
                write!(w, r#"<row r="{row}">{cells}</row>"#).expect("write");
            }
        },
        Some(&strings),
    )
}

/// A CSV with the header, a line of a million commas, and one seed row.
pub fn million_commas() -> Vec<u8> {
    let mut csv = HEADER.join(",");
    csv.push('\n');
    csv.push_str(&",".repeat(1_000_000));
    csv.push_str("\n編號A,系統A,行政,共用,自行委外,2.16.886.101.20002,OO局,某某處,某某處,是,否,是,中,是,X公司,X公司,24,部分符合,說明,,無\n");
    csv.into_bytes()
}

/// `head`, then `line` as many times as the largest file the import takes (10 MiB) holds.
fn csv_to_the_limit(head: &str, line: &str) -> Vec<u8> {
    let times = (app::inventory::MAX_FILE_BYTES - head.len()) / line.len();
    let mut csv = String::with_capacity(head.len() + times * line.len());
    csv.push_str(head);
    csv.push_str(&line.repeat(times));
    csv.into_bytes()
}

fn csv_header() -> String {
    HEADER.join(",") + "\n"
}

/// Issue 26's file: the header, then lines of 62 commas (63 empty cells) to 10 MiB. Read
/// whole, record by record, it took the server from 106 to 812 MiB.
pub fn empty_cells_csv() -> Vec<u8> {
    csv_to_the_limit(&csv_header(), &(",".repeat(62) + "\n"))
}

/// The same without the header: not the template, which the first rows say.
pub fn empty_cells_csv_headless() -> Vec<u8> {
    csv_to_the_limit("", &(",".repeat(62) + "\n"))
}

/// The header, then a line of ten million commas: one record of as many cells.
pub fn comma_line_csv() -> Vec<u8> {
    csv_to_the_limit(&csv_header(), ",")
}

/// The header, then rows of one cell (資產編號) to 10 MiB: five million rows, 250 times the
/// most a sheet may hold.
pub fn many_rows_csv() -> Vec<u8> {
    csv_to_the_limit(&csv_header(), "1\n")
}

/// The header and `rows` rows of one cell (資產編號): every other required cell is missing.
pub fn one_cell_rows_csv(rows: usize) -> Vec<u8> {
    (csv_header() + &"1\n".repeat(rows)).into_bytes()
}

/// The header, then rows of 21 cells of 30,000 characters each, to 10 MiB.
pub fn huge_cells_csv() -> Vec<u8> {
    let cell = "長".repeat(30_000);
    csv_to_the_limit(&csv_header(), &(vec![cell.as_str(); 21].join(",") + "\n"))
}

/// The template's header and the seed's 系統A in Big5, as Excel on a Traditional Chinese
/// Windows saves a CSV (CRLF line ends); `bench/` has no Big5 encoder, so they are a file.
pub const SEED_BIG5: &[u8] = include_bytes!("../fixtures/seed-big5.csv");

/// The header and `rows` copies of the seed's row, in Big5.
pub fn big5_csv(rows: usize) -> Vec<u8> {
    let split = SEED_BIG5.iter().position(|b| *b == b'\n').expect("two lines") + 1;
    let (header, row) = SEED_BIG5.split_at(split);
    [header.to_vec(), row.repeat(rows)].concat()
}

/// A crafted file's name, and what makes it.
pub type Crafted = (&'static str, fn() -> Vec<u8>);

/// Every hostile file, by name, each made when asked for (the largest take a while to make).
pub fn all() -> Vec<Crafted> {
    vec![
        ("20,000 rows with a cell in column XFD", || far_columns(20_000)),
        ("one cell at XFD1048576", far_corner),
        ("2 billion shared strings declared", declared_strings),
        ("600,001 shared strings", || many_strings(600_001)),
        ("deflate bomb (200 MB of spaces)", || deflate_bomb(200)),
        ("20,200 rows", || many_rows(20_200)),
        ("20,000 rows of a 4,000-char shared string", || shared_string_cells(20_000, 4_000)),
        ("CSV of a million commas", million_commas),
        ("CSV, 10 MiB of empty cells (issue 26)", empty_cells_csv),
        ("CSV, the same without the header", empty_cells_csv_headless),
        ("CSV, one line of 10 million commas", comma_line_csv),
        ("CSV, 5 million one-cell rows", many_rows_csv),
        ("CSV, 21 cells of 30,000 chars a row", huge_cells_csv),
        ("CSV in Big5, 20,000 rows", || big5_csv(20_000)),
    ]
}
