//! Each rule in both directions, from the seed's example rows.

use super::{
    cells_from, check, check_cell,
    columns::{Cells, Column, COLUMN_COUNT},
    examples::{MAIL_SERVER as MAIL, SEED_ROWS, SYSTEM_A as A, SYSTEM_B as B, SYSTEM_C as C},
    is_blank, normalize,
};
use crate::i18n::{Locale, Msg};

fn with(row: &[&str; COLUMN_COUNT], changes: &[(Column, &str)]) -> Cells {
    let mut cells = cells_from(row);
    for (column, value) in changes {
        cells[column.index()] = value.to_string();
    }
    cells
}

/// The columns that have an error, and the message of each.
fn errors(cells: &Cells) -> Vec<(Column, Msg)> {
    check(cells).into_iter().map(|e| (e.column, e.message.msg)).collect()
}

#[test]
fn the_seed_rows_are_valid_as_given() {
    for row in SEED_ROWS {
        assert_eq!(errors(&cells_from(&row)), vec![], "{}", row[1]);
    }
}

#[test]
fn required_columns_must_be_filled() {
    for column in Column::ALL.into_iter().filter(|c| c.always_required()) {
        assert_eq!(errors(&with(&A, &[(column, "")])), vec![(column, Msg::InvRequired)], "{column:?}");
    }
    // The optional ones may be empty.
    for column in [Column::AssetNumber, Column::Remarks] {
        assert_eq!(errors(&with(&A, &[(column, "")])), vec![], "{column:?}");
    }
}

#[test]
fn fixed_value_columns_take_only_their_values() {
    for column in Column::ALL {
        if let Some(values) = column.choices() {
            let e = check_cell(&with(&B, &[(column, "其它")]), column).expect("refused");
            assert_eq!(e.msg, Msg::InvNotAChoice);
            assert!(e.render(Locale::ZhTw).contains(&format!("「{}」", values[0])), "{column:?} lists its values");
        }
    }
    // Y/N is for the import and the grid to translate; the rules see only the template's values.
    assert_eq!(errors(&with(&A, &[(Column::Core, "Y")])), vec![(Column::Core, Msg::InvNotAChoice)]);
}

#[test]
fn level_other_if_and_only_if_provided_or_packaged() {
    // 其他 for a system built another way.
    for method in ["自行委外", "租用服務", "自行開發", "其他"] {
        let row = with(&C, &[(Column::BuildMethod, method), (Column::Builder, "X公司"), (Column::Operator, "X公司")]);
        assert_eq!(errors(&row), vec![(Column::ProtectionLevel, Msg::InvLevelOtherOnly)], "{method}");
    }
    // A level for a provided or packaged system.
    for method in ["主管/上級機關提供", "套裝軟體"] {
        let row = with(&A, &[(Column::BuildMethod, method)]);
        let e = check_cell(&row, Column::ProtectionLevel).expect("refused");
        assert_eq!(e.msg, Msg::InvLevelMustBeOther);
        assert!(e.render(Locale::ZhTw).contains(method));
    }
}

#[test]
fn baseline_not_applicable_if_and_only_if_level_other() {
    assert_eq!(errors(&with(&B, &[(Column::Baseline, "不適用")])), vec![(Column::Baseline, Msg::InvBaselineNaOnly)]);
    for baseline in ["符合", "部分符合", "不符合"] {
        let row = with(&MAIL, &[(Column::Baseline, baseline), (Column::BaselineNote, "說明")]);
        assert_eq!(errors(&row), vec![(Column::Baseline, Msg::InvBaselineMustBeNa)], "{baseline}");
    }
}

#[test]
fn isms_and_vendors_may_be_empty_only_when_provided() {
    for column in [Column::InIsms, Column::Builder, Column::Operator] {
        assert_eq!(errors(&with(&A, &[(column, "")])), vec![(column, Msg::InvRequiredUnlessProvided)], "{column:?}");
        assert_eq!(errors(&with(&MAIL, &[(column, "")])), vec![(column, Msg::InvRequiredUnlessProvided)]);
        // 系統C is provided by its superior agency: empty is fine, and so is a value.
        assert_eq!(errors(&with(&C, &[(column, "")])), vec![]);
    }
    assert_eq!(errors(&with(&C, &[(Column::InIsms, "是"), (Column::Builder, "Z公司")])), vec![]);
}

#[test]
fn an_explanation_when_partly_or_not_met() {
    assert_eq!(
        errors(&with(&A, &[(Column::BaselineNote, "")])),
        vec![(Column::BaselineNote, Msg::InvExplanationRequired)]
    );
    let row = with(&A, &[(Column::Baseline, "不符合"), (Column::BaselineNote, "")]);
    let e = check_cell(&row, Column::BaselineNote).expect("refused");
    assert!(e.render(Locale::ZhTw).contains("不符合"));
    assert_eq!(errors(&with(&A, &[(Column::Baseline, "不符合")])), vec![]);
    // Met, or not applicable: no explanation needed (one may still be given).
    assert_eq!(errors(&with(&B, &[(Column::BaselineNote, "")])), vec![]);
    assert_eq!(errors(&with(&B, &[(Column::BaselineNote, "已完成")])), vec![]);
}

#[test]
fn hours_are_whole_numbers_without_separators() {
    for good in ["0", "24", "8760", "0048"] {
        assert_eq!(errors(&with(&A, &[(Column::MaxDowntimeHours, good)])), vec![], "{good}");
    }
    for bad in ["24.5", "1,000", "24小時", "-1", "2 4", "１２"] {
        assert_eq!(
            errors(&with(&A, &[(Column::MaxDowntimeHours, bad)])),
            vec![(Column::MaxDowntimeHours, Msg::InvHours)],
            "{bad}"
        );
    }
    assert_eq!(
        errors(&with(&A, &[(Column::MaxDowntimeHours, "12345678")])),
        vec![(Column::MaxDowntimeHours, Msg::InvTooLong)]
    );
    // What a phone keyboard types in full width is read once normalized.
    assert_eq!(errors(&with(&A, &[(Column::MaxDowntimeHours, &normalize(Column::MaxDowntimeHours, "１２"))])), vec![]);
}

#[test]
fn the_authority_oid_must_be_an_oid() {
    for bad in ["2..16", "abc", "2.16.886.", "2.16.0886"] {
        let errs = errors(&with(&A, &[(Column::AuthorityOid, bad)]));
        assert_eq!(errs.len(), 1, "{bad}");
        assert_eq!(errs[0].0, Column::AuthorityOid);
    }
    assert_eq!(errors(&with(&A, &[(Column::AuthorityOid, "2.16.886.101.20003.20005")])), vec![]);
}

#[test]
fn long_texts_are_refused() {
    let long = "字".repeat(201);
    assert_eq!(errors(&with(&A, &[(Column::SystemName, &long)])), vec![(Column::SystemName, Msg::InvTooLong)]);
    assert_eq!(errors(&with(&A, &[(Column::Remarks, &long)])), vec![]);
    // The limit is in characters: 200 of them are 600 bytes, and right.
    assert_eq!(errors(&with(&A, &[(Column::SystemName, &"字".repeat(200))])), vec![]);
    assert_eq!(errors(&with(&A, &[(Column::SystemName, &"a".repeat(200))])), vec![]);
    assert_eq!(
        errors(&with(&A, &[(Column::SystemName, &"a".repeat(201))])),
        vec![(Column::SystemName, Msg::InvTooLong)]
    );
}

#[test]
fn one_mistake_gives_one_message() {
    // A wrong 建置方式 does not also make 防護需求等級 wrong, nor a wrong level the baseline.
    assert_eq!(errors(&with(&MAIL, &[(Column::BuildMethod, "外包")])), vec![(Column::BuildMethod, Msg::InvNotAChoice)]);
    assert_eq!(
        errors(&with(&MAIL, &[(Column::ProtectionLevel, "")])),
        vec![(Column::ProtectionLevel, Msg::InvRequired)]
    );
}

#[test]
fn blank_rows_are_recognised() {
    assert!(is_blank(&cells_from::<&str>(&[])));
    assert!(is_blank(&cells_from(&[" ", ""])));
    assert!(!is_blank(&cells_from(&["", "系統"])));
}

#[test]
fn headers_match_by_prefix() {
    for column in Column::ALL {
        assert_eq!(Column::from_header(column.template_header()), Some(column), "{column:?}");
        for prefix in column.header_prefixes() {
            assert_eq!(Column::from_header(prefix), Some(column), "{prefix}");
        }
    }
    // Spellings from copies of the template in circulation.
    assert_eq!(Column::from_header("系統名稱"), Some(Column::SystemName));
    assert_eq!(Column::from_header("最大可容忍中段時間(小時，數字)(必填)"), Some(Column::MaxDowntimeHours));
    assert_eq!(Column::from_header("是否符合防護標準(必填)"), Some(Column::Baseline));
    assert_eq!(Column::from_header("不否符合防護基準說明(必填)"), Some(Column::BaselineNote));
    assert_eq!(Column::from_header(" 系統主管機關名稱 (必填)"), Some(Column::AuthorityName));
    assert_eq!(Column::from_header("系統負責人"), None);
    assert_eq!(Column::from_header(""), None);
}
