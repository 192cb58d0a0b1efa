//! Sign-in, the second factor, recovery and one's own account.

mod ask_grant_change;
mod change_password;
mod confirm_contact_change;
mod confirm_totp;
mod get_my_profile;
mod get_viewer;
mod my_activity;
mod my_subsystems;
mod new_captcha;
mod offer_totp;
mod remind_username;
mod request_contact_change;
mod request_password_reset;
mod reset_password;
mod save_profile;
mod set_password;
mod sign_in;
mod sign_out;
mod sign_out_others;
mod step_up;
mod verify_code;

pub use ask_grant_change::{ask_grant_change, AskGrantChange};
pub use change_password::{change_password, ChangePassword};
pub use confirm_contact_change::{confirm_contact_change, ConfirmContactChange};
pub use confirm_totp::{confirm_totp, ConfirmTotp};
pub use get_my_profile::{get_my_profile, GetMyProfile};
pub use get_viewer::{get_viewer, GetViewer};
pub use my_activity::{my_activity, MyActivity, ACTIVITY_PER_PAGE};
pub use my_subsystems::{my_subsystems, MySubsystems};
pub use new_captcha::{new_captcha, NewCaptcha};
pub use offer_totp::{offer_totp, OfferTotp};
pub use remind_username::{remind_username, RemindUsername};
pub use request_contact_change::{request_contact_change, RequestContactChange};
pub use request_password_reset::{request_password_reset, RequestPasswordReset};
pub use reset_password::{reset_password, ResetPassword};
pub use save_profile::{save_profile, SaveProfile};
pub use set_password::{set_password, SetPassword};
pub use sign_in::{sign_in, SignIn};
pub use sign_out::{sign_out, SignOut};
pub use sign_out_others::{sign_out_others, SignOutOthers};
pub use step_up::{step_up, StepUp};
pub use verify_code::{verify_code, VerifyCode};

/// The channel a contact change names: `email` or `sms` (the mobile).
#[cfg(feature = "ssr")]
fn contact_channel(text: &str) -> Result<crate::db::outbox::Channel, crate::error::AppError> {
    use crate::db::outbox::Channel;
    match text {
        "email" => Ok(Channel::Email),
        "sms" => Ok(Channel::Sms),
        _ => Err(crate::error::AppError::BadRequest),
    }
}
