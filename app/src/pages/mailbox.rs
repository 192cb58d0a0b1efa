use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::{classes, ErrorNotice, Loading},
    i18n::{t, Msg},
    server_fns::dev_mailbox,
    time::taipei_datetime,
};

/// The development mailbox: every message the outbox holds, newest first, so sign-up and
/// recovery work on one machine with no mail server; `/dev/sms` shows the text messages
/// alone, as a phone would. Development mode only.
#[component]
pub fn MailboxPage(
    /// Only the SMS outbox.
    #[prop(optional)]
    sms: bool,
) -> impl IntoView {
    let messages = Resource::new(|| (), move |_| dev_mailbox(sms.then(|| "sms".to_string())));
    let title = if sms { Msg::SmsOutboxTitle } else { Msg::MailboxTitle };
    let tab = move |href: &'static str, label: Msg, current: bool| {
        view! {
            <a href=href aria-current=current.then_some("page")
                class="rounded-md px-3 py-2 font-semibold text-blue-900 no-underline hover:bg-blue-50" class:bg-blue-100=current>
                {t(label)}
            </a>
        }
    };
    view! {
        <Title text=t(title)/>
        <section class="flex flex-col gap-4">
            <h1 class=classes::H1>{t(title)}</h1>
            <nav aria-label=t(Msg::MailboxKinds) class="flex flex-wrap gap-1 text-sm">
                {tab("/dev/mailbox", Msg::MailboxTitle, !sms)}
                {tab("/dev/sms", Msg::SmsOutboxTitle, sms)}
            </nav>
            <p class="text-sm text-slate-700">{t(if sms { Msg::SmsOutboxIntro } else { Msg::MailboxIntro })}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match messages.await {
                        Ok(list) if list.is_empty() => view! { <p>{t(Msg::MailboxEmpty)}</p> }.into_any(),
                        Ok(list) => list.into_iter().map(|m| view! {
                            <article class=classes::CARD data-testid="mail">
                                <h2 class="text-lg font-semibold" data-testid="mail-subject">{m.subject}</h2>
                                <p class="text-sm text-slate-700">
                                    <span data-testid="mail-to">{m.recipient}</span>" · "{taipei_datetime(m.created_at)}" · "{m.channel}
                                    " · "{if m.sent { t(Msg::MailSent) } else { t(Msg::MailQueued) }}
                                </p>
                                <pre class="whitespace-pre-wrap break-words font-sans" data-testid="mail-body">{m.body}</pre>
                            </article>
                        }).collect_view().into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
