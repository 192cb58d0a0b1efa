use leptos::prelude::*;
use leptos_meta::Title;

use super::admin_accounts::AdminNav;
use crate::{
    accounts::{FailedMail, FailedMessage},
    components::{classes, Access, DetailRow, ErrorNotice, Protected},
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
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
        <Protected access=Access::Central render=move |_| view! { <Outbox failed/> }.into_any()/>
    }
}

#[component]
fn Outbox(failed: Resource<Result<FailedMail, AppError>>) -> impl IntoView {
    view! {
        <section class="flex flex-col gap-4">
            <AdminNav/>
            <h1 class=classes::H1>{t(Msg::FailedMailTitle)}</h1>
            <Transition fallback=move || view! { <p>{t(Msg::Loading)}</p> }>
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
        <ul class="flex flex-col gap-3">
            {list.messages.into_iter().map(|message| view! { <FailedItem message/> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn FailedItem(message: FailedMessage) -> impl IntoView {
    let channel = t(if message.channel == "sms" { Msg::ChannelSms } else { Msg::ChannelEmail });
    view! {
        <li class=classes::CARD data-testid="failed-mail">
            <h2 class="break-words text-lg font-semibold">{message.subject}</h2>
            <dl class="flex flex-col text-sm">
                <DetailRow label=Msg::FailedMailRecipient value=format!("{}（{channel}）", message.recipient)/>
                <DetailRow label=Msg::FailedMailQueued value=taipei_datetime(message.queued_at)/>
                <DetailRow label=Msg::FailedMailTries value=message.attempts.to_string()/>
                <DetailRow label=Msg::FailedMailError value=message.last_error/>
            </dl>
        </li>
    }
}
