//! The account application's steps (SPEC §2), one form each, and the list of steps.

mod account_step;
mod channel_choice;
mod contact_select;
mod contact_step;
mod scan_upload;
mod status_step;
mod step_list;
mod subsystems_step;
mod verify_step;

pub use account_step::AccountStep;
pub use channel_choice::ChannelChoice;
pub use contact_select::ContactSelect;
pub use contact_step::ContactStep;
pub use scan_upload::ScanUpload;
pub use status_step::StatusStep;
pub use step_list::StepList;
pub use subsystems_step::SubsystemsStep;
pub use verify_step::VerifyStep;
