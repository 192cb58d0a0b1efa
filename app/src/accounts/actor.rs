//! What the permission rules (`crate::permissions`) look at: the subsystems an account may be
//! granted, their functions, and a signed-in account as an `Actor`. Data only, shared by the
//! server and the browser (the viewer carries its actor); the rules are in `permissions`.

use serde::{Deserialize, Serialize};

use super::Role;

/// A subsystem an account may be granted (SPEC §4's 編報站); the code is what the database
/// stores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Subsystem {
    /// 資通系統資產清冊.
    Assets,
}

impl Subsystem {
    pub const ALL: [Subsystem; 1] = [Subsystem::Assets];

    pub fn code(self) -> &'static str {
        match self {
            Subsystem::Assets => "assets",
        }
    }
}

/// A function inside a subsystem (功能選單項目, as the insurance e-system's 授權管理者 gives its
/// 經辦人) that a grant includes or not. The code is what the grant stores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Function {
    /// 填報: fill in and save the asset inventory, import into it.
    AssetsFill,
    /// 提報: submit the asset inventory for the open period.
    AssetsSubmit,
}

impl Function {
    pub const ALL: [Function; 2] = [Function::AssetsFill, Function::AssetsSubmit];

    pub fn subsystem(self) -> Subsystem {
        match self {
            Function::AssetsFill | Function::AssetsSubmit => Subsystem::Assets,
        }
    }

    /// The code inside its subsystem's grant.
    pub fn code(self) -> &'static str {
        match self {
            Function::AssetsFill => "fill",
            Function::AssetsSubmit => "submit",
        }
    }

    pub fn label(self) -> crate::i18n::Msg {
        match self {
            Function::AssetsFill => crate::i18n::Msg::FunctionAssetsFill,
            Function::AssetsSubmit => crate::i18n::Msg::FunctionAssetsSubmit,
        }
    }

    /// The function `code` of `subsystem`, if there is one.
    pub fn of(subsystem: Subsystem, code: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.subsystem() == subsystem && f.code() == code.trim())
    }

    /// The functions a grant's stored list names (unknown codes are skipped).
    pub fn parse_list(subsystem: Subsystem, list: &str) -> Vec<Function> {
        list.split(',').filter_map(|code| Function::of(subsystem, code)).collect()
    }
}

impl Subsystem {
    /// The subsystem whose code this is.
    pub fn of(code: &str) -> Option<Subsystem> {
        Subsystem::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A signed-in account, as far as permissions go.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub role: Role,
    pub org_id: i64,
    pub grants: Vec<Subsystem>,
    /// The functions its grants include.
    pub functions: Vec<Function>,
    /// The codes of every subsystem it was granted, registered ones included (which the
    /// `Subsystem` table does not list).
    #[serde(default)]
    pub granted: Vec<String>,
}

impl Actor {
    /// An account of `role` in `org_id` holding the grants stored as (subsystem code, function
    /// list) pairs; codes the rules do not know are left out.
    pub fn new(role: Role, org_id: i64, held: &[(String, String)]) -> Actor {
        let granted: Vec<(Subsystem, &str)> =
            held.iter().filter_map(|(code, list)| Subsystem::of(code).map(|s| (s, list.as_str()))).collect();
        Actor {
            role,
            org_id,
            grants: granted.iter().map(|(s, _)| *s).collect(),
            functions: granted.iter().flat_map(|(s, list)| Function::parse_list(*s, list)).collect(),
            granted: held.iter().map(|(code, _)| code.clone()).collect(),
        }
    }
}
