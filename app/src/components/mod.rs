//! Reusable pieces of UI, one component per file.

mod account_menu;
mod add_key_form;
pub mod apply;
mod assign_main_form;
mod authority_name;
mod captcha_field;
mod claim_fields;
mod consent_gate;
mod consent_list;
mod contact_change_form;
mod detail_row;
mod directory_import_form;
mod error_notice;
mod external_link;
mod external_notice;
mod external_sign_in;
mod form_feedback;
mod grant_queue;
mod grid_editor;
mod hydrated_mark;
mod inventory_cards;
mod inventory_grid;
mod inventory_sheet;
mod key_check;
mod lang_switch;
mod layout;
mod list_search;
mod main_request_queue;
mod member_fields;
mod member_file;
mod member_form;
mod member_item;
mod new_password_fields;
mod org_picker;
mod org_result_list;
mod org_status_form;
mod page_links;
mod parent_chain;
mod passkey_sign_in;
mod password_sign_in_setting;
mod profile_fields;
mod search_box;
mod sign_in_method_list;
mod site_header;
mod step_up_alert;
mod step_up_form;
mod subsystem_access;
mod text_field;
mod viewer_gate;

pub use account_menu::AccountMenu;
pub use add_key_form::AddKeyForm;
pub use assign_main_form::AssignMainForm;
pub use captcha_field::CaptchaField;
pub use claim_fields::ClaimFields;
pub use consent_gate::ConsentGate;
pub use consent_list::ConsentList;
pub use contact_change_form::ContactChangeForm;
pub use detail_row::DetailRow;
pub use directory_import_form::DirectoryImportForm;
pub use error_notice::ErrorNotice;
pub use external_link::ExternalLink;
pub use external_notice::ExternalNotice;
pub use external_sign_in::ExternalSignIn;
pub use form_feedback::{field_error, live_error, FormAlert, Outcome};
pub use grant_queue::GrantQueue;
pub use hydrated_mark::HydratedMark;
pub use inventory_sheet::InventorySheet;
pub use key_check::KeyCheck;
pub use lang_switch::LangSwitch;
pub use layout::Layout;
pub use list_search::ListSearch;
pub use main_request_queue::MainRequestQueue;
pub use member_fields::MemberFields;
pub use member_file::MemberFileUpload;
pub use member_form::MemberForm;
pub use member_item::{MemberActions, MemberItem};
pub use new_password_fields::NewPasswordFields;
pub use org_picker::OrgPicker;
pub use org_result_list::OrgResultList;
pub use org_status_form::OrgStatusForm;
pub use page_links::PageLinks;
pub use parent_chain::ParentChain;
pub use passkey_sign_in::PasskeySignIn;
pub use password_sign_in_setting::PasswordSignInSetting;
pub use profile_fields::ProfileFields;
pub use search_box::SearchBox;
pub use sign_in_method_list::SignInMethodList;
pub use site_header::SiteHeader;
pub use step_up_alert::{changes_but_step_up, StepUpAlert};
pub use step_up_form::StepUpForm;
pub use subsystem_access::SubsystemAccessList;
pub use text_field::TextField;
pub use viewer_gate::{use_viewer, Access, Protected, ViewerResource};

/// Class lists shared by many pages, so buttons and cards look the same everywhere.
pub mod classes {
    pub const BUTTON: &str = "min-h-11 cursor-pointer rounded-md bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:cursor-wait disabled:opacity-60";
    pub const SECONDARY_BUTTON: &str = "min-h-11 cursor-pointer rounded-md border border-blue-800 bg-white px-4 py-2 font-semibold text-blue-900 hover:bg-blue-50";
    /// For what turns something off for many people (an organization).
    pub const DANGER_BUTTON: &str = "min-h-11 cursor-pointer rounded-md border border-red-800 bg-white px-4 py-2 font-semibold text-red-800 hover:bg-red-50 disabled:cursor-wait disabled:opacity-60";
    pub const CARD: &str = "flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6";
    pub const NARROW: &str = "mx-auto flex w-full max-w-md flex-col gap-4";
    pub const H1: &str = "text-2xl font-bold text-slate-900";
    /// A box that scrolls sideways (a wide table on a phone). `relative`, so that the
    /// visually hidden texts inside it (absolutely positioned) scroll with it instead of
    /// widening the page.
    pub const SCROLL_BOX: &str = "relative overflow-x-auto rounded-lg border border-slate-200 bg-white";
    pub const NOTICE: &str = "rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-900";
}
