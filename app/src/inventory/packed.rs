//! How a sheet's stored rows travel: each distinct cell text once, and each row as its id, its
//! version and the places of its 21 texts in that list.
//!
//! An inventory repeats itself: 12 of its 21 columns hold one of a few fixed values, and the
//! rest name the same departments, vendors and authorities row after row. Sent as they are,
//! 10,000 rows were 1.7 MB of JSON, nearly all of it Chinese text, and the grid page carries
//! them inside its HTML, where Leptos quotes them with Rust's `{:?}` (which looks up every
//! non-ASCII character in Unicode's tables): a third of the server's time for the page. Packed,
//! the rows are numbers, and only the distinct texts are quoted.

use std::collections::HashMap;

use serde::{de::Error as _, Deserialize, Deserializer, Serialize, Serializer};

use super::{columns::COLUMN_COUNT, sheet::StoredRow};

#[derive(Serialize, Deserialize)]
struct Packed<T> {
    texts: Vec<T>,
    rows: Vec<(i64, i64, [u32; COLUMN_COUNT])>,
}

pub fn serialize<S: Serializer>(rows: &[StoredRow], serializer: S) -> Result<S::Ok, S::Error> {
    let mut places: HashMap<&str, u32> = HashMap::new();
    let mut texts: Vec<&str> = Vec::new();
    let mut packed = Vec::with_capacity(rows.len());
    for row in rows {
        let mut at = [0; COLUMN_COUNT];
        for (place, cell) in at.iter_mut().zip(&row.cells) {
            *place = *places.entry(cell.as_str()).or_insert_with(|| {
                texts.push(cell);
                // At most 21 texts a row and 20,000 rows a sheet: far below u32's limit.
                (texts.len() - 1) as u32
            });
        }
        packed.push((row.id, row.version, at));
    }
    Packed { texts, rows: packed }.serialize(serializer)
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<StoredRow>, D::Error> {
    let Packed { texts, rows } = Packed::<String>::deserialize(deserializer)?;
    let text = |place: u32| texts.get(place as usize).cloned();
    rows.into_iter()
        .map(|(id, version, at)| {
            let mut cells: [String; COLUMN_COUNT] = Default::default();
            for (cell, place) in cells.iter_mut().zip(at) {
                *cell = text(place).ok_or_else(|| D::Error::custom(format!("no text {place} in the sheet")))?;
            }
            Ok(StoredRow { id, version, cells })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::{cells_from, examples::SYSTEM_A, Column, Sheet};

    fn sheet(rows: Vec<StoredRow>) -> Sheet {
        Sheet {
            org_id: 1,
            org_name: "測試".into(),
            rows,
            problems: vec![],
            editable: true,
            can_submit: false,
            period: None,
            submission: None,
        }
    }

    #[test]
    fn rows_travel_packed_and_come_back_as_they_were() {
        let rows: Vec<StoredRow> = (0..50)
            .map(|i| {
                let mut cells = cells_from(&SYSTEM_A);
                cells[Column::SystemName.index()] = format!("系統{i}");
                StoredRow { id: 100 + i, version: i % 3 + 1, cells }
            })
            .collect();
        let json = serde_json::to_string(&sheet(rows.clone())).expect("json");
        // Each distinct text once: the 50 names, and the example row's other texts.
        let distinct: std::collections::HashSet<&String> = rows.iter().flat_map(|r| &r.cells).collect();
        assert!(distinct.len() > 50 && distinct.len() < 50 + COLUMN_COUNT);
        let value: serde_json::Value = serde_json::from_str(&json).expect("value");
        assert_eq!(value["rows"]["texts"].as_array().map(Vec::len), Some(distinct.len()));
        assert_eq!(json.matches("系統3").count(), 11, "系統3 and 系統30…39, once each");
        let back: Sheet = serde_json::from_str(&json).expect("back");
        assert_eq!(back.rows, rows);
        assert_eq!(
            serde_json::from_str::<Sheet>(&serde_json::to_string(&sheet(vec![])).expect("json")).expect("empty").rows,
            []
        );
    }

    #[test]
    fn a_place_with_no_text_is_refused_not_a_panic() {
        let mut value =
            serde_json::to_value(sheet(vec![StoredRow { id: 1, version: 1, cells: cells_from(&SYSTEM_A) }]))
                .expect("value");
        value["rows"]["rows"][0][2][5] = 999.into();
        let error = serde_json::from_value::<Sheet>(value.clone()).expect_err("refused");
        assert!(error.to_string().contains("no text 999"), "{error}");
        value["rows"]["rows"][0][2] = serde_json::json!([0, 1]);
        assert!(serde_json::from_value::<Sheet>(value).is_err(), "a row of 2 cells");
    }
}
