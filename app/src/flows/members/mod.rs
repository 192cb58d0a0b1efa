//! 子帳號管理 (SPEC §4): a main account creates its organization's sub-accounts, lists and
//! searches them, turns them off and on, re-sends their set-password link and grants them the
//! subsystems it holds, and hands its role to a successor. Who may do which is `permissions`' answer; each change goes through
//! `accounts::admin::on_account`, in one transaction with its audit record.

pub mod create;
pub mod list;
pub mod manage;
pub mod request;
pub mod transfer;
