//! The example rows of the official template (seed 001), valid as given. Tests, benchmarks
//! and the documentation use them; nothing at run time does.

use super::columns::COLUMN_COUNT;

/// 系統A: 行政/共用/自行委外, level 中, 部分符合 with its explanation.
pub const SYSTEM_A: [&str; COLUMN_COUNT] = [
    "編號A",
    "系統A",
    "行政",
    "共用",
    "自行委外",
    "2.16.886.101.20002",
    "OO局",
    "某某處",
    "某某處",
    "是",
    "否",
    "是",
    "中",
    "是",
    "X公司",
    "X公司",
    "24",
    "部分符合",
    "營運持續計畫-系統備份",
    "109年10月正式上",
    "無",
];

/// 系統B: 業務/機關自用/自行委外, level 普, 符合.
pub const SYSTEM_B: [&str; COLUMN_COUNT] = [
    "編號B",
    "系統B",
    "業務",
    "機關自用",
    "自行委外",
    "2.16.886.101.20002",
    "OO局",
    "某某處",
    "某某處",
    "是",
    "是",
    "否",
    "普",
    "是",
    "Y公司",
    "Y公司",
    "24",
    "符合",
    "",
    "",
    "無",
];

/// 系統C: provided by a superior agency (主管/上級機關提供), level 其他, 不適用, no ISMS or vendors.
pub const SYSTEM_C: [&str; COLUMN_COUNT] = [
    "",
    "系統C",
    "業務",
    "公版",
    "主管/上級機關提供",
    "2.16.886.101.20002",
    "總統府",
    "某某處",
    "某某處",
    "否",
    "否",
    "否",
    "其他",
    "否",
    "",
    "",
    "48",
    "不適用",
    "",
    "",
    "無",
];

/// 郵件伺服器: packaged software (套裝軟體), level 其他, 不適用.
pub const MAIL_SERVER: [&str; COLUMN_COUNT] = [
    "編號C",
    "郵件伺服器",
    "行政",
    "機關自用",
    "套裝軟體",
    "2.16.886.101.20002",
    "OO局",
    "某某處",
    "某某處",
    "是",
    "否",
    "是",
    "其他",
    "是",
    "M公司",
    "M公司",
    "12",
    "不適用",
    "",
    "",
    "無",
];

/// Active Directory: packaged software, level 其他, 不適用.
pub const ACTIVE_DIRECTORY: [&str; COLUMN_COUNT] = [
    "編號D",
    "Active Directory",
    "行政",
    "機關自用",
    "套裝軟體",
    "2.16.886.101.20002",
    "OO局",
    "某某處",
    "某某處",
    "是",
    "否",
    "是",
    "其他",
    "是",
    "M公司",
    "M公司",
    "24",
    "不適用",
    "",
    "",
    "無",
];

/// All five, in the seed's order.
pub const SEED_ROWS: [[&str; COLUMN_COUNT]; 5] = [SYSTEM_A, SYSTEM_B, SYSTEM_C, MAIL_SERVER, ACTIVE_DIRECTORY];
