use leptos::prelude::*;

use super::classes;
use crate::{
    error::AppError,
    i18n::{t, use_locale, LocalText, Msg},
    inventory::grid::Grid,
    server_fns::SaveInventory,
};

/// What the sheet says about itself under the toolbar: the rows shown, the errors, unsaved
/// edits, a lock, the last thing that happened (a live region), a reload after a save that
/// met someone else's, and the last import's problems.
#[component]
pub fn InventoryStatus(
    grid: RwSignal<Grid>,
    rows: Memo<Vec<usize>>,
    announce: RwSignal<String>,
    import_problems: RwSignal<Vec<String>>,
    editable: bool,
    save: ServerAction<SaveInventory>,
    reload: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let conflict = move || matches!(save.value().get(), Some(Err(AppError::Conflict { .. })));
    view! {
        <p class="text-sm text-slate-700" data-testid="grid-status">
            {move || LocalText::new(Msg::InvRowsShown).arg("shown", rows.with(Vec::len)).arg("total", grid.with(|g| g.rows.len())).render(locale)}
            {move || {
                let (r, c) = grid.with(Grid::error_counts);
                (c > 0).then(|| view! { " · " <span class="font-semibold text-red-800">{LocalText::new(Msg::InvErrorsSummary).arg("rows", r).arg("cells", c).render(locale)}</span> })
            }}
            {move || grid.with(Grid::is_dirty).then(|| view! { " · " <span class="font-semibold">{t(Msg::InvUnsaved)}</span> })}
        </p>
        {(!editable).then(|| view! { <p class="font-semibold">{t(Msg::InvLocked)}</p> })}
        <p role="status" aria-live="polite" class="min-h-6 text-sm" data-testid="grid-announce">{move || announce.get()}</p>
        {move || conflict().then(|| view! {
            <button type="button" class=classes::SECONDARY_BUTTON on:click=move |_| reload.run(())>{t(Msg::InvReload)}</button>
        })}
        {move || {
            let problems = import_problems.get();
            (!problems.is_empty()).then(|| view! {
                <details class="rounded-md border border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900" open data-testid="import-problems">
                    <summary class="cursor-pointer font-semibold">{LocalText::new(Msg::InvImportProblems).arg("count", problems.len()).render(locale)}</summary>
                    <ul class="list-disc pl-6">{problems.into_iter().take(200).map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </details>
            })
        }}
    }
}
