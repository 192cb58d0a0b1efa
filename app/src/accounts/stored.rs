//! Values kept in the database as text: each is an enum that writes its text with `as_str`
//! and reads it back strictly with `TryFrom<String>` (what diesel's `deserialize_as` calls).
//! An unknown text is an error, never a default: a row edited by hand into a role that does
//! not exist must not become some role that does. The database has a CHECK on each column.

/// A text in the database that names no value of its kind.
#[derive(Debug, thiserror::Error)]
#[error("unknown {kind} {value:?} in the database")]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
}

/// `as_str`, `parse`, `ALL` and `TryFrom<String>` for an enum of unit variants, from the one
/// list of its texts.
macro_rules! stored_as_text {
    ($ty:ident, $kind:literal, { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $text),+
                }
            }

            /// The value `text` names, if any (for input: a command-line flag, a form).
            pub fn parse(text: &str) -> Option<$ty> {
                match text {
                    $($text => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }

        impl TryFrom<String> for $ty {
            type Error = $crate::accounts::UnknownValue;

            fn try_from(text: String) -> Result<$ty, Self::Error> {
                $ty::parse(&text).ok_or($crate::accounts::UnknownValue { kind: $kind, value: text })
            }
        }
    };
}
pub(crate) use stored_as_text;

#[cfg(test)]
mod tests {
    use crate::accounts::{
        AccountStatus, ApplicationKind, ApplicationStatus, AuditEvent, AuditMethod, AuditOutcome, FactorKind,
        GrantChange, Role, SessionStage,
    };

    #[test]
    fn every_value_reads_back_and_nothing_else_does() {
        fn round_trip<T: Copy + PartialEq + std::fmt::Debug + TryFrom<String>>(all: &[T], text: fn(T) -> &'static str) {
            for value in all {
                assert_eq!(T::try_from(text(*value).to_string()).ok(), Some(*value));
            }
            assert!(T::try_from("no-such-value".to_string()).is_err());
            assert!(T::try_from(String::new()).is_err());
        }
        round_trip(Role::ALL, Role::as_str);
        round_trip(AccountStatus::ALL, AccountStatus::as_str);
        round_trip(FactorKind::ALL, FactorKind::as_str);
        round_trip(SessionStage::ALL, SessionStage::as_str);
        round_trip(AuditEvent::ALL, AuditEvent::as_str);
        round_trip(AuditOutcome::ALL, AuditOutcome::as_str);
        round_trip(AuditMethod::ALL, AuditMethod::as_str);
        round_trip(ApplicationKind::ALL, ApplicationKind::as_str);
        round_trip(ApplicationStatus::ALL, ApplicationStatus::as_str);
        round_trip(GrantChange::ALL, GrantChange::as_str);
        // Case matters: the database holds exactly these texts.
        assert!(Role::try_from("Central".to_string()).is_err());
    }
}
