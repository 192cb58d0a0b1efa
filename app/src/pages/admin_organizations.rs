use leptos::prelude::*;
use leptos_meta::Title;

use super::admin_accounts::AdminNav;
use crate::{
    components::{classes, Access, DirectoryImportForm, MainRequestQueue, OrgStatusForm, Protected},
    i18n::{t, Msg},
    permissions::Action,
    server_fns::{list_disabled_orgs, list_main_requests, DecideMainRequest, SetOrgDisabled},
};

/// 機關管理: the central authority answers schools' requests for a main account, turns
/// organizations off and on, and imports the directory's official files.
#[component]
pub fn AdminOrganizationsPage() -> impl IntoView {
    // Made here, not inside `Protected` (a server render may run its content more than once).
    let decide = ServerAction::<DecideMainRequest>::new();
    let status = ServerAction::<SetOrgDisabled>::new();
    let requests = Resource::new(move || decide.version().get(), |_| list_main_requests());
    let disabled = Resource::new(move || status.version().get(), |_| list_disabled_orgs());
    view! {
        <Title text=t(Msg::OrgsTitle)/>
        <Protected access=Access::May(|_| Action::ManageOrganizations) render=move |_| view! {
            <section class="flex flex-col gap-6">
                <AdminNav/>
                <h1 class=classes::H1>{t(Msg::OrgsTitle)}</h1>
                <MainRequestQueue rows=requests decide/>
                <OrgStatusForm disabled action=status/>
                <DirectoryImportForm/>
            </section>
        }.into_any()/>
    }
}
