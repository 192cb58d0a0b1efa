//! The inventory as files: reading the official XLSX template (or CSV) into checked rows, and
//! writing the template back with its dropdowns and 填表說明 sheet, or a formula-safe CSV.
//! Files being read at once share a memory budget (`admit`).

use std::{
    collections::BTreeMap,
    sync::{Mutex, PoisonError},
};

use app::error::AppError;

mod csv_file;
pub mod export;
pub mod import;
pub mod sheet;
pub mod xlsx;

pub use app::inventory::MAX_FILE_BYTES;

/// What the files being read at once may hold together, and those of one session, in MiB.
///
/// A file is read on a blocking thread, and holds its rows, their problems and the answer
/// until that is sent. Bounded one by one (`sheet::Keeper`), files were not bounded together:
/// four of issue 26's files from one person took the server from 106 to 2,982 MiB, and
/// nothing stopped forty. So a file is admitted for the most a file of its kind and size may
/// hold (`charge`: 190 MiB for any workbook, 163 MiB for a CSV file of 10 MiB, 3 MiB for one
/// of a few rows), or refused at once as busy (503, Retry-After) rather than queued: a queue
/// would keep the bodies waiting, and the people waiting would not know for how long. The
/// budget holds three of the costliest files at once (on two cores, more would not be read
/// sooner); one session may hold half of it, so that a burst from one person leaves room for
/// others. A session rather than a user: user ids repeat across the test databases that one
/// test process serves.
pub const BUDGET_MIB: usize = 640;
pub const SESSION_MIB: usize = BUDGET_MIB / 2;

/// Seconds a refused upload is asked to wait: about what the largest file takes to read.
const RETRY_AFTER: u32 = 2;

/// What a row may cost, at most: as read and as the template's cells, a problem in each of its
/// cells, and all of it as JSON. Measured (`make bench`, workbooks): 20,000 rows whose 21
/// cells are all wrong held 177 MiB with their 24 MB of text, about 5.5 KiB a row besides the
/// text; 20,000 rows of one cell, 74 MiB from a CSV file of 40 KB.
const ROW_BYTES: usize = 6 << 10;
/// What a byte of cell text may cost, at most: kept as read, normalized, and as JSON.
const TEXT_BYTES: usize = 3;

/// MiB held by the files being read: in all, and by session.
static HELD: Mutex<(usize, BTreeMap<String, usize>)> = Mutex::new((0, BTreeMap::new()));

/// What reading `body` as a sheet of `shape` may hold at most, in MiB. A CSV file's size
/// bounds its rows (a row takes two bytes at least) and its text (1.5 times its bytes, decoded
/// from Big5); a workbook's does not (it is compressed, and one shared string may fill every
/// cell), so a workbook is charged for the most rows and text a sheet may hold. A file over
/// the limit is refused before it is read, and costs nothing.
pub fn charge(body: &[u8], shape: &sheet::Shape) -> usize {
    let n = body.len();
    if n > MAX_FILE_BYTES {
        return 0;
    }
    let max_rows = shape.max_rows.max(0) as usize;
    let (rows, text) = if body.starts_with(b"PK\x03\x04") {
        (max_rows, sheet::KEPT_BYTES)
    } else {
        ((n / 2).min(max_rows), (n + n / 2).min(sheet::KEPT_BYTES))
    };
    (rows * ROW_BYTES + text * TEXT_BYTES).div_ceil(1 << 20).max(1)
}

/// A file's share of the budget, given back when dropped.
#[must_use]
pub struct Reading {
    session: String,
    mib: usize,
}

/// Room to read `body` as a sheet of `shape` for the session `session` (its id's hash), or
/// `Busy` at once.
pub fn admit(session: &str, body: &[u8], shape: &sheet::Shape) -> Result<Reading, AppError> {
    let mib = charge(body, shape);
    let mut held = HELD.lock().unwrap_or_else(PoisonError::into_inner);
    let mine = held.1.get(session).copied().unwrap_or(0);
    if held.0 + mib > BUDGET_MIB || mine + mib > SESSION_MIB {
        return Err(AppError::Busy { retry_after: RETRY_AFTER });
    }
    held.0 += mib;
    *held.1.entry(session.to_string()).or_insert(0) += mib;
    Ok(Reading { session: session.to_string(), mib })
}

/// Reads `body` as a sheet of `shape` with `parse`, on a blocking thread, within the budget:
/// `Busy` at once when there is no room, else what `parse` made of it and the file's share,
/// for the caller to hold until its answer is made. The reading thread holds the share too,
/// should the request be dropped before the reading ends.
pub async fn read_within_budget<T: Send + 'static>(
    session: &str,
    body: axum::body::Bytes,
    shape: &sheet::Shape,
    parse: fn(&[u8]) -> Result<T, AppError>,
) -> Result<(Result<T, AppError>, Reading), AppError> {
    let reading = admit(session, &body, shape)?;
    let (parsed, reading) =
        tokio::task::spawn_blocking(move || (parse(&body), reading)).await.map_err(|_| AppError::Internal)?;
    Ok((parsed, reading))
}

impl Drop for Reading {
    fn drop(&mut self) {
        let mut held = HELD.lock().unwrap_or_else(PoisonError::into_inner);
        held.0 -= self.mib;
        if let Some(mine) = held.1.get_mut(&self.session) {
            *mine -= self.mib;
            if *mine == 0 {
                held.1.remove(&self.session);
            }
        }
    }
}
