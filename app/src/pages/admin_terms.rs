use leptos::prelude::*;
use leptos_meta::Title;

use super::admin_accounts::AdminNav;
use crate::{
    components::{classes, field_error, Access, FormAlert, Protected},
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
    let text = move |id: &'static str, label: Msg| {
        let error = field_error(outcome, id);
        let described = format!("{id}-error");
        view! {
            <div class="flex flex-col gap-1">
                <label for=id class="font-semibold">{t(label)}</label>
                <textarea id=id name=id rows="10" required aria-describedby=described.clone()
                    aria-invalid=move || error.get().is_some().to_string()
                    class="rounded-md border border-slate-500 px-3 py-2"></textarea>
                <p id=described class="text-sm font-semibold text-red-800" aria-live="polite">{move || error.get().map(|e| tr(&e))}</p>
            </div>
        }
    };
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
                {text("body_zh", Msg::TermsBodyZh)}
                {text("body_en", Msg::TermsBodyEn)}
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
