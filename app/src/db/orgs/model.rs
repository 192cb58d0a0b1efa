//! Rows of `organizations`, and the imported fields that an upsert compares.

use diesel::prelude::*;

use crate::{
    db::schema::organizations,
    directory::{search_text, OrgKind, OrgRef, OrgSummary},
};

#[derive(Queryable, Selectable, Clone, Debug, PartialEq, Eq)]
#[diesel(table_name = organizations)]
pub struct Org {
    pub id: i64,
    pub oid: Option<String>,
    pub name: String,
    pub search_name: String,
    pub parent_oid: Option<String>,
    pub kind: String,
    pub school_code: Option<String>,
    pub agency_code: Option<String>,
    pub county: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub dn: Option<String>,
    pub website: Option<String>,
    pub successor_oid: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The fields that come from an import file or the demo set. `parent_oid`, `search_name`
/// and the timestamps are derived; `successor_oid` comes only from rename records.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrgFields {
    pub oid: Option<String>,
    pub name: String,
    pub kind: Option<OrgKind>,
    pub school_code: Option<String>,
    pub agency_code: Option<String>,
    pub county: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub dn: Option<String>,
    pub website: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = organizations)]
pub(super) struct NewOrg<'a> {
    pub oid: Option<&'a str>,
    pub name: &'a str,
    pub search_name: String,
    pub kind: &'a str,
    pub school_code: Option<&'a str>,
    pub agency_code: Option<&'a str>,
    pub county: Option<&'a str>,
    pub address: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub dn: Option<&'a str>,
    pub website: Option<&'a str>,
    pub successor_oid: Option<&'a str>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl<'a> NewOrg<'a> {
    pub fn from_fields(f: &'a OrgFields, successor_oid: Option<&'a str>, now: i64) -> Self {
        NewOrg {
            oid: f.oid.as_deref(),
            name: &f.name,
            search_name: search_text(&f.name, f.county.as_deref()),
            kind: f.kind.unwrap_or(OrgKind::Agency).as_str(),
            school_code: f.school_code.as_deref(),
            agency_code: f.agency_code.as_deref(),
            county: f.county.as_deref(),
            address: f.address.as_deref(),
            phone: f.phone.as_deref(),
            dn: f.dn.as_deref(),
            website: f.website.as_deref(),
            successor_oid,
            created_at: now,
            updated_at: now,
        }
    }
}

impl Org {
    /// The URL key: the OID, or the school code for a school without one.
    pub fn key(&self) -> String {
        self.oid.clone().or_else(|| self.school_code.clone()).unwrap_or_else(|| self.id.to_string())
    }

    pub fn kind(&self) -> OrgKind {
        OrgKind::from_stored(&self.kind)
    }

    pub fn to_ref(&self) -> OrgRef {
        OrgRef { key: self.key(), name: self.name.clone() }
    }

    /// The summary without parents or successor; the queries fill those in.
    pub fn summary(&self) -> OrgSummary {
        OrgSummary {
            key: self.key(),
            oid: self.oid.clone(),
            name: self.name.clone(),
            kind: self.kind(),
            school_code: self.school_code.clone(),
            county: self.county.clone(),
            parent_oid: self.parent_oid.clone(),
            parents: Vec::new(),
            successor: None,
        }
    }

    /// The imported fields as they stand, to compare with a new import of the same row.
    pub fn fields(&self) -> OrgFields {
        OrgFields {
            oid: self.oid.clone(),
            name: self.name.clone(),
            kind: Some(self.kind()),
            school_code: self.school_code.clone(),
            agency_code: self.agency_code.clone(),
            county: self.county.clone(),
            address: self.address.clone(),
            phone: self.phone.clone(),
            dn: self.dn.clone(),
            website: self.website.clone(),
        }
    }
}

/// Orders OIDs arc by arc as numbers, so `…20003.9` comes before `…20003.10`.
pub fn oid_sort_key(oid: &str) -> Vec<u128> {
    oid.split('.').map(|a| a.parse().unwrap_or(u128::MAX)).collect()
}
