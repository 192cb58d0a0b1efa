use leptos::prelude::*;
use leptos_meta::Title;

use super::admin_accounts::AdminNav;
use crate::{
    components::{classes, field_error, Access, FormAlert, Protected, TextField},
    i18n::{t, tr, Msg},
    permissions::Action,
    server_fns::SaveAnnouncement,
};

/// Publishing announcements (訪客公告 or 會員公告).
#[component]
pub fn AdminAnnouncementsPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::AdminAnnouncementsTitle)/>
        <Protected access=Access::May(|_| Action::PublishAnnouncement) render=|_| view! { <Editor/> }.into_any()/>
    }
}

#[component]
fn Editor() -> impl IntoView {
    let action = ServerAction::<SaveAnnouncement>::new();
    let outcome = action.value();
    let title = RwSignal::new(String::new());
    let body_error = field_error(outcome, "body");
    view! {
        <section class="flex flex-col gap-4">
            <AdminNav/>
            <h1 class=classes::H1>{t(Msg::AdminAnnouncementsTitle)}</h1>
            <ActionForm action=action attr:class=classes::CARD attr:novalidate=true>
                <TextField id="title" name="title" label=Msg::AnnouncementTitle value=title error=field_error(outcome, "title") required=true/>
                <div class="flex flex-col gap-1">
                    <label for="body" class="font-semibold">{t(Msg::AnnouncementBody)}</label>
                    <textarea id="body" name="body" rows="6" required aria-describedby="body-error"
                        aria-invalid=move || body_error.get().is_some().to_string()
                        class="rounded-md border border-slate-500 px-3 py-2"></textarea>
                    <p id="body-error" class="text-sm font-semibold text-red-800" aria-live="polite">{move || body_error.get().map(|e| tr(&e))}</p>
                </div>
                <label class="flex items-center gap-2">
                    <input type="checkbox" name="members_only" value="true" class="h-5 w-5"/>
                    {t(Msg::MembersOnly)}
                </label>
                <FormAlert outcome fields=&["title", "body"]/>
                <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::Publish)}</button>
                <p role="status" aria-live="polite">
                    {move || matches!(outcome.get(), Some(Ok(()))).then(|| view! { <span class=classes::NOTICE>{t(Msg::Published)}</span> })}
                </p>
            </ActionForm>
        </section>
    }
}
