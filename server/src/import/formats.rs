//! The file formats, told apart by their header rows, with columns found by name.

/// Which official file this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The national OID list `GDS.csv`: 機關名稱,OID,電話,地址,DN and, in newer files, OrgCode.
    Gds,
    /// A Ministry of Education school list: 代碼,學校名稱,公/私立,縣市名稱,地址,電話,網址 and
    /// more columns in other orders in other lists.
    MoeSchools,
    /// Rename records: old_name,new_name,old_oid,new_oid,change_date,ref.
    Renames,
    /// The organizations' registered contacts (既有聯絡人): 機關代號 (an OID or a school code),
    /// 姓名, 電子郵件, 手機, and optionally 職稱 and 單位.
    Contacts,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Gds => "GDS OID list",
            Format::MoeSchools => "MOE school list",
            Format::Renames => "rename records",
            Format::Contacts => "registered contacts",
        }
    }
}

/// A column we read, with every header name that means it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Col {
    Name,
    Oid,
    Phone,
    Address,
    Dn,
    OrgCode,
    SchoolCode,
    SchoolName,
    County,
    Website,
    OldName,
    NewName,
    OldOid,
    NewOid,
    ChangeDate,
    Reference,
    OrgRef,
    PersonName,
    Email,
    Mobile,
    JobTitle,
    Unit,
}

impl Col {
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Col::Name => &["機關名稱"],
            Col::Oid => &["oid"],
            Col::Phone => &["電話", "學校電話", "聯絡電話"],
            Col::Address => &["地址", "學校地址", "住址"],
            Col::Dn => &["dn"],
            Col::OrgCode => &["orgcode", "機關代碼"],
            Col::SchoolCode => &["代碼", "學校代碼", "學校代號"],
            Col::SchoolName => &["學校名稱", "校名"],
            Col::County => &["縣市名稱", "縣市", "縣市別"],
            Col::Website => &["網址", "學校網址"],
            Col::OldName => &["old_name"],
            Col::NewName => &["new_name"],
            Col::OldOid => &["old_oid"],
            Col::NewOid => &["new_oid"],
            Col::ChangeDate => &["change_date"],
            Col::Reference => &["ref", "reference"],
            Col::OrgRef => &["機關代號", "機關oid", "org"],
            Col::PersonName => &["姓名", "聯絡人姓名", "name"],
            Col::Email => &["電子郵件", "電子郵件信箱", "公務信箱", "email"],
            Col::Mobile => &["手機", "手機號碼", "mobile"],
            Col::JobTitle => &["職稱", "title"],
            Col::Unit => &["單位", "部門名稱", "unit"],
        }
    }
}

/// Where each known column sits in a header row.
#[derive(Clone, Debug)]
pub struct Columns {
    positions: Vec<(Col, usize)>,
    pub width: usize,
}

impl Columns {
    pub fn from_header(header: &[String]) -> Columns {
        let normalized: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
        let all = [
            Col::Name,
            Col::Oid,
            Col::Phone,
            Col::Address,
            Col::Dn,
            Col::OrgCode,
            Col::SchoolCode,
            Col::SchoolName,
            Col::County,
            Col::Website,
            Col::OldName,
            Col::NewName,
            Col::OldOid,
            Col::NewOid,
            Col::ChangeDate,
            Col::Reference,
            Col::OrgRef,
            Col::PersonName,
            Col::Email,
            Col::Mobile,
            Col::JobTitle,
            Col::Unit,
        ];
        let positions = all
            .into_iter()
            .filter_map(|col| normalized.iter().position(|h| col.aliases().contains(&h.as_str())).map(|i| (col, i)))
            .collect();
        Columns { positions, width: header.len() }
    }

    pub fn has(&self, col: Col) -> bool {
        self.positions.iter().any(|(c, _)| *c == col)
    }

    /// The trimmed, non-empty value of `col` in `record`.
    pub fn get<'r>(&self, record: &'r csv::StringRecord, col: Col) -> Option<&'r str> {
        let i = self.positions.iter().find(|(c, _)| *c == col)?.1;
        record.get(i).map(str::trim).filter(|v| !v.is_empty())
    }

    /// The format these columns make, if any.
    pub fn format(&self) -> Option<Format> {
        if self.has(Col::OrgRef) && self.has(Col::PersonName) && self.has(Col::Email) && self.has(Col::Mobile) {
            Some(Format::Contacts)
        } else if self.has(Col::OldOid) && self.has(Col::NewOid) && self.has(Col::OldName) && self.has(Col::NewName) {
            Some(Format::Renames)
        } else if self.has(Col::Oid) && self.has(Col::Name) {
            Some(Format::Gds)
        } else if self.has(Col::SchoolCode) && self.has(Col::SchoolName) {
            Some(Format::MoeSchools)
        } else {
            None
        }
    }
}
