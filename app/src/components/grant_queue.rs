use leptos::prelude::*;

use super::{classes, ErrorNotice, FormAlert, Loading};
use crate::{
    accounts::GrantRequestRow,
    error::AppError,
    i18n::{t, Msg},
    server_fns::DecideGrantRequest,
    time::taipei_datetime,
};

/// 系統權限異動申請 waiting for the reviewer: 核准, or 退回 with a reason.
#[component]
pub fn GrantQueue(
    rows: Resource<Result<Vec<GrantRequestRow>, AppError>>,
    decide: ServerAction<DecideGrantRequest>,
) -> impl IntoView {
    view! {
        <section class="flex flex-col gap-3" aria-labelledby="grant-queue-heading" data-testid="grant-queue">
            <h2 id="grant-queue-heading" class="text-xl font-bold">{t(Msg::GrantQueueTitle)}</h2>
            <FormAlert outcome=decide.value() fields=&[]/>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(list) if list.is_empty() => view! { <p>{t(Msg::GrantQueueEmpty)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="flex flex-col gap-3">{list.into_iter().map(|r| view! { <Item r decide/> }).collect_view()}</ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Item(r: GrantRequestRow, decide: ServerAction<DecideGrantRequest>) -> impl IntoView {
    let (approve_id, reject_id) = (r.id.to_string(), r.id.to_string());
    let reason_id = format!("grant-reason-{}", r.id);
    view! {
        <li class=classes::CARD data-testid="grant-request">
            <p class="font-semibold">{r.display_name.clone()}" · "<span class="font-mono">{r.username.clone()}</span></p>
            <p class="text-sm">{r.org_name.clone()}{(!r.unit.is_empty()).then(|| format!(" · {}", r.unit))}</p>
            <p><span class="font-semibold">{t(r.change.label())}</span>"：" {r.subsystem.clone()}</p>
            <p class="text-sm text-slate-700">{t(Msg::ReviewSubmittedAt)}" "{taipei_datetime(r.created_at)}</p>
            {(!r.approvable).then(|| view! {
                <p class="text-sm text-amber-950">{t(Msg::GrantNotYours)}</p>
            })}
            <div class="flex flex-wrap items-end gap-3">
                {r.approvable.then(|| view! {
                    <ActionForm action=decide>
                        <input type="hidden" name="id" value=approve_id/>
                        <input type="hidden" name="decision" value="approve"/>
                        <button type="submit" class=classes::BUTTON disabled=move || decide.pending().get()>{t(Msg::GrantApprove)}</button>
                    </ActionForm>
                })}
                <ActionForm action=decide attr:class="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="id" value=reject_id/>
                    <input type="hidden" name="decision" value="reject"/>
                    <div class="flex flex-col gap-1">
                        <label for=reason_id.clone() class="text-sm font-semibold">{t(Msg::ReviewReason)}</label>
                        <input id=reason_id name="reason" type="text" required=true class="min-h-11 rounded-md border border-slate-500 px-3 py-2"/>
                    </div>
                    <button type="submit" class=classes::SECONDARY_BUTTON disabled=move || decide.pending().get()>{t(Msg::GrantReject)}</button>
                </ActionForm>
            </div>
        </li>
    }
}
