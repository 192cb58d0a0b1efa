//! Writing the inventory: the official template as XLSX (same headers, a dropdown on every
//! fixed-value column, the 填表說明 sheet), or CSV with formula-like cells defused.

use app::inventory::{Cells, Column, COLUMN_COUNT};
use rust_xlsxwriter::{DataValidation, Format, FormatAlign, Workbook, XlsxError};

use crate::csv_safe::spreadsheet_csv;

pub const SHEET: &str = "資通系統資產清冊";
/// The instructions sheet of the official template (seed 001): item, note, second note.
const INSTRUCTIONS: &str = include_str!("instructions.tsv");
/// Dropdowns reach this far below the data, for rows added in Excel.
const SPARE_ROWS: u32 = 1000;

/// One sheet per organization would be unwieldy for the central authority's export of
/// everything, so that one adds the organization's OID and name in front (`prefix`).
pub struct Table<'a> {
    pub prefix_headers: &'a [&'a str],
    pub rows: Vec<(Vec<String>, &'a Cells)>,
}

pub fn xlsx(table: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top).set_background_color(0xDDEBF7);
    let text = Format::new().set_num_format("@");
    let offset = table.prefix_headers.len() as u16;
    {
        let sheet = book.add_worksheet();
        sheet.set_name(SHEET)?;
        for (i, h) in table.prefix_headers.iter().enumerate() {
            sheet.write_string_with_format(0, i as u16, *h, &header)?;
            sheet.set_column_width(i as u16, 24)?;
        }
        for column in Column::ALL {
            let c = offset + column.index() as u16;
            sheet.write_string_with_format(0, c, column.template_header(), &header)?;
            let width = match column.kind() {
                app::inventory::Kind::Choice(_) => 12,
                _ => 20,
            };
            // Text format, so that Excel keeps 0048 and long OIDs as typed.
            sheet.set_column_format(c, &text)?;
            sheet.set_column_width(c, width)?;
        }
        sheet.set_row_height(0, 60)?;
        sheet.set_freeze_panes(1, offset + 2)?;
        for (r, (prefix, cells)) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (i, value) in prefix.iter().enumerate() {
                sheet.write_string(r, i as u16, value)?;
            }
            for (i, value) in cells.iter().enumerate().take(COLUMN_COUNT) {
                if !value.is_empty() {
                    sheet.write_string(r, offset + i as u16, value)?;
                }
            }
        }
        let last = table.rows.len() as u32 + SPARE_ROWS;
        for column in Column::ALL {
            if let Some(values) = column.choices() {
                let c = offset + column.index() as u16;
                let validation = DataValidation::new().allow_list_strings(values)?;
                sheet.add_data_validation(1, c, last, c, &validation)?;
            }
        }
    }
    {
        let sheet = book.add_worksheet();
        sheet.set_name("填表說明")?;
        for (r, line) in INSTRUCTIONS.lines().enumerate() {
            for (c, cell) in line.split('\t').enumerate() {
                let format = if r == 0 { &header } else { &Format::new().set_text_wrap() };
                sheet.write_string_with_format(r as u32, c as u16, cell, format)?;
            }
        }
        sheet.set_column_width(0, 30)?;
        sheet.set_column_width(1, 50)?;
        sheet.set_column_width(2, 60)?;
    }
    book.save_to_buffer()
}

pub fn csv(table: &Table) -> Result<Vec<u8>, csv::Error> {
    let headers: Vec<&str> =
        table.prefix_headers.iter().copied().chain(Column::ALL.iter().map(|c| c.template_header())).collect();
    spreadsheet_csv(&headers, table.rows.iter().map(|(prefix, cells)| prefix.iter().chain(cells.iter())))
}
