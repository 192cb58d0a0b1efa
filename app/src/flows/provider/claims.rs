//! What a subsystem is told about its user: only the fields it is registered for and the
//! user agreed to (the grant's `fields`), built from the account and the directory.
//!
//! The ID token carries who signed in and how (`sub`, `sid`, `auth_time`, `amr`, `acr`,
//! `nonce`) and, when given, `preferred_username` and `name`; the rest (email, phone, the
//! organization, unit, title, the main-account flag and this subsystem's functions) is at
//! userinfo only, so that an ID token passed around stays small and says little.

use diesel::prelude::*;
use serde_json::{json, Map, Value};

use crate::{
    accounts::Role,
    db::{
        clients::ClientRow,
        portal,
        schema::{organizations as o, users as u},
        users::{self, User},
        AnyConnection,
    },
    error::AppError,
    provider::{held_functions, parse_catalogue, ProfileField},
};

/// The stable subject identifier of `user`: the account's id, which never changes or returns.
pub fn sub_of(user: &User) -> String {
    user.id.to_string()
}

/// An account as a subsystem may learn of it.
pub struct Subject {
    pub user: User,
    org: (Option<String>, String, Option<String>, Option<String>),
    /// The office phone and its extension (公務電話).
    phone: (Option<String>, Option<String>),
    functions: Vec<String>,
}

impl Subject {
    /// The account `user_id` and the functions of `client`'s catalogue it holds there.
    pub fn load(conn: &mut AnyConnection, user_id: i64, client: &ClientRow) -> Result<Subject, AppError> {
        let user = users::find(conn, user_id)?;
        let org = o::table.find(user.org_id).select((o::oid, o::name, o::school_code, o::county)).first(conn)?;
        let phone = u::table.find(user_id).select((u::office_phone, u::office_ext)).first(conn)?;
        let catalogue = parse_catalogue(&client.functions);
        let functions = portal::grants_with_functions(conn, user_id)?
            .into_iter()
            .find(|(held, _)| *held == client.code)
            .map(|(_, list)| held_functions(&catalogue, &list).into_iter().map(str::to_string).collect())
            .unwrap_or_default();
        Ok(Subject { user, org, phone, functions })
    }

    pub fn sub(&self) -> String {
        sub_of(&self.user)
    }

    /// Every claim of `fields`, as userinfo answers (with `sub`).
    pub fn userinfo(&self, fields: &[ProfileField]) -> Map<String, Value> {
        let u = &self.user;
        let mut claims = Map::new();
        claims.insert("sub".into(), json!(self.sub()));
        for field in fields {
            match field {
                ProfileField::Username => {
                    claims.insert("preferred_username".into(), json!(u.username));
                }
                ProfileField::Name => {
                    claims.insert("name".into(), json!(u.display_name));
                }
                ProfileField::Email => {
                    claims.insert("email".into(), json!(u.email));
                    // Every account proved its address: its set-password link or its
                    // application's code came by mail.
                    claims.insert("email_verified".into(), json!(true));
                }
                ProfileField::Phone => {
                    if let (Some(phone), ext) = &self.phone {
                        let number = match ext.as_deref().filter(|e| !e.is_empty()) {
                            Some(ext) => format!("{phone};ext={ext}"),
                            None => phone.clone(),
                        };
                        claims.insert("phone_number".into(), json!(number));
                    }
                }
                ProfileField::Organization => {
                    let (oid, name, school_code, county) = &self.org;
                    claims.insert(
                        "organization".into(),
                        json!({ "oid": oid, "name": name, "school_code": school_code, "county": county }),
                    );
                }
                ProfileField::Unit => {
                    claims.insert("unit".into(), json!(u.unit.clone().unwrap_or_default()));
                }
                ProfileField::Title => {
                    claims.insert("title".into(), json!(u.title.clone().unwrap_or_default()));
                }
                ProfileField::MainAccount => {
                    claims.insert("main_account".into(), json!(u.role == Role::OrgAdmin));
                }
                ProfileField::Functions => {
                    claims.insert("functions".into(), json!(self.functions));
                }
            }
        }
        claims
    }
}
