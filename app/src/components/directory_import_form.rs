use leptos::prelude::*;

use super::classes;
use crate::{
    directory::DirectoryImport,
    i18n::{t, tr, LocalText, Msg},
};

/// 匯入機關名錄: the central authority sends one of the official files (the GDS OID list, a
/// Ministry school list, rename records, registered contacts); the same import as the command
/// line runs, or only checks it, and its report is shown: rows added, updated, unchanged, and
/// each refused row with its line and reason.
#[component]
pub fn DirectoryImportForm() -> impl IntoView {
    let report = RwSignal::new(None::<DirectoryImport>);
    let error = RwSignal::new(None::<LocalText>);
    let sending = RwSignal::new(false);
    let dry_run = RwSignal::new(true);
    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let Some(file) = crate::upload::picked(&ev) else { return };
            sending.set(true);
            report.set(None);
            error.set(None);
            let url = format!("/admin/directory/import?dry_run={}", dry_run.get_untracked());
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                let too_large = LocalText::new(Msg::InvFileTooLarge).arg("max", 24);
                match crate::upload::post_file(&url, file, "file", too_large).await {
                    Ok(text) => match serde_json::from_str::<DirectoryImport>(&text) {
                        Ok(done) => report.set(Some(done)),
                        Err(_) => error.set(Some(Msg::ErrorInternal.into())),
                    },
                    Err(e) => error.set(Some(e.message())),
                }
                sending.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <section class="flex flex-col gap-3" aria-labelledby="directory-import-heading" data-testid="directory-import">
            <h2 id="directory-import-heading" class="text-xl font-bold">{t(Msg::ImportTitle)}</h2>
            <div class=format!("{} max-w-xl", classes::CARD)>
                <p id="directory-import-hint" class="text-sm text-slate-700">{t(Msg::ImportHint)}</p>
                <label class="flex items-center gap-2">
                    <input type="checkbox" class="h-5 w-5" prop:checked=move || dry_run.get()
                        on:change=move |ev| dry_run.set(event_target_checked(&ev))/>
                    <span>{t(Msg::ImportDryRun)}</span>
                </label>
                <label class="flex flex-col gap-1">
                    <span class="font-semibold">{t(Msg::MembersFileChoose)}</span>
                    <input type="file" accept=".csv,text/csv" on:change=on_file disabled=move || sending.get()
                        aria-describedby="directory-import-hint directory-import-error"
                        class="text-sm file:mr-3 file:min-h-11 file:rounded-md file:border file:border-blue-800 file:bg-white file:px-4 file:font-semibold file:text-blue-900"/>
                </label>
                <p id="directory-import-error" class="font-semibold text-red-800" aria-live="polite">{move || error.get().map(|m| tr(&m))}</p>
                <div role="status" aria-live="polite">
                    {move || sending.get().then(|| view! { <p>{t(Msg::ImportReading)}</p> })}
                    {move || report.get().map(|r| view! { <Report r/> })}
                </div>
            </div>
        </section>
    }
}

#[component]
fn Report(r: DirectoryImport) -> impl IntoView {
    let summary = LocalText::new(if r.dry_run { Msg::ImportCheckedSummary } else { Msg::ImportSummary })
        .arg("file", t(r.file.label()))
        .arg("added", r.added)
        .arg("updated", r.updated)
        .arg("unchanged", r.unchanged)
        .arg("rejected", r.rejected.len());
    view! {
        <div class="flex flex-col gap-2" data-testid="import-report">
            <p class="font-semibold">{tr(&summary)}</p>
            {(r.placeholders > 0).then(|| view! { <p class="text-sm">{tr(&LocalText::new(Msg::ImportPlaceholders).arg("count", r.placeholders))}</p> })}
            {(!r.rejected.is_empty()).then(|| view! {
                <div class=classes::SCROLL_BOX tabindex="0" role="region" aria-label=t(Msg::ImportRejected)>
                    <table class="w-full text-left text-sm">
                        <caption class="sr-only">{t(Msg::ImportRejected)}</caption>
                        <thead class="bg-slate-100">
                            <tr>
                                <th scope="col" class="px-2 py-2">{t(Msg::MembersFileLine)}</th>
                                <th scope="col" class="px-2 py-2">{t(Msg::ImportReason)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {r.rejected.into_iter().map(|row| view! {
                                <tr class="border-t border-slate-200 align-top" data-testid="import-rejected">
                                    <td class="px-2 py-2 font-mono">{row.line}</td>
                                    <td class="break-words px-2 py-2">{tr(&row.reason)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </div>
    }
}
