//! Turning a file's bytes into rows, or into the reason the whole file is refused. Pure: no
//! database, so every format rule is unit-tested here.

use std::collections::HashMap;

use app::{
    accounts::{check_email_shape, check_mobile, check_real_name},
    db::{contacts::ContactFields, orgs::OrgFields},
    directory::{is_school_code, OrgKind},
    oid::Oid,
};

use super::{
    formats::{Col, Columns, Format},
    report::{RejectReason, Rejected},
};

/// One good row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    Org {
        line: u64,
        fields: OrgFields,
    },
    Rename {
        line: u64,
        old_oid: String,
        new_oid: String,
        old_name: String,
        new_name: String,
        change_date: Option<String>,
        reference: Option<String>,
    },
    Contact {
        line: u64,
        /// The organization's OID or school code.
        org: String,
        fields: ContactFields,
    },
}

#[derive(Clone, Debug)]
pub struct Parsed {
    pub format: Format,
    pub rows: Vec<Row>,
    pub rejected: Vec<Rejected>,
}

/// Why a whole file is refused. Nothing is written for such a file.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("the file is empty")]
    Empty,
    #[error("line {line} is not UTF-8 text (save the file as UTF-8, e.g. from Excel as \"CSV UTF-8\")")]
    NotUtf8 { line: u64 },
    #[error("unrecognised header [{0}]: expected the GDS OID list (機關名稱,OID,…), an MOE school list (代碼,學校名稱,…), rename records (old_name,new_name,old_oid,new_oid,…) or registered contacts (機關代號,姓名,電子郵件,手機,…)")]
    UnknownHeader(String),
    #[error("line {line}: {message}")]
    Csv { line: u64, message: String },
}

impl ParseError {
    /// Why the file was refused, in the reader's language, for the admin page.
    pub fn text(&self) -> app::i18n::LocalText {
        use app::i18n::{LocalText, Msg};
        match self {
            ParseError::Empty => Msg::ImportFileEmpty.into(),
            ParseError::NotUtf8 { line } => LocalText::new(Msg::ImportFileNotUtf8).arg("line", line),
            ParseError::UnknownHeader(header) => LocalText::new(Msg::ImportFileUnknownHeader).arg("header", header),
            ParseError::Csv { line, message } => {
                LocalText::new(Msg::ImportFileCsv).arg("line", line).arg("message", message)
            }
        }
    }
}

pub fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() as u64 + 1;
        return Err(ParseError::NotUtf8 { line });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Empty);
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| ParseError::Csv { line: 1, message: e.to_string() })?
        .iter()
        .map(str::to_string)
        .collect();
    let columns = Columns::from_header(&header);
    let format = columns.format().ok_or_else(|| ParseError::UnknownHeader(header.join(",")))?;

    let mut rows = Vec::new();
    let mut rejected = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for record in reader.records() {
        let record = record
            .map_err(|e| ParseError::Csv { line: e.position().map_or(0, |p| p.line()), message: e.to_string() })?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let row = if record.len() != columns.width {
            Err(RejectReason::ColumnCount { expected: columns.width, found: record.len() })
        } else {
            match format {
                Format::Gds => gds_row(&columns, &record, line),
                Format::MoeSchools => moe_row(&columns, &record, line),
                Format::Renames => rename_row(&columns, &record, line),
                Format::Contacts => contact_row(&columns, &record, line),
            }
        };
        match row.and_then(|row| {
            let key = row_key(&row);
            match seen.get(&key) {
                Some(&first_line) => Err(RejectReason::Duplicate { first_line }),
                None => {
                    seen.insert(key, line);
                    Ok(row)
                }
            }
        }) {
            Ok(row) => rows.push(row),
            Err(reason) => rejected.push(Rejected { line, reason }),
        }
    }
    Ok(Parsed { format, rows, rejected })
}

fn row_key(row: &Row) -> String {
    match row {
        Row::Org { fields, .. } => fields.oid.clone().or_else(|| fields.school_code.clone()).unwrap_or_default(),
        Row::Rename { old_oid, new_oid, .. } => format!("{old_oid}>{new_oid}"),
        Row::Contact { org, fields, .. } => format!("{org} {}", fields.email),
    }
}

fn oid_in(
    columns: &Columns,
    record: &csv::StringRecord,
    col: Col,
    label: &'static str,
) -> Result<String, RejectReason> {
    let text = columns.get(record, col).ok_or(RejectReason::Missing(label))?;
    Oid::parse(text).map(String::from).map_err(|e| RejectReason::BadOid { column: label, message: e.to_string() })
}

fn text(columns: &Columns, record: &csv::StringRecord, col: Col) -> Option<String> {
    columns.get(record, col).map(str::to_string)
}

fn gds_row(columns: &Columns, record: &csv::StringRecord, line: u64) -> Result<Row, RejectReason> {
    let name = text(columns, record, Col::Name).ok_or(RejectReason::Missing("機關名稱"))?;
    let oid = oid_in(columns, record, Col::Oid, "OID")?;
    let agency_code = match text(columns, record, Col::OrgCode) {
        Some(code) if code.len() == 10 && code.bytes().all(|b| b.is_ascii_alphanumeric()) => Some(code.to_uppercase()),
        Some(code) => return Err(RejectReason::BadOrgCode(code)),
        None => None,
    };
    let dn = text(columns, record, Col::Dn);
    let fields = OrgFields {
        oid: Some(oid),
        kind: Some(infer_kind(&name)),
        county: dn.as_deref().and_then(county_from_dn),
        name,
        agency_code,
        address: text(columns, record, Col::Address),
        phone: text(columns, record, Col::Phone),
        dn,
        ..OrgFields::default()
    };
    Ok(Row::Org { line, fields })
}

fn moe_row(columns: &Columns, record: &csv::StringRecord, line: u64) -> Result<Row, RejectReason> {
    let code = text(columns, record, Col::SchoolCode).ok_or(RejectReason::Missing("代碼"))?;
    if !is_school_code(&code) {
        return Err(RejectReason::BadSchoolCode(code));
    }
    let name = text(columns, record, Col::SchoolName).ok_or(RejectReason::Missing("學校名稱"))?;
    let fields = OrgFields {
        name,
        kind: Some(OrgKind::School),
        school_code: Some(code.to_uppercase()),
        county: text(columns, record, Col::County).map(|c| strip_bracket_code(&c)),
        address: text(columns, record, Col::Address).map(|a| strip_bracket_code(&a)),
        phone: text(columns, record, Col::Phone),
        website: text(columns, record, Col::Website),
        ..OrgFields::default()
    };
    Ok(Row::Org { line, fields })
}

fn rename_row(columns: &Columns, record: &csv::StringRecord, line: u64) -> Result<Row, RejectReason> {
    Ok(Row::Rename {
        line,
        old_oid: oid_in(columns, record, Col::OldOid, "old_oid")?,
        new_oid: oid_in(columns, record, Col::NewOid, "new_oid")?,
        old_name: text(columns, record, Col::OldName).ok_or(RejectReason::Missing("old_name"))?,
        new_name: text(columns, record, Col::NewName).ok_or(RejectReason::Missing("new_name"))?,
        change_date: text(columns, record, Col::ChangeDate),
        reference: text(columns, record, Col::Reference),
    })
}

fn contact_row(columns: &Columns, record: &csv::StringRecord, line: u64) -> Result<Row, RejectReason> {
    let org = text(columns, record, Col::OrgRef).ok_or(RejectReason::Missing("機關代號"))?;
    let org = if is_school_code(&org) {
        org.to_uppercase()
    } else {
        Oid::parse(&org)
            .map(String::from)
            .map_err(|e| RejectReason::BadOid { column: "機關代號", message: e.to_string() })?
    };
    let name = text(columns, record, Col::PersonName).ok_or(RejectReason::Missing("姓名"))?;
    // The same rules as the application's fields, said in the command line's English.
    let refused = |e: app::error::AppError| match e {
        app::error::AppError::Invalid { message, .. } => {
            RejectReason::BadContact(message.render(app::i18n::Locale::En))
        }
        other => RejectReason::BadContact(other.to_string()),
    };
    check_real_name(&name).map_err(refused)?;
    let email = text(columns, record, Col::Email).ok_or(RejectReason::Missing("電子郵件"))?.to_ascii_lowercase();
    check_email_shape(&email).map_err(refused)?;
    let mobile =
        check_mobile(&text(columns, record, Col::Mobile).ok_or(RejectReason::Missing("手機"))?).map_err(refused)?;
    let fields = ContactFields {
        display_name: name,
        email,
        mobile,
        title: text(columns, record, Col::JobTitle),
        unit: text(columns, record, Col::Unit),
    };
    Ok(Row::Contact { line, org, fields })
}

/// Schools by the words their names end with; everything else in the OID list is an agency.
fn infer_kind(name: &str) -> OrgKind {
    const SCHOOL_ENDINGS: [&str; 12] = [
        "國民小學",
        "國民中學",
        "高級中學",
        "高級中等學校",
        "完全中學",
        "實驗學校",
        "大學",
        "學院",
        "國小",
        "國中",
        "高中",
        "學校",
    ];
    if SCHOOL_ENDINGS.iter().any(|e| name.ends_with(e)) {
        OrgKind::School
    } else {
        OrgKind::Agency
    }
}

/// The county or city in a DN: its outermost locality (`l=苗栗縣` in `o=鄉公所,l=三義鄉,l=苗栗縣,c=TW`).
fn county_from_dn(dn: &str) -> Option<String> {
    dn.split(',').rev().find_map(|part| part.trim().strip_prefix("l=")).map(str::to_string)
}

/// MOE lists prefix codes in brackets: `[01]新北市`, `[234]新北市永和區…`.
fn strip_bracket_code(text: &str) -> String {
    match text.strip_prefix('[').and_then(|rest| rest.split_once(']')) {
        Some((_, rest)) => rest.trim().to_string(),
        None => text.to_string(),
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
