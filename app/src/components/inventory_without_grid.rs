use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{classes, field_error, FormAlert};
use crate::{
    i18n::{t, tr, LocalText, Msg},
    inventory::FileProblems,
    light::{answered, posted_outcome},
};

/// What the asset inventory offers where its grid cannot run (a browser without WebAssembly,
/// `html[data-nowasm]`; hidden by the page's first script where WebAssembly exists): the
/// sheet's export, and a file that replaces it by a plain form (`POST /inventory/replace`),
/// whose answer comes back here: how many rows were saved (`?imported=`), or why none were,
/// each cell to fix by the file's row.
#[component]
pub fn InventoryWithoutGrid(org: Option<i64>) -> impl IntoView {
    let outcome = posted_outcome::<()>("replace");
    let problems = answered::<FileProblems>().map(|FileProblems(p)| p).unwrap_or_default();
    let imported = use_query_map().with_untracked(|q| q.get("imported"));
    let query = org.map(|id| format!("?org_id={id}")).unwrap_or_default();
    let refused = outcome.with_untracked(|o| o.is_some());
    view! {
        <div class=classes::CARD data-nowasm-only="" data-testid="without-grid">
            <p>{t(Msg::InvWithoutGrid)}</p>
            {imported.map(|rows| view! {
                <p role="status" class=classes::NOTICE>{tr(&LocalText::new(Msg::InvReplaced).arg("rows", rows))}</p>
            })}
            <div class="flex flex-wrap gap-2">
                <a href=format!("/inventory/export.xlsx{query}") download class=classes::SECONDARY_BUTTON>{t(Msg::InvExportXlsx)}</a>
                <a href=format!("/inventory/export.csv{query}") download class=classes::SECONDARY_BUTTON>{t(Msg::InvExportCsv)}</a>
            </div>
            <form method="post" action=format!("/inventory/replace{query}") enctype="multipart/form-data" class="flex flex-col gap-2">
                <label for="replace-file" class="font-semibold text-slate-900">{t(Msg::InvReplaceLabel)}</label>
                <p id="replace-file-hint" class="text-sm text-slate-700">{t(Msg::InvReplaceHint)}</p>
                <input id="replace-file" type="file" name="file" required=true autofocus=refused
                    accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                    aria-describedby="replace-file-hint replace-file-error" aria-invalid=if refused { "true" } else { "false" }/>
                <p id="replace-file-error" class="text-sm font-semibold text-red-800">
                    {move || field_error(outcome, "file").get().map(|e| tr(&e))}
                </p>
                {(!problems.is_empty()).then(|| view! {
                    <ul class="max-h-80 list-disc overflow-auto pl-6 text-sm" data-testid="file-problems">
                        {problems.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ul>
                })}
                <FormAlert outcome fields=&["file"]/>
                <button type="submit" class=format!("{} self-start", classes::BUTTON)>{t(Msg::InvReplaceButton)}</button>
            </form>
        </div>
    }
}
