use leptos::prelude::*;

use super::use_viewer;
use crate::{
    accounts::ViewerStage,
    i18n::{t, Msg},
    permissions::Action,
    server_fns::SignOut,
};

/// The header's account links: 登入 for guests; the account, admin pages and 登出 otherwise.
#[component]
pub fn AccountMenu() -> impl IntoView {
    let viewer = use_viewer();
    let sign_out = ServerAction::<SignOut>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = sign_out.value().get() {
            viewer.refetch();
            // Home is a light page, which the router does not draw.
            crate::light::load_whole("/");
        }
    });
    let link = "text-white underline-offset-4 hover:underline";
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match viewer.await {
                    Ok(Some(v)) => {
                        let full = v.stage == ViewerStage::Full;
                        view! {
                            {full.then(|| view! { <a href="/account" class=link data-testid="account-link">{v.display_name.clone()}</a> })}
                            {v.may(|_| Action::FindAccounts).then(|| view! { <a href="/admin/accounts" class=link>{t(Msg::NavAdmin)}</a> })}
                            <ActionForm action=sign_out attr:class="inline">
                                <button type="submit" class="cursor-pointer text-white underline underline-offset-4">{t(Msg::SignOut)}</button>
                            </ActionForm>
                        }.into_any()
                    }
                    // `external`: the sign-in page is a light page, loaded whole from the server
                    // (`crate::light`), not drawn by the router.
                    _ => view! { <a href="/sign-in" rel="external" class=link>{t(Msg::SignIn)}</a> }.into_any(),
                }
            })}
        </Transition>
    }
}
