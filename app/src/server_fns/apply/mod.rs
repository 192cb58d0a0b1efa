//! The account application (申請帳號, SPEC §2), step by step. Guests call these; the
//! application in progress is the one the browser's cookie names.

mod choose_subsystems;
mod get_application;
mod official_email_domains;
mod registered_contacts;
mod resend_application_code;
mod start_application;
mod submit_application;
mod verify_application;

pub use choose_subsystems::{choose_subsystems, ChooseSubsystems};
pub use get_application::{get_application, GetApplication};
pub use official_email_domains::{official_email_domains, OfficialEmailDomains};
pub use registered_contacts::{registered_contacts, RegisteredContacts};
pub use resend_application_code::{resend_application_code, ResendApplicationCode};
pub use start_application::{start_application, StartApplication};
pub use submit_application::{submit_application, SubmitApplication};
pub use verify_application::{verify_application, VerifyApplication};
