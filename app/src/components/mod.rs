//! Reusable pieces of UI, one component per file.

mod error_notice;
mod lang_switch;
mod layout;
mod org_picker;
mod org_result_list;
mod parent_chain;
mod search_box;
mod site_header;
mod text_field;

pub use error_notice::ErrorNotice;
pub use lang_switch::LangSwitch;
pub use layout::Layout;
pub use org_picker::OrgPicker;
pub use org_result_list::OrgResultList;
pub use parent_chain::ParentChain;
pub use search_box::SearchBox;
pub use site_header::SiteHeader;
pub use text_field::TextField;
