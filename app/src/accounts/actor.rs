//! What the permission rules (`crate::permissions`) look at: the subsystems an account may be
//! granted, their functions, and a signed-in account as an `Actor`. Data only, shared by the
//! server and the browser (the viewer carries its actor); the rules are in `permissions`.

use serde::{Deserialize, Serialize};

use super::Role;
use crate::provider::{is_client_code, is_function_code};

/// A short code kept inline (at most 32 ASCII bytes), so that the actions naming a subsystem
/// or a function stay `Copy` while the codes themselves are data.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Code {
    len: u8,
    bytes: [u8; 32],
}

impl Code {
    /// `text`, which must be at most 32 ASCII bytes (a constant's code).
    const fn literal(text: &str) -> Code {
        let source = text.as_bytes();
        let mut bytes = [0u8; 32];
        let mut i = 0;
        while i < source.len() {
            bytes[i] = source[i];
            i += 1;
        }
        Code { len: source.len() as u8, bytes }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or_default()
    }
}

/// 填報's code in the asset inventory's grants.
const ASSETS_FILL_CODE: &str = "fill";

/// A subsystem an account may be granted (SPEC §4's 編報站), by its code: the built-in asset
/// inventory or any registered one (its OpenID Connect `client_id`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Subsystem(Code);

impl Subsystem {
    /// 資通系統資產清冊, built in: Gatehouse itself enforces its functions.
    pub const ASSETS: Subsystem = Subsystem(Code::literal("assets"));

    /// The subsystem whose code this is, if it is a code at all (whether one is registered is
    /// the database's to say).
    pub fn of(code: &str) -> Option<Subsystem> {
        is_client_code(code).then(|| Subsystem(Code::literal(code)))
    }

    /// The built-in subsystem `code`: the one whose consent and rules live in Gatehouse.
    pub fn builtin(code: &str) -> Option<Subsystem> {
        Subsystem::of(code).filter(|s| *s == Subsystem::ASSETS)
    }

    pub fn code(&self) -> &str {
        self.0.as_str()
    }

    /// The functions a new grant includes, as stored: 填報 in the asset inventory (someone
    /// granted it fills it in; 提報 is given on purpose), none in a registered subsystem (the
    /// main account ticks what it gives).
    pub fn new_grant_functions(&self) -> &'static str {
        if *self == Subsystem::ASSETS {
            ASSETS_FILL_CODE
        } else {
            ""
        }
    }
}

/// A function inside a subsystem (功能選單項目, as the insurance e-system's 授權管理者 gives
/// its 經辦人) that a grant includes or not. Each subsystem's catalogue lists its functions
/// (`provider::parse_catalogue`); the code is what the grant stores.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Function {
    subsystem: Subsystem,
    code: Code,
}

impl Function {
    /// 填報: fill in and save the asset inventory, import into it.
    pub const ASSETS_FILL: Function = Function { subsystem: Subsystem::ASSETS, code: Code::literal(ASSETS_FILL_CODE) };
    /// 提報: submit the asset inventory for the open period.
    pub const ASSETS_SUBMIT: Function = Function { subsystem: Subsystem::ASSETS, code: Code::literal("submit") };

    /// The function `code` of `subsystem`, if it is a code at all.
    pub fn of(subsystem: Subsystem, code: &str) -> Option<Function> {
        let code = code.trim();
        is_function_code(code).then(|| Function { subsystem, code: Code::literal(code) })
    }

    pub fn subsystem(&self) -> Subsystem {
        self.subsystem
    }

    /// The code inside its subsystem's grant.
    pub fn code(&self) -> &str {
        self.code.as_str()
    }

    /// The functions a grant's stored list names.
    pub fn parse_list(subsystem: Subsystem, list: &str) -> Vec<Function> {
        list.split(',').filter_map(|code| Function::of(subsystem, code)).collect()
    }
}

impl std::fmt::Debug for Subsystem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Subsystem({})", self.code())
    }
}

impl std::fmt::Debug for Function {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Function({}:{})", self.subsystem.code(), self.code())
    }
}

impl Serialize for Subsystem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Subsystem {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Subsystem::of(&code).ok_or_else(|| serde::de::Error::custom("not a subsystem code"))
    }
}

/// As `subsystem:function` (`assets:fill`).
impl Serialize for Function {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!("{}:{}", self.subsystem.code(), self.code()))
    }
}

impl<'de> Deserialize<'de> for Function {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.split_once(':')
            .and_then(|(s, f)| Function::of(Subsystem::of(s)?, f))
            .ok_or_else(|| serde::de::Error::custom("not a function"))
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
}

impl Actor {
    /// An account of `role` in `org_id` holding the grants stored as (subsystem code, function
    /// list) pairs.
    pub fn new(role: Role, org_id: i64, held: &[(String, String)]) -> Actor {
        let granted: Vec<(Subsystem, &str)> =
            held.iter().filter_map(|(code, list)| Subsystem::of(code).map(|s| (s, list.as_str()))).collect();
        Actor {
            role,
            org_id,
            grants: granted.iter().map(|(s, _)| *s).collect(),
            functions: granted.iter().flat_map(|(s, list)| Function::parse_list(*s, list)).collect(),
        }
    }
}
