use leptos::prelude::*;

use super::{classes, FormAlert, Loading};
use crate::{
    accounts::Consent,
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
    server_fns::SetConsent,
    time::taipei_datetime,
};

/// 已同意授權的系統 on the account page: each consent with its date and 撤回.
#[component]
pub fn ConsentList(
    list: Resource<Result<Vec<Consent>, AppError>>,
    withdraw: ServerAction<SetConsent>,
) -> impl IntoView {
    view! {
        <div class=classes::CARD data-testid="consents">
            <h2 class="text-lg font-semibold">{t(Msg::ConsentList)}</h2>
            <FormAlert outcome=withdraw.value() fields=&[]/>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) if list.is_empty() => view! { <p>{t(Msg::ConsentNone)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="flex flex-col gap-2">
                                {list.into_iter().map(|c| {
                                    let label = tr(&LocalText::new(Msg::ConsentWithdrawNamed).arg("subsystem", &c.name));
                                    let since = c.accepted_at.map(|at| tr(&LocalText::new(Msg::ConsentSince).arg("at", taipei_datetime(at))));
                                    let code = c.code.clone();
                                    let fields = c.fields.iter().map(|f| t(f.label())).collect::<Vec<_>>().join("、");
                                    let used = c.last_sign_in.map(|at| tr(&LocalText::new(Msg::ConsentLastSignIn).arg("at", taipei_datetime(at))));
                                    view! {
                                        <li class="flex flex-wrap items-center justify-between gap-2">
                                            <span class="flex flex-col">
                                                <span><span class="font-semibold">{c.name}</span>" "<span class="text-sm text-slate-700">{since}</span></span>
                                                <span class="text-sm text-slate-700">{tr(&LocalText::new(Msg::ConsentFieldsGiven).arg("fields", fields))}</span>
                                                {used.map(|u| view! { <span class="text-sm text-slate-700">{u}</span> })}
                                            </span>
                                            <button type="button" class=classes::SECONDARY_BUTTON aria-label=label
                                                on:click=move |_| { withdraw.dispatch(SetConsent { code: code.clone(), on: false }); }>
                                                {t(Msg::ConsentWithdraw)}
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(_) => view! { <p>{t(Msg::ConsentNone)}</p> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}
