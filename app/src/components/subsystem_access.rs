use leptos::prelude::*;

use super::{classes, ErrorNotice, FormAlert, Loading};
use crate::{
    accounts::{GrantChange, SubsystemAccess},
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
    server_fns::AskGrantChange,
};

/// 系統使用權限 on the account page: each subsystem, held or not, with 申請權限 or 申請刪除權限,
/// or the request that waits for review.
#[component]
pub fn SubsystemAccessList(
    list: Resource<Result<Vec<SubsystemAccess>, AppError>>,
    ask: ServerAction<AskGrantChange>,
) -> impl IntoView {
    view! {
        <section class=classes::CARD aria-labelledby="access-heading" data-testid="subsystem-access">
            <h2 id="access-heading" class="text-lg font-semibold">{t(Msg::GrantTitle)}</h2>
            <p class="text-sm text-slate-700">{t(Msg::GrantIntro)}</p>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(items) => view! {
                            <ul class="flex flex-col gap-2">
                                {items.into_iter().map(|s| view! { <Item s ask/> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Transition>
            <FormAlert outcome=ask.value() fields=&[]/>
        </section>
    }
}

#[component]
fn Item(s: SubsystemAccess, ask: ServerAction<AskGrantChange>) -> impl IntoView {
    let state = match (s.pending, s.granted) {
        (Some(change), _) => tr(&LocalText::new(Msg::GrantPending).arg("change", t(change.label()))),
        (None, true) => t(Msg::GrantHeld).to_string(),
        (None, false) => t(Msg::GrantNone).to_string(),
    };
    let change = if s.granted { GrantChange::Revoke } else { GrantChange::Grant };
    view! {
        <li class="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-3" data-testid="access-item">
            <div class="flex flex-col">
                <span class="font-semibold">{s.name.clone()}</span>
                <span class="text-sm text-slate-700" data-testid="access-state">{state}</span>
            </div>
            {s.pending.is_none().then(|| view! {
                <ActionForm action=ask>
                    <input type="hidden" name="subsystem" value=s.code.clone()/>
                    <input type="hidden" name="change" value=change.as_str()/>
                    <button type="submit" class=classes::SECONDARY_BUTTON disabled=move || ask.pending().get()
                        aria-label=format!("{} {}", t(change.label()), s.name)>
                        {t(change.label())}
                    </button>
                </ActionForm>
            })}
        </li>
    }
}
