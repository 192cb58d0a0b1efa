//! The 機關管理者帳號申請(異動)單 filled in from an application, as XLSX: the old form's title,
//! its columns (序號, 申請項目, 機關OID, 機關名稱, 單位, 姓名, 職稱, 帳號, 公務信箱, 公務電話), the
//! applicant's line, and the places to sign and stamp.

use app::flows::applications::form::FormRow;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

const TITLE: &str = "機關管理者帳號申請(異動)單";
const HEADERS: [&str; 10] = [
    "序號",
    "申請項目\n(1 新增 / 0 刪除)",
    "機關OID",
    "機關名稱",
    "單位",
    "姓名",
    "職稱",
    "帳號",
    "公務信箱",
    "公務電話",
];
const WIDTHS: [f64; 10] = [6.0, 12.0, 24.0, 24.0, 14.0, 12.0, 12.0, 16.0, 28.0, 18.0];

pub fn xlsx(row: &FormRow, date: &str) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("申請單")?;
    let title = Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(0xDDEBF7);
    let cell = Format::new().set_text_wrap().set_border(FormatBorder::Thin).set_num_format("@");
    sheet.merge_range(0, 0, 0, 9, TITLE, &title)?;
    sheet.write_string(1, 0, format!("填表日期：{date}"))?;
    for (c, (h, w)) in HEADERS.iter().zip(WIDTHS).enumerate() {
        sheet.write_string_with_format(3, c as u16, *h, &header)?;
        sheet.set_column_width(c as u16, w)?;
    }
    sheet.set_row_height(3, 36)?;
    let values =
        ["1", "1", &row.oid, &row.org_name, &row.unit, &row.name, &row.title, &row.username, &row.email, &row.phone];
    for (c, v) in values.iter().enumerate() {
        sheet.write_string_with_format(4, c as u16, *v, &cell)?;
    }
    sheet.write_string(7, 0, "申請人簽章：")?;
    sheet.write_string(7, 5, "機關首長（或授權人）核章：")?;
    sheet.write_string(11, 0, "用印後掃描，上傳至 Gatehouse 的這份申請。")?;
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 1);
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_holds_the_applicants_line_under_the_old_headers() {
        let row = FormRow {
            oid: "2.16.886.101.20003.20005".into(),
            org_name: "教育部".into(),
            unit: "資訊處".into(),
            name: "王小明".into(),
            title: "科員".into(),
            username: "wangxm01".into(),
            email: "wang@mail.moe.gov.tw".into(),
            phone: "02-2345-6789 #123".into(),
        };
        let bytes = xlsx(&row, "2026-11-30").expect("xlsx");
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("open");
        let range = calamine::Reader::worksheet_range(&mut book, "申請單").expect("sheet");
        let text = |r: u32, c: u32| range.get_value((r, c)).map(|v| v.to_string()).unwrap_or_default();
        assert_eq!(text(0, 0), TITLE);
        let headers: Vec<String> = (0..10).map(|c| text(3, c)).collect();
        assert_eq!(headers[0], "序號");
        assert!(headers[1].starts_with("申請項目"));
        assert_eq!(&headers[2..], ["機關OID", "機關名稱", "單位", "姓名", "職稱", "帳號", "公務信箱", "公務電話"]);
        let line: Vec<String> = (0..10).map(|c| text(4, c)).collect();
        assert_eq!(
            line,
            [
                "1",
                "1",
                "2.16.886.101.20003.20005",
                "教育部",
                "資訊處",
                "王小明",
                "科員",
                "wangxm01",
                "wang@mail.moe.gov.tw",
                "02-2345-6789 #123"
            ]
        );
    }
}
