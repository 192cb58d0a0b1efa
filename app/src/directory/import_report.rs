//! What a directory import did, as the central authority's page shows it (the command line
//! prints the same in English).

use serde::{Deserialize, Serialize};

use crate::i18n::{LocalText, Msg};

/// The official files an import recognises by their header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DirectoryFile {
    Gds,
    MoeSchools,
    Renames,
    Contacts,
}

impl DirectoryFile {
    pub fn label(self) -> Msg {
        match self {
            DirectoryFile::Gds => Msg::ImportFileGds,
            DirectoryFile::MoeSchools => Msg::ImportFileSchools,
            DirectoryFile::Renames => Msg::ImportFileRenames,
            DirectoryFile::Contacts => Msg::ImportFileContacts,
        }
    }
}

/// One refused row: its line in the file (the header is line 1) and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedRow {
    pub line: u64,
    pub reason: LocalText,
}

/// An import's report: rows added, updated, unchanged and refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryImport {
    pub file: DirectoryFile,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Renamed-away organizations added so that their old OID still leads somewhere.
    pub placeholders: usize,
    pub rejected: Vec<RejectedRow>,
    /// Checked only: nothing was written.
    pub dry_run: bool,
}
