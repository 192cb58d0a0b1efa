//! What an import did, row by row where rows were refused.

use std::fmt;

use app::{
    directory::{DirectoryFile, DirectoryImport, RejectedRow},
    i18n::{LocalText, Msg},
};

use super::Format;

/// Why a row was refused. Kept as data so that an admin page can say it in the reader's
/// language; `Display` is the English of the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RejectReason {
    ColumnCount {
        expected: usize,
        found: usize,
    },
    Missing(&'static str),
    BadOid {
        column: &'static str,
        message: String,
    },
    BadSchoolCode(String),
    BadOrgCode(String),
    Duplicate {
        first_line: u64,
    },
    /// A contact's name, email or mobile broke the application's rule (the reason in English).
    BadContact(String),
    /// A contact's organization is not in the directory.
    UnknownOrg(String),
}

impl fmt::Display for RejectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RejectReason::ColumnCount { expected, found } => {
                write!(f, "expected {expected} columns, found {found}")
            }
            RejectReason::Missing(col) => write!(f, "{col} is empty"),
            RejectReason::BadOid { column, message } => write!(f, "{column}: {message}"),
            RejectReason::BadSchoolCode(c) => write!(f, "school code \"{c}\" is not 6 letters or digits, or 4 digits"),
            RejectReason::BadOrgCode(c) => write!(f, "OrgCode \"{c}\" is not 10 letters or digits"),
            RejectReason::Duplicate { first_line } => write!(f, "duplicate of line {first_line}"),
            RejectReason::BadContact(why) => write!(f, "{why}"),
            RejectReason::UnknownOrg(code) => write!(f, "no organization {code} in the directory (import it first)"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// The line in the file, counting the header as line 1.
    pub line: u64,
    pub reason: RejectReason,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportReport {
    pub format: Format,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: Vec<Rejected>,
    /// Renamed-away organizations that were not in the directory and were added so that
    /// their old OID still leads somewhere.
    pub placeholders: usize,
    pub dry_run: bool,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}{}: {} added, {} updated, {} unchanged, {} rejected",
            self.format.name(),
            if self.dry_run { " (dry run, nothing written)" } else { "" },
            self.added,
            self.updated,
            self.unchanged,
            self.rejected.len()
        )?;
        if self.placeholders > 0 {
            writeln!(f, "  {} renamed-away organizations added so their old OIDs resolve", self.placeholders)?;
        }
        for r in &self.rejected {
            writeln!(f, "  line {}: {}", r.line, r.reason)?;
        }
        Ok(())
    }
}

impl RejectReason {
    /// The reason in the reader's language, for the admin page.
    pub fn text(&self) -> LocalText {
        match self {
            RejectReason::ColumnCount { expected, found } => {
                LocalText::new(Msg::ImportRejectColumns).arg("expected", expected).arg("found", found)
            }
            RejectReason::Missing(col) => LocalText::new(Msg::ImportRejectMissing).arg("column", col),
            RejectReason::BadOid { column, message } => {
                LocalText::new(Msg::ImportRejectOid).arg("column", column).arg("message", message)
            }
            RejectReason::BadSchoolCode(c) => LocalText::new(Msg::ImportRejectSchoolCode).arg("code", c),
            RejectReason::BadOrgCode(c) => LocalText::new(Msg::ImportRejectOrgCode).arg("code", c),
            RejectReason::Duplicate { first_line } => {
                LocalText::new(Msg::ImportRejectDuplicate).arg("line", first_line)
            }
            RejectReason::BadContact(why) => LocalText::new(Msg::ImportRejectContact).arg("why", why),
            RejectReason::UnknownOrg(code) => LocalText::new(Msg::ImportRejectUnknownOrg).arg("code", code),
        }
    }
}

impl ImportReport {
    /// The report as the admin page shows it.
    pub fn to_page(&self) -> DirectoryImport {
        DirectoryImport {
            file: match self.format {
                Format::Gds => DirectoryFile::Gds,
                Format::MoeSchools => DirectoryFile::MoeSchools,
                Format::Renames => DirectoryFile::Renames,
                Format::Contacts => DirectoryFile::Contacts,
            },
            added: self.added,
            updated: self.updated,
            unchanged: self.unchanged,
            placeholders: self.placeholders,
            rejected: self.rejected.iter().map(|r| RejectedRow { line: r.line, reason: r.reason.text() }).collect(),
            dry_run: self.dry_run,
        }
    }
}
