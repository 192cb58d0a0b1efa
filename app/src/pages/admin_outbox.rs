use leptos::prelude::*;
use leptos_meta::Title;

use super::admin_accounts::AdminNav;
use crate::{
    accounts::{FailedMail, FailedMessage},
    components::{classes, Access, ErrorNotice, Loading, Protected},
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
    permissions::Action,
    server_fns::list_failed_mail,
    time::taipei_datetime,
};

/// 寄送失敗的訊息: mail and SMS the outbox gave up on, for the central authority, who must
/// reach those people another way. Newest first.
#[component]
pub fn AdminOutboxPage() -> impl IntoView {
    // Made here, not inside `Protected`: a server render may run `Protected`'s content more
    // than once, and a resource made there would be fetched each time.
    let failed = Resource::new(|| (), |_| list_failed_mail());
    view! {
        <Title text=t(Msg::FailedMailTitle)/>
        <Protected access=Access::May(|_| Action::ReadFailedMail) render=move |_| view! { <Outbox failed/> }.into_any()/>
    }
}

#[component]
fn Outbox(failed: Resource<Result<FailedMail, AppError>>) -> impl IntoView {
    view! {
        <section class="flex flex-col gap-4">
            <AdminNav/>
            <h1 class=classes::H1>{t(Msg::FailedMailTitle)}</h1>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match failed.await {
                        Ok(list) => view! { <FailedList list/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn FailedList(list: FailedMail) -> impl IntoView {
    let intro = LocalText::new(Msg::FailedMailIntro).arg("tries", list.max_attempts);
    if list.messages.is_empty() {
        return view! {
            <p class="text-slate-700">{tr(&intro)}</p>
            <p data-testid="failed-mail-none">{t(Msg::FailedMailNone)}</p>
        }
        .into_any();
    }
    let count = LocalText::new(Msg::FailedMailCount).arg("total", list.total).arg("shown", list.messages.len());
    view! {
        <p class="text-slate-700">{tr(&intro)}</p>
        <p class="text-sm text-slate-700" data-testid="failed-mail-count">{tr(&count)}</p>
        <ul class="rounded-lg border border-slate-200 bg-white px-4">
            {list.messages.into_iter().map(|message| view! { <FailedItem message/> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn FailedItem(message: FailedMessage) -> impl IntoView {
    let channel = t(if message.channel == "sms" { Msg::ChannelSms } else { Msg::ChannelEmail });
    let tries = LocalText::new(Msg::FailedMailTriesCount).arg("n", message.attempts);
    view! {
        <li class="flex flex-col gap-1 border-b border-slate-200 py-3 last:border-b-0" data-testid="failed-mail">
            <p class="flex flex-wrap gap-x-3 gap-y-1">
                <span class="break-all font-semibold">{message.recipient}</span>
                <span class="text-slate-700">{channel}</span>
            </p>
            <p class="text-sm text-slate-700">
                {message.subject}" · "{taipei_datetime(message.queued_at)}" · "{tr(&tries)}
            </p>
            <p class="break-words font-mono text-sm text-red-800">
                <span class="sr-only">{t(Msg::FailedMailError)}"："</span>{message.last_error}
            </p>
        </li>
    }
}
