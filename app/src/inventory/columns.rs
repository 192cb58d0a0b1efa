//! The 21 columns of the 資通系統資產清冊, in the official template's order, with the values
//! each fixed-value column allows.

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;

pub const COLUMN_COUNT: usize = 21;

/// One row's cells, in column order. Values are kept as the template writes them (是/否, 行政…),
/// since they are what the official spreadsheet and its readers use.
pub type Cells = [String; COLUMN_COUNT];

pub const YES: &str = "是";
pub const NO: &str = "否";
pub const HAS: &str = "有";
pub const HAS_NOT: &str = "無";
/// 建置方式 whose system comes from a superior agency: most cross-field rules turn on it.
pub const PROVIDED: &str = "主管/上級機關提供";
pub const PACKAGED: &str = "套裝軟體";
pub const LEVEL_OTHER: &str = "其他";
pub const BASELINE_MET: &str = "符合";
pub const BASELINE_PARTLY: &str = "部分符合";
pub const BASELINE_NOT: &str = "不符合";
pub const BASELINE_NA: &str = "不適用";

const YES_NO: &[&str] = &[YES, NO];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Column {
    AssetNumber,
    SystemName,
    Attribute,
    Version,
    BuildMethod,
    AuthorityOid,
    AuthorityName,
    Manager,
    Users,
    HostedOnSite,
    Core,
    Sensitive,
    ProtectionLevel,
    InIsms,
    Builder,
    Operator,
    MaxDowntimeHours,
    Baseline,
    BaselineNote,
    Remarks,
    ChinaComponents,
}

/// What a column holds, which decides its editor and how it is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Choice(&'static [&'static str]),
    Oid,
    Hours,
}

impl Column {
    pub const ALL: [Column; COLUMN_COUNT] = [
        Column::AssetNumber,
        Column::SystemName,
        Column::Attribute,
        Column::Version,
        Column::BuildMethod,
        Column::AuthorityOid,
        Column::AuthorityName,
        Column::Manager,
        Column::Users,
        Column::HostedOnSite,
        Column::Core,
        Column::Sensitive,
        Column::ProtectionLevel,
        Column::InIsms,
        Column::Builder,
        Column::Operator,
        Column::MaxDowntimeHours,
        Column::Baseline,
        Column::BaselineNote,
        Column::Remarks,
        Column::ChinaComponents,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(index: usize) -> Option<Column> {
        Column::ALL.get(index).copied()
    }

    pub fn kind(self) -> Kind {
        match self {
            Column::Attribute => Kind::Choice(&["行政", "業務"]),
            Column::Version => Kind::Choice(&["共用", "公版", "機關自用"]),
            Column::BuildMethod => Kind::Choice(&["自行委外", "租用服務", PACKAGED, "自行開發", PROVIDED, "其他"]),
            Column::HostedOnSite | Column::Core | Column::Sensitive | Column::InIsms => Kind::Choice(YES_NO),
            Column::ProtectionLevel => Kind::Choice(&["普", "中", "高", LEVEL_OTHER]),
            Column::Baseline => Kind::Choice(&[BASELINE_MET, BASELINE_PARTLY, BASELINE_NOT, BASELINE_NA]),
            Column::ChinaComponents => Kind::Choice(&[HAS, HAS_NOT]),
            Column::AuthorityOid => Kind::Oid,
            Column::MaxDowntimeHours => Kind::Hours,
            _ => Kind::Text,
        }
    }

    pub fn choices(self) -> Option<&'static [&'static str]> {
        match self.kind() {
            Kind::Choice(values) => Some(values),
            _ => None,
        }
    }

    /// Whether the column must be filled whatever the other cells say. 14–16 depend on 建置方式
    /// and 19 on 是否符合防護基準 (see `rules`).
    pub fn always_required(self) -> bool {
        !matches!(
            self,
            Column::AssetNumber
                | Column::InIsms
                | Column::Builder
                | Column::Operator
                | Column::BaselineNote
                | Column::Remarks
        )
    }

    /// The longest text accepted, in characters.
    pub fn max_chars(self) -> usize {
        match self {
            Column::BaselineNote | Column::Remarks => 1000,
            Column::AuthorityOid => crate::oid::MAX_LEN,
            Column::MaxDowntimeHours => 7,
            _ => 200,
        }
    }

    /// The header in the official template, notes included; imports match it by prefix.
    pub fn template_header(self) -> &'static str {
        match self {
            Column::AssetNumber => "資產編號",
            Column::SystemName => "系統名稱(必填)",
            Column::Attribute => "系統屬性(必填)",
            Column::Version => "系統版本(必填)",
            Column::BuildMethod => "建置方式(必填)",
            Column::AuthorityOid => "系統主管機關OID(必填)",
            Column::AuthorityName => "系統主管機關名稱(必填)",
            Column::Manager => "系統管理者(部門)(必填)",
            Column::Users => "系統使用者(部門)(必填)",
            Column::HostedOnSite => "主機設置於機關內(Y/N)(必填)",
            Column::Core => "核心系統(Y/N)(必填) 註：機關之核心系統以應用系統為主",
            Column::Sensitive => "含機敏資訊(Y/N)(必填)",
            Column::ProtectionLevel => {
                "防護需求等級(必填) 註：「其他」表示系統建置方式為「主管/上級機關提供」或「套裝軟體」"
            }
            Column::InIsms => "是否包含於ISMS導入範圍(Y/N) 註：「系統建置方式」為「主管/上級機關提供」得免填",
            Column::Builder => "建置廠商註：「系統建置方式」為「主管/上級機關提供」得免填",
            Column::Operator => "維運廠商註：「系統建置方式」為「主管/上級機關提供」得免填",
            Column::MaxDowntimeHours => "最大可容忍中斷時間(小時, 數字)(必填)",
            Column::Baseline => "是否符合防護基準(必填) 註：「不適用」表示無防護需求等級(上級或主管機關提供、套裝軟體)",
            // The official template's header has the typo 不否; kept, so that the exported file
            // is the template its readers know.
            Column::BaselineNote => "不否符合防護基準說明 註：「是否符合防護基準」為「部分符合」及「不符合」則為必填",
            Column::Remarks => "備註",
            Column::ChinaComponents => "本資產是否含有大陸元件(Y/N)(必填)",
        }
    }

    /// The texts a header of this column starts with: the spec's label first, then the
    /// spellings found in circulating copies of the template.
    pub fn header_prefixes(self) -> &'static [&'static str] {
        match self {
            Column::AssetNumber => &["資產編號"],
            Column::SystemName => &["系統名稱"],
            Column::Attribute => &["系統屬性"],
            Column::Version => &["系統版本"],
            Column::BuildMethod => &["建置方式"],
            Column::AuthorityOid => &["系統主管機關OID"],
            Column::AuthorityName => &["系統主管機關名稱"],
            Column::Manager => &["系統管理者"],
            Column::Users => &["系統使用者"],
            Column::HostedOnSite => &["主機設置於機關內"],
            Column::Core => &["核心系統"],
            Column::Sensitive => &["含機敏資訊"],
            Column::ProtectionLevel => &["防護需求等級"],
            Column::InIsms => &["是否包含於ISMS"],
            Column::Builder => &["建置廠商"],
            Column::Operator => &["維運廠商"],
            Column::MaxDowntimeHours => &["最大可容忍中斷時間", "最大可容忍中段時間"],
            Column::Baseline => &["是否符合防護基準", "是否符合防護標準"],
            Column::BaselineNote => &["不符合防護基準說明", "不否符合防護基準說明", "是否符合防護基準說明"],
            Column::Remarks => &["備註"],
            Column::ChinaComponents => &["本資產是否含有大陸元件"],
        }
    }

    /// The label on screen, in the reader's language.
    pub fn label(self) -> Msg {
        match self {
            Column::AssetNumber => Msg::InvColAssetNumber,
            Column::SystemName => Msg::InvColSystemName,
            Column::Attribute => Msg::InvColAttribute,
            Column::Version => Msg::InvColVersion,
            Column::BuildMethod => Msg::InvColBuildMethod,
            Column::AuthorityOid => Msg::InvColAuthorityOid,
            Column::AuthorityName => Msg::InvColAuthorityName,
            Column::Manager => Msg::InvColManager,
            Column::Users => Msg::InvColUsers,
            Column::HostedOnSite => Msg::InvColHostedOnSite,
            Column::Core => Msg::InvColCore,
            Column::Sensitive => Msg::InvColSensitive,
            Column::ProtectionLevel => Msg::InvColProtectionLevel,
            Column::InIsms => Msg::InvColInIsms,
            Column::Builder => Msg::InvColBuilder,
            Column::Operator => Msg::InvColOperator,
            Column::MaxDowntimeHours => Msg::InvColMaxDowntimeHours,
            Column::Baseline => Msg::InvColBaseline,
            Column::BaselineNote => Msg::InvColBaselineNote,
            Column::Remarks => Msg::InvColRemarks,
            Column::ChinaComponents => Msg::InvColChinaComponents,
        }
    }

    /// Finds the column a spreadsheet header names: any text that starts with one of the
    /// column's prefixes, ignoring white space (so notes after the label do not matter).
    pub fn from_header(header: &str) -> Option<Column> {
        let header: String = header.chars().filter(|c| !c.is_whitespace()).collect();
        // The longest prefix decides: 是否符合防護基準說明 is the note, not 是否符合防護基準.
        Column::ALL
            .into_iter()
            .flat_map(|c| c.header_prefixes().iter().map(move |p| (c, *p)))
            .filter(|(_, prefix)| header.starts_with(prefix))
            .max_by_key(|(_, prefix)| prefix.len())
            .map(|(c, _)| c)
    }
}
