use leptos::prelude::*;

use super::{ErrorNotice, Loading, SubsystemActions, SubsystemItem};
use crate::{
    error::AppError,
    i18n::{t, Msg},
    provider::RegisteredSubsystem,
};

/// 已登錄的子系統, each with its actions.
#[component]
pub fn SubsystemList(
    rows: Resource<Result<Vec<RegisteredSubsystem>, AppError>>,
    actions: SubsystemActions,
) -> impl IntoView {
    view! {
        <section class="flex flex-col gap-3" aria-labelledby="subsystem-list-heading">
            <h2 id="subsystem-list-heading" class="text-xl font-bold">{t(Msg::SubsystemsList)}</h2>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(list) if list.is_empty() => view! { <p>{t(Msg::SubsystemsNone)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="flex flex-col gap-3" data-testid="subsystems">
                                {list.into_iter().map(|entry| view! { <SubsystemItem entry actions/> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
