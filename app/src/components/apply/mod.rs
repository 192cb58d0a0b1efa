//! The account application's steps (SPEC §2), one form each, and the list of steps.

mod account_step;
mod contact_step;
mod registered_fields;
mod scan_upload;
mod status_step;
mod step_list;
mod subsystems_step;
mod verify_step;

pub use account_step::AccountStep;
pub use contact_step::ContactStep;
pub use registered_fields::RegisteredFields;
pub use scan_upload::ScanUpload;
pub use status_step::StatusStep;
pub use step_list::StepList;
pub use subsystems_step::SubsystemsStep;
pub use verify_step::VerifyStep;
