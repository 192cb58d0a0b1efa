//! The grid's geometry and its scroll window: how big its rows and columns are drawn, which of
//! a sheet's rows are in the page for a scroll position, and which slot of the recycled row pool
//! shows which row. Plain arithmetic, so that it is tested natively; the grid component only
//! reads the scroll position and sets what this answers.
//!
//! Every size has its px value (for the arithmetic) and its class (for the page): the
//! Content-Security-Policy refuses inline styles, and encre-css only emits classes it finds
//! written out in the source. A test keeps each pair in step.

use super::{Column, Kind};

/// Rows are one line high, so the rows in view follow from the scroll position alone.
pub const ROW_HEIGHT: f64 = 40.0;
/// Rows drawn above and below the visible ones, so a fast scroll does not show blanks.
pub const OVERSCAN: usize = 4;
/// The box's height at most, as a share of the window's (`max-h-[70vh]`).
const BOX_SHARE: f64 = 0.7;
/// The sticky header row, which hides the rows scrolled under it.
pub const HEADER_HEIGHT: f64 = 80.0;
/// The sticky row-number column, which hides the cells scrolled under it.
pub const NUMBER_WIDTH: f64 = 56.0;

pub const ROW_CLASS: &str = "h-[40px]";
pub const HEADER_CLASS: &str = "h-[80px]";
pub const NUMBER_CLASS: &str = "w-[56px] min-w-[56px]";
/// The table's width: the number column and every column's width (checked by a test), so
/// that the fixed table layout gives each column exactly its width however narrow the window.
pub const TABLE_WIDTH_CLASS: &str = "w-[3240px]";
#[cfg(test)]
const TABLE_WIDTH: f64 = 3240.0;

/// How wide a column is drawn: enough for its longest fixed value or a typical entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    /// 是/否, 普/中/高, hours.
    Narrow,
    /// Names, OIDs, departments, and 建置方式's longest value (主管/上級機關提供).
    Wide,
    /// Free-text explanations.
    Note,
}

impl Width {
    pub fn of(column: Column) -> Width {
        match column {
            Column::BaselineNote | Column::Remarks => Width::Note,
            Column::BuildMethod => Width::Wide,
            _ => match column.kind() {
                Kind::Choice(_) | Kind::Hours => Width::Narrow,
                Kind::Text | Kind::Oid => Width::Wide,
            },
        }
    }

    pub fn px(self) -> f64 {
        match self {
            Width::Narrow => 112.0,
            Width::Wide => 176.0,
            Width::Note => 240.0,
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            Width::Narrow => "w-[112px] min-w-[112px]",
            Width::Wide => "w-[176px] min-w-[176px]",
            Width::Note => "w-[240px] min-w-[240px]",
        }
    }
}

/// A column's width in px.
pub fn width(column: Column) -> f64 {
    Width::of(column).px()
}

/// Where the column at `index` starts and ends, in px from the first column's left edge (the
/// number column not counted). Past the last column, an empty span at the table's end.
pub fn column_span(index: usize) -> (f64, f64) {
    let left: f64 = Column::ALL.iter().take(index).map(|c| width(*c)).sum();
    (left, left + Column::from_index(index).map(width).unwrap_or(0.0))
}

/// The rows in the page at once for a window at most `tallest` px tall: as many as its box
/// can show, and the overscan. A pool sized for the tallest window anyone has (it was 32 rows,
/// for 1,370 px) made a laptop build half again the cells it shows, and left a taller window's
/// last rows blank.
pub fn pool_size(tallest: f64) -> usize {
    (tallest * BOX_SHARE / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN
}

/// The first row drawn for a scroll position: the overscan above the first row in view. It
/// depends on the scroll alone (not on the sheet's length), so that the rows' slots move only
/// when the view scrolls. A negative scroll (an elastic overscroll) counts as the top.
pub fn first_row(scroll_top: f64) -> usize {
    ((scroll_top / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN)
}

/// The row after the last one drawn: the pool's worth from `first`, but not past the sheet.
/// Below `first` when the sheet shrank under a scrolled view; the spacers then still add up.
pub fn end_row(first: usize, pool: usize, count: usize) -> usize {
    (first + pool).min(count)
}

/// The heights of the spacer rows above and below the drawn ones, as tall as the rows they
/// stand for, so that the scrollbar and the wheel reach every row.
pub fn spacer_heights(first: usize, end: usize, count: usize) -> (f64, f64) {
    (first as f64 * ROW_HEIGHT, count.saturating_sub(end) as f64 * ROW_HEIGHT)
}

/// The row (in the view's order) that pool slot `slot` shows: slot `s` shows row `first + s`.
pub fn row_in_slot(first: usize, slot: usize) -> usize {
    first + slot
}

/// The pool slot that shows `row`, if the row is in the page.
pub fn slot_of(row: usize, first: usize, pool: usize) -> Option<usize> {
    row.checked_sub(first).filter(|slot| *slot < pool)
}

/// The scroll that brings the span `start..end` into a view `size` px long now scrolled to
/// `scroll`: to its start if it is before the view, so that its end is at the view's end if it
/// is after it; `None` if it is in view already. Used for rows (under the header) and columns
/// (beside the row numbers).
pub fn reveal(start: f64, end: f64, scroll: f64, size: f64) -> Option<f64> {
    if start < scroll {
        Some(start)
    } else if end > scroll + size {
        Some((end - size).ceil())
    } else {
        None
    }
}

/// The scroll top that shows row `row` in a box `client_height` px tall now scrolled to
/// `scroll_top`; `None` if it shows already.
pub fn reveal_row(row: usize, scroll_top: f64, client_height: f64) -> Option<f64> {
    let top = row as f64 * ROW_HEIGHT;
    reveal(top, top + ROW_HEIGHT, scroll_top, client_height - HEADER_HEIGHT)
}

/// The scroll left that shows the column at `index` in a box `client_width` px wide now
/// scrolled to `scroll_left`; `None` if it shows already.
pub fn reveal_column(index: usize, scroll_left: f64, client_width: f64) -> Option<f64> {
    let (left, right) = column_span(index);
    reveal(left, right, scroll_left, client_width - NUMBER_WIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::COLUMN_COUNT;

    /// The window for a scroll position, as the grid computes it.
    fn window(scroll_top: f64, pool: usize, count: usize) -> (usize, usize) {
        let first = first_row(scroll_top);
        (first, end_row(first, pool, count))
    }

    #[test]
    fn the_pool_holds_what_the_window_shows_and_the_overscan() {
        // 70% of 800 px is 560 px: 14 rows of 40, and 4 above and 4 below.
        assert_eq!(pool_size(800.0), 22);
        // The fixed pool it replaces was sized for 1,370 px.
        assert_eq!(pool_size(1_370.0), 32);
        // A window 2,160 px tall (a 4K screen at 100%): 38 rows and the overscan, where the
        // fixed pool left the box's last rows blank.
        assert_eq!(pool_size(2_160.0), 46);
        // A part of a row still needs the row.
        assert_eq!(pool_size(810.0), 23);
    }

    #[test]
    fn the_table_is_as_wide_as_its_columns() {
        let sum: f64 = NUMBER_WIDTH + Column::ALL.iter().map(|c| width(*c)).sum::<f64>();
        assert_eq!(sum, TABLE_WIDTH);
        assert_eq!(TABLE_WIDTH_CLASS, format!("w-[{TABLE_WIDTH}px]"));
        assert_eq!(NUMBER_CLASS, format!("w-[{NUMBER_WIDTH}px] min-w-[{NUMBER_WIDTH}px]"));
        assert_eq!(ROW_CLASS, format!("h-[{ROW_HEIGHT}px]"));
        assert_eq!(HEADER_CLASS, format!("h-[{HEADER_HEIGHT}px]"));
        for w in [Width::Narrow, Width::Wide, Width::Note] {
            assert_eq!(w.class(), format!("w-[{0}px] min-w-[{0}px]", w.px()));
        }
    }

    #[test]
    fn at_the_top_the_window_starts_at_the_first_row() {
        assert_eq!(window(0.0, 22, 10_000), (0, 22));
        // Within the overscan, the first row stays drawn.
        assert_eq!(window(4.0 * ROW_HEIGHT, 22, 10_000), (0, 22));
        assert_eq!(spacer_heights(0, 22, 10_000), (0.0, (10_000 - 22) as f64 * ROW_HEIGHT));
    }

    #[test]
    fn an_elastic_overscroll_above_the_top_is_the_top() {
        assert_eq!(first_row(-120.0), 0);
    }

    #[test]
    fn in_the_middle_the_overscan_is_drawn_above_the_first_row_in_view() {
        // Row 100 at the top of the view: rows 96 to 117 drawn.
        assert_eq!(window(100.0 * ROW_HEIGHT, 22, 10_000), (96, 118));
        // Part of row 100 scrolled away is still row 100.
        assert_eq!(window(100.0 * ROW_HEIGHT + 39.5, 22, 10_000), (96, 118));
        let (top, bottom) = spacer_heights(96, 118, 10_000);
        assert_eq!(top, 96.0 * ROW_HEIGHT);
        assert_eq!(bottom, (10_000 - 118) as f64 * ROW_HEIGHT);
        // The spacers and the drawn rows are as tall as every row.
        assert_eq!(top + 22.0 * ROW_HEIGHT + bottom, 10_000.0 * ROW_HEIGHT);
    }

    #[test]
    fn at_the_bottom_the_window_stops_at_the_last_row() {
        let count = 1_000;
        // Scrolled to the end of a box showing 14 rows: row 986 at the top.
        let scroll = (count - 14) as f64 * ROW_HEIGHT;
        assert_eq!(window(scroll, 22, count), (982, 1_000));
        assert_eq!(spacer_heights(982, 1_000, count), (982.0 * ROW_HEIGHT, 0.0));
    }

    #[test]
    fn a_sheet_shorter_than_the_pool_draws_its_rows_and_no_spacer() {
        assert_eq!(window(0.0, 22, 3), (0, 3));
        assert_eq!(spacer_heights(0, 3, 3), (0.0, 0.0));
        assert_eq!(window(0.0, 22, 0), (0, 0));
        assert_eq!(spacer_heights(0, 0, 0), (0.0, 0.0));
    }

    #[test]
    fn a_sheet_that_shrank_under_a_scrolled_view_keeps_the_top_spacer_until_the_scroll_follows() {
        // Scrolled to row 500, then a filter leaves 10 rows: nothing drawn, and no bottom
        // spacer; the browser clamps the scroll and the window follows.
        let (first, end) = window(500.0 * ROW_HEIGHT, 22, 10);
        assert_eq!((first, end), (496, 10));
        assert_eq!(spacer_heights(first, end, 10), (496.0 * ROW_HEIGHT, 0.0));
    }

    #[test]
    fn a_grown_pool_draws_more_rows_from_the_same_first_row() {
        // The window grew from 800 to 2,160 px tall.
        let first = first_row(100.0 * ROW_HEIGHT);
        assert_eq!(end_row(first, pool_size(800.0), 10_000), 118);
        assert_eq!(end_row(first, pool_size(2_160.0), 10_000), 142);
        // Row 130 was past the small pool and is in the grown one.
        assert_eq!(slot_of(130, first, pool_size(800.0)), None);
        assert_eq!(slot_of(130, first, pool_size(2_160.0)), Some(34));
    }

    #[test]
    fn each_slot_shows_the_row_its_place_in_the_pool_says() {
        let (first, pool) = (96, 22);
        for slot in 0..pool {
            assert_eq!(slot_of(row_in_slot(first, slot), first, pool), Some(slot));
        }
        assert_eq!(row_in_slot(first, 0), 96);
        assert_eq!(row_in_slot(first, 21), 117);
        // Rows above and below the window have no slot.
        assert_eq!(slot_of(95, first, pool), None);
        assert_eq!(slot_of(118, first, pool), None);
        assert_eq!(slot_of(0, 0, 22), Some(0));
    }

    #[test]
    fn a_row_is_revealed_under_the_header() {
        // A box 640 px tall shows 560 px of rows under the 80 px header: rows 0 to 13.
        assert_eq!(reveal_row(0, 0.0, 640.0), None);
        assert_eq!(reveal_row(13, 0.0, 640.0), None);
        // Row 14 scrolls just into view at the bottom.
        assert_eq!(reveal_row(14, 0.0, 640.0), Some(40.0));
        // A row above the view scrolls to the top.
        assert_eq!(reveal_row(5, 400.0, 640.0), Some(200.0));
        // A row far below: its bottom at the view's bottom.
        assert_eq!(reveal_row(100, 0.0, 640.0), Some(101.0 * ROW_HEIGHT - 560.0));
    }

    #[test]
    fn a_column_is_revealed_beside_the_row_numbers() {
        let first = width(Column::ALL[0]);
        assert_eq!(column_span(0), (0.0, first));
        assert_eq!(column_span(1), (first, first + width(Column::ALL[1])));
        // Past the last column: an empty span at the end of the table.
        let all: f64 = Column::ALL.iter().map(|c| width(*c)).sum();
        assert_eq!(column_span(COLUMN_COUNT), (all, all));
        // A box wide enough for the first columns leaves them where they are.
        assert_eq!(reveal_column(0, 0.0, 1_000.0), None);
        // The last column, from the left: its right edge at the box's right edge.
        assert_eq!(reveal_column(COLUMN_COUNT - 1, 0.0, 1_000.0), Some(all - (1_000.0 - NUMBER_WIDTH)));
        // Back to the first: its left edge at the start.
        assert_eq!(reveal_column(0, 500.0, 1_000.0), Some(0.0));
    }

    #[test]
    fn a_fractional_overflow_scrolls_a_whole_pixel_more() {
        assert_eq!(reveal(0.0, 100.0, 0.0, 99.5), Some(1.0));
        assert_eq!(reveal(0.0, 100.0, 0.0, 100.0), None);
    }
}
