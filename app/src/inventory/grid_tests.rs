//! The grid's model: edits, undo and redo, paste, view, and what a save sends.

use super::{
    cells_from,
    columns::{Cells, Column},
    examples::SYSTEM_A as A,
    grid::{Grid, GridRow, ViewOptions},
    sheet::{CellProblem, RowChange, Saved, StoredRow},
};
use crate::i18n::{LocalText, Msg};

fn stored(id: i64, name: &str) -> StoredRow {
    let mut cells = cells_from(&A);
    cells[Column::SystemName.index()] = name.into();
    StoredRow { id, version: 1, cells }
}

fn grid() -> Grid {
    Grid::from_rows(vec![stored(10, "甲"), stored(11, "乙"), stored(12, "丙")], vec![])
}

fn names(g: &Grid) -> Vec<&str> {
    g.rows.iter().map(|r| r.cells[Column::SystemName.index()].as_str()).collect()
}

#[test]
fn a_row_is_its_cells_and_little_more() {
    // The browser allocates and fills one per row of the sheet on load: with a slot for every
    // column's error and an inline copy of the saved cells, a row was three times its cells.
    assert!(
        std::mem::size_of::<GridRow>() <= std::mem::size_of::<Cells>() + 128,
        "a grid row takes {} bytes, its cells {}",
        std::mem::size_of::<GridRow>(),
        std::mem::size_of::<Cells>()
    );
}

#[test]
fn loaded_rows_carry_the_problems_the_server_found() {
    let mut wrong = stored(11, "乙");
    wrong.cells[Column::Manager.index()].clear();
    wrong.cells[Column::MaxDowntimeHours.index()] = "一天".into();
    let rows = vec![stored(10, "甲"), wrong.clone(), stored(12, "丙")];
    // As the server sends them, by row; given out of order here, and one naming no row.
    let problems = [(1, Column::MaxDowntimeHours), (5, Column::Manager), (1, Column::Manager)]
        .map(|(row, column)| CellProblem { row, column, message: LocalText::new(Msg::InvRequired) })
        .to_vec();
    let mut g = Grid::from_rows(rows, problems);
    assert_eq!(g.error_counts(), (1, 2));
    let marked =
        |g: &Grid, i: usize| Column::ALL.into_iter().filter(|c| g.rows[i].error(*c).is_some()).collect::<Vec<_>>();
    assert_eq!(marked(&g, 1), [Column::Manager, Column::MaxDowntimeHours]);
    assert!(marked(&g, 0).is_empty() && marked(&g, 2).is_empty());
    // An edit is checked here, by the rules: the hours still wrong, the manager filled.
    g.set(g.rows[1].key, Column::Manager, "資訊室");
    assert_eq!(marked(&g, 1), [Column::MaxDowntimeHours]);
    assert_eq!(g.rows[1].error(Column::MaxDowntimeHours), Some(&LocalText::new(Msg::InvHours)));
}

#[test]
fn loaded_rows_are_clean_and_valid() {
    let g = grid();
    assert!(!g.is_dirty());
    assert_eq!(g.error_counts(), (0, 0));
    assert!(g.changes().is_empty());
}

#[test]
fn an_edit_is_checked_normalized_and_sent_as_an_update() {
    let mut g = grid();
    let key = g.rows[1].key;
    g.set(key, Column::ProtectionLevel, "其他");
    assert!(g.rows[1].cell_error(Column::ProtectionLevel).is_some());
    assert_eq!(g.error_counts(), (1, 2), "the level and, with it, the baseline");
    g.set(key, Column::Core, "y");
    assert_eq!(g.rows[1].cells[Column::Core.index()], "是");
    g.set(key, Column::ProtectionLevel, "高");
    assert_eq!(g.error_counts(), (0, 0));
    let batch = g.changes();
    assert_eq!(batch.keys(), [Some(key)]);
    assert!(
        matches!(&batch.changes()[0], RowChange::Update { id: 11, version: 1, cells } if cells[Column::ProtectionLevel.index()] == "高")
    );
    // Setting a cell back to what was loaded leaves nothing to save.
    g.set(key, Column::ProtectionLevel, "中");
    g.set(key, Column::Core, "否");
    assert!(!g.is_dirty());
}

#[test]
fn undo_and_redo_walk_every_kind_of_step() {
    let mut g = grid();
    let key = g.rows[0].key;
    g.set(key, Column::SystemName, "甲改");
    let new = g.insert_row(1);
    g.set(new, Column::SystemName, "新");
    g.remove_rows(&[g.rows[2].key, g.rows[3].key]);
    assert_eq!(names(&g), ["甲改", "新"]);
    g.undo();
    assert_eq!(names(&g), ["甲改", "新", "乙", "丙"]);
    g.undo();
    g.undo();
    assert_eq!(names(&g), ["甲改", "乙", "丙"]);
    g.undo();
    assert_eq!(names(&g), ["甲", "乙", "丙"]);
    assert!(!g.is_dirty() && !g.can_undo());
    for _ in 0..4 {
        g.redo();
    }
    assert_eq!(names(&g), ["甲改", "新"]);
    assert!(!g.can_redo());
    // A new edit after an undo drops what could be redone.
    g.undo();
    g.set(key, Column::Remarks, "x");
    assert!(!g.can_redo());
}

#[test]
fn a_pasted_block_fills_down_and_across_and_adds_rows() {
    let mut g = grid();
    let view = g.view(&ViewOptions::default());
    // Two columns (名稱, 屬性) by four rows, from the second row: one row is added.
    let set = g.paste(&view, 1, Column::SystemName, "乙2\t業務\r\n丙2\t業務\r\n丁\t行政\r\n戊\tXX\r\n");
    assert_eq!(names(&g), ["甲", "乙2", "丙2", "丁", "戊"]);
    assert_eq!(set, 8);
    assert_eq!(g.rows[4].cells[Column::Attribute.index()], "XX");
    assert!(g.rows[4].cell_error(Column::Attribute).is_some());
    // Past the last column, cells are dropped.
    let last = g.paste(&view, 0, Column::ChinaComponents, "有\t多餘\t多餘");
    assert_eq!(last, 1);
    // One undo takes back a whole paste.
    g.undo();
    g.undo();
    assert_eq!(names(&g), ["甲", "乙", "丙"]);
}

#[test]
fn the_view_filters_and_sorts_without_moving_rows() {
    let mut g = grid();
    g.set(g.rows[0].key, Column::MaxDowntimeHours, "100");
    g.set(g.rows[1].key, Column::MaxDowntimeHours, "9");
    g.set(g.rows[2].key, Column::Attribute, "錯");
    let by_hours = g.view(&ViewOptions { sort: Some((Column::MaxDowntimeHours, true)), ..Default::default() });
    assert_eq!(by_hours, [1, 2, 0], "as numbers: 9 < 24 < 100");
    let descending = g.view(&ViewOptions { sort: Some((Column::SystemName, false)), ..Default::default() });
    assert_eq!(descending.len(), 3);
    assert_eq!(g.view(&ViewOptions { filter: "乙".into(), ..Default::default() }), [1]);
    assert_eq!(g.view(&ViewOptions { only_errors: true, ..Default::default() }), [2]);
    assert_eq!(names(&g), ["甲", "乙", "丙"]);
}

#[test]
fn a_save_sends_deletes_updates_and_inserts_and_takes_back_ids() {
    let mut g = grid();
    g.remove_rows(&[g.rows[0].key]);
    g.set(g.rows[0].key, Column::SystemName, "乙改");
    let new = g.insert_row(99);
    g.paste(&[g.rows.len() - 1], 0, Column::AssetNumber, &A.join("\t"));
    // A blank spare row is neither sent nor wrong.
    let spare = g.insert_row(99);
    assert_eq!(g.error_counts(), (0, 0));
    let batch = g.changes();
    assert_eq!(batch.keys(), [None, Some(g.rows[0].key), Some(new)]);
    let changes = batch.changes();
    assert!(matches!(changes[0], RowChange::Delete { id: 10, version: 1 }));
    assert!(matches!(changes[1], RowChange::Update { id: 11, .. }));
    assert!(matches!(changes[2], RowChange::Insert { .. }));

    g.saved(&batch, &Saved { rows: vec![None, Some((11, 2)), Some((40, 1))] });
    assert!(!g.is_dirty());
    assert_eq!(g.row(new).and_then(|r| r.stored), Some((40, 1)));
    assert_eq!(g.row(spare).and_then(|r| r.stored), None);
    // Undoing the insert after the save deletes the stored row.
    g.undo(); // the spare row
    g.undo(); // the paste
    g.undo(); // the insert
    assert_eq!(g.changes().changes(), [RowChange::Delete { id: 40, version: 1 }]);
}

// A save's answer takes a second or more on a phone, and the grid stays editable meanwhile.

/// The cells of `stored(_, name)`.
fn named(name: &str) -> Cells {
    stored(0, name).cells
}

fn update(id: i64, version: i64, name: &str) -> RowChange {
    RowChange::Update { id, version, cells: named(name) }
}

#[test]
fn edits_made_while_a_save_is_on_its_way_are_still_to_save() {
    let mut g = grid();
    let [first, second, third] = [0, 1, 2].map(|i| g.rows[i].key);
    g.set(first, Column::SystemName, "甲一");
    g.set(third, Column::SystemName, "丙一");
    let batch = g.changes();
    assert_eq!(batch.changes(), [update(10, 1, "甲一"), update(12, 1, "丙一")]);
    // Meanwhile: the first row again, the second, and the third back to what was loaded.
    g.set(first, Column::SystemName, "甲二");
    g.set(second, Column::SystemName, "乙二");
    g.set(third, Column::SystemName, "丙");
    g.saved(&batch, &Saved { rows: vec![Some((10, 2)), Some((12, 2))] });
    assert!(g.is_dirty());
    assert_eq!(g.row(first).and_then(|r| r.stored), Some((10, 2)));
    // Sent again, on the versions the save gave: the server holds 甲一 and 丙一 now.
    let next = g.changes();
    assert_eq!(next.keys(), [Some(first), Some(second), Some(third)]);
    assert_eq!(next.changes(), [update(10, 2, "甲二"), update(11, 1, "乙二"), update(12, 2, "丙")]);
    g.saved(&next, &Saved { rows: vec![Some((10, 3)), Some((11, 2)), Some((12, 3))] });
    assert!(!g.is_dirty());
}

#[test]
fn a_row_deleted_while_its_save_is_on_its_way_is_deleted_at_the_version_written() {
    let mut g = grid();
    let edited = g.rows[0].key;
    g.set(edited, Column::SystemName, "甲一");
    g.append(vec![named("丁")]);
    let inserted = g.rows[3].key;
    let batch = g.changes();
    assert_eq!(batch.changes(), [update(10, 1, "甲一"), RowChange::Insert { cells: named("丁") }]);
    g.remove_rows(&[edited, inserted]);
    g.saved(&batch, &Saved { rows: vec![Some((10, 2)), Some((40, 1))] });
    assert!(g.is_dirty());
    assert_eq!(
        g.changes().changes(),
        [RowChange::Delete { id: 10, version: 2 }, RowChange::Delete { id: 40, version: 1 }]
    );
    // Undone, the rows are back as the server holds them: nothing to save.
    g.undo();
    assert_eq!(g.row(edited).and_then(|r| r.stored), Some((10, 2)));
    assert_eq!(g.row(inserted).and_then(|r| r.stored), Some((40, 1)));
    assert!(!g.is_dirty());
}

#[test]
fn a_deletion_undone_while_it_is_sent_becomes_an_insert() {
    let mut g = grid();
    let key = g.rows[1].key;
    g.remove_rows(&[key]);
    let batch = g.changes();
    assert_eq!(batch.changes(), [RowChange::Delete { id: 11, version: 1 }]);
    g.undo();
    g.saved(&batch, &Saved { rows: vec![None] });
    // The server has deleted it: the row is new now.
    assert!(g.is_dirty());
    assert_eq!(g.row(key).and_then(|r| r.stored), None);
    assert_eq!(g.changes().changes(), [RowChange::Insert { cells: named("乙") }]);
    // Deleted again by redo, it is only gone: nothing stored to delete.
    g.redo();
    assert!(!g.is_dirty());
    g.undo();
    assert_eq!(g.changes().changes(), [RowChange::Insert { cells: named("乙") }]);
}

#[test]
fn deletions_made_while_a_save_is_on_its_way_survive() {
    let mut g = grid();
    g.remove_rows(&[g.rows[0].key]);
    let batch = g.changes();
    g.remove_rows(&[g.rows[0].key]);
    g.saved(&batch, &Saved { rows: vec![None] });
    assert!(g.is_dirty());
    assert_eq!(g.changes().changes(), [RowChange::Delete { id: 11, version: 1 }]);
}

#[test]
fn undo_and_redo_after_an_answer_know_what_the_server_holds() {
    let mut g = grid();
    let key = g.rows[0].key;
    g.set(key, Column::SystemName, "甲一");
    let batch = g.changes();
    g.set(key, Column::SystemName, "甲二");
    g.saved(&batch, &Saved { rows: vec![Some((10, 2))] });
    g.undo();
    assert!(!g.is_dirty(), "back to what was sent, and saved");
    g.undo();
    assert_eq!(g.changes().changes(), [update(10, 2, "甲")]);
    g.redo();
    g.redo();
    assert_eq!(g.changes().changes(), [update(10, 2, "甲二")]);
}

#[test]
fn a_row_added_and_filled_then_saved_is_clean_when_undone_and_redone() {
    // Its copy in the history is the empty row added: redone, it holds the id saved and
    // knows the server has the pasted cells, so the paste redone leaves nothing to send.
    let mut g = grid();
    let new = g.insert_row(99);
    g.paste(&[3], 0, Column::AssetNumber, &named("丁").join("\t"));
    let batch = g.changes();
    g.saved(&batch, &Saved { rows: vec![Some((40, 1))] });
    g.undo();
    g.undo();
    assert_eq!(g.changes().changes(), [RowChange::Delete { id: 40, version: 1 }]);
    g.redo();
    g.redo();
    assert_eq!(g.row(new).and_then(|r| r.stored), Some((40, 1)));
    assert!(!g.is_dirty());
}
