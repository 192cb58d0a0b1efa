//! An organization's live inventory rows.

use diesel::prelude::*;

use super::{schema::asset_rows as r, AnyConnection};
use crate::inventory::{Cells, RowChange, StoredRow};

fn to_json(cells: &Cells) -> String {
    serde_json::to_string(cells).unwrap_or_else(|_| "[]".into())
}

/// The JSON kept in row `id` of `table`. A value that does not read (changed outside the
/// application) is logged and refused as the database error it is, never taken as empty: an
/// empty sheet or report would be shown, exported, or saved back over what was there.
pub(super) fn stored_json<T: serde::de::DeserializeOwned>(table: &str, id: i64, text: &str) -> QueryResult<T> {
    serde_json::from_str(text).map_err(|e| {
        tracing::error!(table, id, error = %e, "a stored JSON value is damaged");
        diesel::result::Error::DeserializationError(Box::new(e))
    })
}

/// Every row of `org_id`, in the order they were added. A row whose cells are damaged fails
/// the whole read (`stored_json`).
pub fn load(conn: &mut AnyConnection, org_id: i64) -> QueryResult<Vec<StoredRow>> {
    let rows: Vec<(i64, i64, String)> =
        r::table.filter(r::org_id.eq(org_id)).order(r::id).select((r::id, r::version, r::cells)).load(conn)?;
    rows.into_iter()
        .map(|(id, version, cells)| {
            let cells: Vec<String> = stored_json("asset_rows", id, &cells)?;
            Ok(StoredRow { id, version, cells: crate::inventory::cells_from(&cells) })
        })
        .collect()
}

pub fn count(conn: &mut AnyConnection, org_id: i64) -> QueryResult<i64> {
    r::table.filter(r::org_id.eq(org_id)).count().get_result(conn)
}

/// Applies `changes` to `org_id`'s rows. Each update or delete takes effect only if the row
/// belongs to `org_id` and still has the version the change names; the ids of the rows where
/// it did not are returned as `Err`, and the caller rolls the transaction back.
pub fn apply(
    conn: &mut AnyConnection,
    org_id: i64,
    changes: &[RowChange],
    by: i64,
    now: i64,
) -> QueryResult<Result<Vec<Option<(i64, i64)>>, Vec<i64>>> {
    let mut saved = Vec::with_capacity(changes.len());
    let mut conflicts = Vec::new();
    for change in changes {
        match change {
            RowChange::Insert { cells } => {
                let id: i64 = diesel::insert_into(r::table)
                    .values((
                        r::org_id.eq(org_id),
                        r::version.eq(1_i64),
                        r::cells.eq(to_json(cells)),
                        r::updated_at.eq(now),
                        r::updated_by.eq(by),
                    ))
                    .returning(r::id)
                    .get_result(conn)?;
                saved.push(Some((id, 1)));
            }
            RowChange::Update { id, version, cells } => {
                let n = diesel::update(
                    r::table.filter(r::id.eq(id)).filter(r::org_id.eq(org_id)).filter(r::version.eq(version)),
                )
                .set((
                    r::cells.eq(to_json(cells)),
                    r::version.eq(version + 1),
                    r::updated_at.eq(now),
                    r::updated_by.eq(by),
                ))
                .execute(conn)?;
                if n == 0 {
                    conflicts.push(*id);
                }
                saved.push(Some((*id, version + 1)));
            }
            RowChange::Delete { id, version } => {
                let n = diesel::delete(
                    r::table.filter(r::id.eq(id)).filter(r::org_id.eq(org_id)).filter(r::version.eq(version)),
                )
                .execute(conn)?;
                if n == 0 {
                    conflicts.push(*id);
                }
                saved.push(None);
            }
        }
    }
    Ok(if conflicts.is_empty() { Ok(saved) } else { Err(conflicts) })
}
