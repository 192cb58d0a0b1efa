use leptos::prelude::*;

use super::{classes, ErrorNotice, FormAlert, Loading};
use crate::{
    accounts::MainRequestRow,
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
    server_fns::DecideMainRequest,
    time::taipei_datetime,
    url::encode_component,
};

/// 主帳號申請 waiting for the central authority: 建立主帳號 (the holder is mailed the link to
/// set a password), or 退回 with a reason.
#[component]
pub fn MainRequestQueue(
    rows: Resource<Result<Vec<MainRequestRow>, AppError>>,
    decide: ServerAction<DecideMainRequest>,
) -> impl IntoView {
    let done = move || match decide.value().get() {
        Some(Ok(username)) => Some(tr(&LocalText::new(Msg::MainRequestDecided).arg("username", username))),
        _ => None,
    };
    view! {
        <section class="flex flex-col gap-3" aria-labelledby="main-requests-heading" data-testid="main-requests">
            <h2 id="main-requests-heading" class="text-xl font-bold">{t(Msg::MainRequestQueueTitle)}</h2>
            // One place in the flow for what the last answer did, said or refused.
            <div class="flex flex-col">
                <FormAlert outcome=decide.value() fields=&[]/>
                <div role="status" aria-live="polite">{move || done().map(|s| view! { <p class=classes::NOTICE>{s}</p> })}</div>
            </div>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(list) if list.is_empty() => view! { <p>{t(Msg::MainRequestQueueEmpty)}</p> }.into_any(),
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
fn Item(r: MainRequestRow, decide: ServerAction<DecideMainRequest>) -> impl IntoView {
    let (approve_id, reject_id) = (r.id.to_string(), r.id.to_string());
    let reason_id = format!("main-request-reason-{}", r.id);
    view! {
        <li class=classes::CARD data-testid="main-request-row">
            <p class="font-semibold">
                <a href=format!("/org/{}", encode_component(&r.org_key)) rel="external" class="text-blue-800 underline">{r.org_name.clone()}</a>
            </p>
            <p><span class="font-semibold">{r.name.clone()}</span>" · "<span class="break-all font-mono">{r.username.clone()}</span></p>
            <p class="text-sm">{format!("{} · {}", r.unit, r.title)}</p>
            <p class="break-all text-sm">{format!("{} · {}", r.phone, r.email)}</p>
            <p class="text-sm text-slate-700">{t(Msg::ReviewSubmittedAt)}" "{taipei_datetime(r.created_at)}</p>
            {r.has_main.then(|| view! { <p class="font-semibold text-amber-900">{t(Msg::MainRequestHasMain)}</p> })}
            <div class="flex flex-wrap items-end gap-3">
                {(!r.has_main).then(|| view! {
                    <ActionForm action=decide>
                        <input type="hidden" name="id" value=approve_id/>
                        <input type="hidden" name="decision" value="approve"/>
                        <button type="submit" class=classes::BUTTON disabled=move || decide.pending().get()>{t(Msg::MainRequestApprove)}</button>
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
