use leptos::prelude::*;

use super::{classes, field_error, ErrorNotice, FormAlert, Loading, OrgPicker};
use crate::{
    accounts::DisabledOrg,
    error::AppError,
    i18n::{t, Msg},
    server_fns::SetOrgDisabled,
    time::taipei_datetime,
    url::encode_component,
};

/// 停用機關: the central authority names an organization to turn off (none of its accounts
/// signs in then), and sees those turned off, each with 啟用 to turn it back on.
#[component]
pub fn OrgStatusForm(
    disabled: Resource<Result<Vec<DisabledOrg>, AppError>>,
    action: ServerAction<SetOrgDisabled>,
) -> impl IntoView {
    let outcome = action.value();
    view! {
        <section class="flex flex-col gap-3" aria-labelledby="org-status-heading" data-testid="org-status">
            <h2 id="org-status-heading" class="text-xl font-bold">{t(Msg::OrgsDisableTitle)}</h2>
            <ActionForm action=action attr:class=format!("{} max-w-xl", classes::CARD) attr:novalidate=true>
                <p class="text-sm text-slate-700">{t(Msg::OrgsDisableIntro)}</p>
                <OrgPicker id="disable-org" code_field="org_code" name_field="org_name" error=field_error(outcome, "org_code")/>
                <input type="hidden" name="disabled" value="true"/>
                <FormAlert outcome fields=&["org_code"]/>
                <button type="submit" class=format!("{} self-start", classes::DANGER_BUTTON) disabled=move || action.pending().get()>
                    {t(Msg::OrgsDisable)}
                </button>
            </ActionForm>
            <h3 class="text-lg font-semibold">{t(Msg::OrgsDisabledList)}</h3>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match disabled.await {
                        Ok(list) if list.is_empty() => view! { <p>{t(Msg::OrgsDisabledNone)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="flex flex-col gap-2" data-testid="disabled-orgs">
                                {list.into_iter().map(|o| view! {
                                    <li class="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2">
                                        <span>
                                            <a href=format!("/org/{}", encode_component(&o.key)) rel="external" class="font-semibold text-blue-800 underline">{o.name.clone()}</a>
                                            <span class="ml-2 text-sm text-slate-700">{taipei_datetime(o.disabled_at)}</span>
                                        </span>
                                        <ActionForm action=action>
                                            <input type="hidden" name="org_code" value=o.key.clone()/>
                                            <input type="hidden" name="disabled" value="false"/>
                                            <button type="submit" class=classes::SECONDARY_BUTTON disabled=move || action.pending().get()
                                                aria-label=format!("{} {}", t(Msg::OrgsEnable), o.name)>
                                                {t(Msg::OrgsEnable)}
                                            </button>
                                        </ActionForm>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
