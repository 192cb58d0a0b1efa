use leptos::prelude::*;
use leptos_meta::Title;

use super::admin_accounts::AdminNav;
use crate::{
    components::{classes, field_error, Access, FormAlert, Protected, TextAreaField},
    i18n::{t, tr, LocalText, Msg},
    permissions::Action,
    server_fns::PublishTerms,
};

/// 用戶約定條款 for the central authority: publishing a new version, which every account then
/// agrees to before anything else, and the auditors' export of who agreed to which version.
#[component]
pub fn AdminTermsPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::AdminTermsTitle)/>
        <Protected access=Access::May(|_| Action::PublishTerms) render=|_| view! { <Editor/> }.into_any()/>
    }
}

#[component]
fn Editor() -> impl IntoView {
    let action = ServerAction::<PublishTerms>::new();
    let outcome = action.value();
    view! {
        <section class="flex flex-col gap-4">
            <AdminNav/>
            <h1 class=classes::H1>{t(Msg::AdminTermsTitle)}</h1>
            <p class="flex flex-wrap gap-x-4 gap-y-1">
                <a href="/terms">{t(Msg::TermsInForce)}</a>
                <a href="/admin/terms/agreements.csv" download>{t(Msg::TermsExport)}</a>
            </p>
            <ActionForm action=action attr:class=classes::CARD attr:novalidate=true>
                <p class="text-sm text-slate-700">{t(Msg::TermsPublishHint)}</p>
                <TextAreaField id="body_zh" name="body_zh" label=Msg::TermsBodyZh error=field_error(outcome, "body_zh") rows=10 required=true/>
                <TextAreaField id="body_en" name="body_en" label=Msg::TermsBodyEn error=field_error(outcome, "body_en") rows=10 required=true/>
                <FormAlert outcome fields=&["body_zh", "body_en"]/>
                <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::TermsPublish)}</button>
                <p role="status" aria-live="polite">
                    {move || match outcome.get() {
                        Some(Ok(version)) => Some(view! {
                            <span class=classes::NOTICE>{tr(&LocalText::new(Msg::TermsPublished).arg("version", version))}</span>
                        }),
                        _ => None,
                    }}
                </p>
            </ActionForm>
        </section>
    }
}
