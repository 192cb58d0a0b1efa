use leptos::prelude::*;
use leptos_meta::Title;

use super::admin_accounts::AdminNav;
use crate::{
    components::{classes, field_error, Access, FormAlert, Protected, TextAreaField, TextField},
    i18n::{t, Msg},
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
    view! {
        <section class="flex flex-col gap-4">
            <AdminNav/>
            <h1 class=classes::H1>{t(Msg::AdminAnnouncementsTitle)}</h1>
            <ActionForm action=action attr:class=classes::CARD attr:novalidate=true>
                <TextField id="title" name="title" label=Msg::AnnouncementTitle value=title error=field_error(outcome, "title") required=true/>
                <TextAreaField id="body" name="body" label=Msg::AnnouncementBody error=field_error(outcome, "body") rows=6 required=true/>
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
