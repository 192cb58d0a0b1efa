//! 子帳號管理: a main account's own organization's accounts (SPEC §4). Resetting a
//! sub-account's bindings is `admin_reset_factors`, which the same rules admit.

mod assign_main_account;
mod create_member;
mod create_members;
mod member_form_info;
mod member_log;
mod members_view;
mod request_main_account;
mod resend_member_link;
mod set_member_enabled;
mod set_member_grant;
mod transfer_main_role;

pub use assign_main_account::{assign_main_account, AssignMainAccount};
pub use create_member::{create_member, CreateMember};
pub use create_members::{create_members, CreateMembers};
pub use member_form_info::{member_form_info, MemberFormInfoFn};
pub use member_log::{member_log, MemberLog};
pub use members_view::{members_view, MembersViewFn};
pub use request_main_account::{request_main_account, RequestMainAccount};
pub use resend_member_link::{resend_member_link, ResendMemberLink};
pub use set_member_enabled::{set_member_enabled, SetMemberEnabled};
pub use set_member_grant::{set_member_grant, SetMemberGrant};
pub use transfer_main_role::{transfer_main_role, TransferMainRole};
