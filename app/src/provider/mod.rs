//! Gatehouse as the subsystems' OpenID Connect provider: what both sides share. The fields a
//! subsystem may receive, how a sign-in is described to it (`amr`/`acr`), and a subsystem's
//! registration with its checks, which the admin page, the command line and the server all
//! run. The protocol itself is server-only (`flows::provider`).

mod amr;
mod fields;
mod functions;
mod registration;

pub use amr::{acr_of, amr_after_first, amr_after_second, Acr, FirstFactor, SecondFactor};
pub use fields::ProfileField;
pub use functions::{
    catalogue_text, check_catalogue, held_functions, is_function_code, parse_catalogue, FunctionEntry, MAX_FUNCTIONS,
};
pub use registration::{
    address_list, authorize_again, is_client_code, origin_of, ClientKind, IdTokenAlg, RegisteredSubsystem,
    Registration, REGISTRATION_FIELDS,
};
