//! Every rule of the inventory, written once: the grid runs it in the browser (wasm) as the
//! user types, and the server runs it on every load, save, import and 提報. Values are
//! expected already normalized (`normalize::normalize`).

use serde::{Deserialize, Serialize};

use super::columns::{
    Cells, Column, Kind, BASELINE_NA, BASELINE_NOT, BASELINE_PARTLY, LEVEL_OTHER, PACKAGED, PROVIDED,
};
use crate::{
    i18n::{LocalText, Msg},
    oid::Oid,
};

/// What is wrong with one cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellError {
    pub column: Column,
    pub message: LocalText,
}

/// Every wrong cell of a row, at most one message per cell, in column order.
pub fn check(cells: &Cells) -> Vec<CellError> {
    Column::ALL
        .into_iter()
        .filter_map(|column| check_cell(cells, column).map(|message| CellError { column, message }))
        .collect()
}

/// A row with nothing in it: the grid's spare last row, or a blank line in a file.
pub fn is_blank(cells: &Cells) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// What is wrong with `column` of this row, if anything.
pub fn check_cell(cells: &Cells, column: Column) -> Option<LocalText> {
    let value = cells[column.index()].as_str();
    if value.is_empty() {
        return missing(cells, column);
    }
    let max = column.max_chars();
    // No more bytes than the limit means no more characters: most cells skip the count, which
    // was a good part of the first check of 10,000 rows in the browser.
    if value.len() > max && value.chars().count() > max {
        return Some(LocalText::new(Msg::InvTooLong).arg("max", max));
    }
    match column.kind() {
        Kind::Choice(values) if !values.contains(&value) => {
            return Some(LocalText::new(Msg::InvNotAChoice).arg("choices", quoted(values)));
        }
        Kind::Oid => {
            if let Err(e) = Oid::check(value) {
                return Some(e.text());
            }
        }
        Kind::Hours if !value.bytes().all(|b| b.is_ascii_digit()) => return Some(LocalText::new(Msg::InvHours)),
        _ => {}
    }
    match column {
        Column::ProtectionLevel => level_rule(cells, value),
        Column::Baseline => baseline_rule(cells, value),
        _ => None,
    }
}

/// An empty cell: wrong when the column is required, always or because of another cell.
fn missing(cells: &Cells, column: Column) -> Option<LocalText> {
    if column.always_required() {
        return Some(LocalText::new(Msg::InvRequired));
    }
    match column {
        Column::InIsms | Column::Builder | Column::Operator if method(cells) != PROVIDED => {
            Some(LocalText::new(Msg::InvRequiredUnlessProvided).arg("method", PROVIDED))
        }
        Column::BaselineNote => {
            let baseline = &cells[Column::Baseline.index()];
            (baseline == BASELINE_PARTLY || baseline == BASELINE_NOT)
                .then(|| LocalText::new(Msg::InvExplanationRequired).arg("baseline", baseline))
        }
        _ => None,
    }
}

fn method(cells: &Cells) -> &str {
    &cells[Column::BuildMethod.index()]
}

/// Whether `column` holds one of its allowed values; cross-field rules only look at a cell
/// that is itself right, so one mistake gives one message.
fn valid_choice(cells: &Cells, column: Column) -> bool {
    column.choices().is_some_and(|values| values.contains(&cells[column.index()].as_str()))
}

/// 防護需求等級 is 其他 if and only if 建置方式 is 主管/上級機關提供 or 套裝軟體.
fn level_rule(cells: &Cells, level: &str) -> Option<LocalText> {
    if !valid_choice(cells, Column::BuildMethod) {
        return None;
    }
    let method = method(cells);
    let needs_other = method == PROVIDED || method == PACKAGED;
    match (needs_other, level == LEVEL_OTHER) {
        (true, false) => Some(LocalText::new(Msg::InvLevelMustBeOther).arg("method", method)),
        (false, true) => {
            Some(LocalText::new(Msg::InvLevelOtherOnly).arg("provided", PROVIDED).arg("packaged", PACKAGED))
        }
        _ => None,
    }
}

/// 是否符合防護基準 is 不適用 if and only if 防護需求等級 is 其他.
fn baseline_rule(cells: &Cells, baseline: &str) -> Option<LocalText> {
    if !valid_choice(cells, Column::ProtectionLevel) {
        return None;
    }
    let other = cells[Column::ProtectionLevel.index()] == LEVEL_OTHER;
    match (other, baseline == BASELINE_NA) {
        (true, false) => Some(LocalText::new(Msg::InvBaselineMustBeNa)),
        (false, true) => Some(LocalText::new(Msg::InvBaselineNaOnly)),
        _ => None,
    }
}

fn quoted(values: &[&str]) -> String {
    values.iter().map(|v| format!("「{v}」")).collect::<Vec<_>>().join("、")
}
