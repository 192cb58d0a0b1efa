use leptos::prelude::*;

use super::{classes, inventory_cards::InventoryCards, inventory_grid::InventoryGrid};
use crate::{
    error::AppError,
    i18n::{t, tr, use_locale, LocalText, Msg},
    inventory::{
        grid::{Grid, SaveBatch, ViewOptions},
        Sheet,
    },
    server_fns::{SaveInventory, SubmitInventory},
    time::{taipei_date, taipei_datetime},
    window_size::wide_window,
};

/// An organization's inventory: the toolbar (save, undo, redo, rows, filter, files, 提報), the
/// grid, and what happened, said in a live region.
#[component]
pub fn InventorySheet(mut sheet: Sheet, #[prop(into)] reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let org_id = sheet.org_id;
    // Marks around the rows' way into the grid, for the browser benchmark (`end2end/bench/`).
    performance_mark("gatehouse-inventory-rows-start");
    // The rows and their problems are taken, not copied: nothing else here reads them.
    let (rows, problems) = (std::mem::take(&mut sheet.rows), std::mem::take(&mut sheet.problems));
    let grid = RwSignal::new(Grid::from_rows(rows, problems));
    performance_mark("gatehouse-inventory-rows-end");
    let filter = RwSignal::new(String::new());
    let only_errors = RwSignal::new(false);
    let sort = RwSignal::new(None);
    let rows = Memo::new(move |_| {
        let options = ViewOptions { filter: filter.get(), only_errors: only_errors.get(), sort: sort.get() };
        grid.with(|g| g.view(&options))
    });
    let announce = RwSignal::new(String::new());
    let editable = sheet.editable;
    let counts = move || grid.with(Grid::error_counts);
    let dirty = move || grid.with(Grid::is_dirty);

    let save = ServerAction::<SaveInventory>::new();
    // What the save on its way sent: the grid may be edited meanwhile, and its answer is
    // taken in against what was sent.
    let sent = StoredValue::new(SaveBatch::default());
    let on_save = move |_| {
        let batch = grid.with_untracked(Grid::changes);
        if batch.is_empty() {
            return;
        }
        let changes = batch.changes().to_vec();
        sent.set_value(batch);
        save.dispatch(SaveInventory { org_id, changes });
    };
    Effect::new(move |_| {
        let Some(outcome) = save.value().get() else { return };
        let message = match outcome {
            Ok(saved) => {
                sent.with_value(|batch| grid.update(|g| g.saved(batch, &saved)));
                // Edits made while the save was on its way are still to save: said so, not
                // "saved" alone.
                LocalText::new(if grid.with_untracked(Grid::is_dirty) {
                    Msg::InvSavedMoreToSave
                } else {
                    Msg::InvSaved
                })
            }
            Err(e) => e.message(),
        };
        announce.set(message.render(locale));
    });
    let conflict = move || matches!(save.value().get(), Some(Err(AppError::Conflict { .. })));

    let submit = ServerAction::<SubmitInventory>::new();
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(_)) => reload.run(()),
        Some(Err(e)) => announce.set(e.message().render(locale)),
        None => {}
    });

    let add_row = move |_| {
        grid.update(|g| {
            g.insert_row(usize::MAX);
        });
        filter.set(String::new());
        only_errors.set(false);
    };
    let delete_rows = move |_| {
        // Deletes the rows the filter shows; with no filter, nothing (too easy to lose all).
        let keys: Vec<u64> = grid.with_untracked(|g| rows.get_untracked().iter().map(|i| g.rows[*i].key).collect());
        if filter.get_untracked().trim().is_empty() && !only_errors.get_untracked() {
            announce.set(t(Msg::InvDeleteNeedsFilter).to_string());
            return;
        }
        grid.update(|g| g.remove_rows(&keys));
        announce.set(LocalText::new(Msg::InvDeleted).arg("count", keys.len()).render(locale));
    };

    // 匯入: the file's rows replace the sheet's (one undoable step, saved only by 儲存); the
    // problems are listed by the file's row numbers.
    let import_problems = RwSignal::new(Vec::<String>::new());
    let importing = RwSignal::new(false);
    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let Some(file) = crate::upload::picked(&ev) else { return };
            importing.set(true);
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                match crate::inventory::upload::upload(org_id, file).await {
                    Ok(imported) => {
                        let problems = imported
                            .problems
                            .iter()
                            .map(|p| {
                                LocalText::new(Msg::InvCellError)
                                    .arg("row", imported.row_numbers.get(p.row).copied().unwrap_or(0))
                                    .arg("column", t(p.column.label()))
                                    .arg("message", p.message.render(locale))
                                    .render(locale)
                            })
                            .collect::<Vec<_>>();
                        let count = imported.rows.len();
                        grid.update(|g| {
                            g.clear();
                            g.append(imported.rows);
                        });
                        filter.set(String::new());
                        only_errors.set(!problems.is_empty());
                        announce.set(
                            LocalText::new(Msg::InvImported)
                                .arg("rows", count)
                                .arg("problems", problems.len())
                                .render(locale),
                        );
                        import_problems.set(problems);
                    }
                    Err(e) => {
                        import_problems.set(Vec::new());
                        announce.set(e.message().render(locale));
                    }
                }
                importing.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };

    let wide = wide_window();
    let export = |kind: &str| format!("/inventory/export.{kind}?org_id={org_id}");
    let period = sheet.period.clone();
    let submission = sheet.submission.clone();
    view! {
        <section class="flex flex-col gap-3" data-testid="inventory" data-wide="">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h1 class=classes::H1>{t(Msg::InvTitle)}</h1>
                <p class="text-slate-700">{sheet.org_name.clone()}</p>
            </div>
            {period.map(|p| view! {
                <p class="text-sm text-slate-700">
                    {LocalText::new(Msg::InvPeriodOpen).arg("title", &p.title).arg("from", taipei_date(p.opens_at)).arg("to", taipei_date(p.closes_at - 1)).render(locale)}
                </p>
            })}
            {submission.map(|s| view! {
                <p class=classes::NOTICE data-testid="submitted">
                    {LocalText::new(Msg::InvSubmittedAt).arg("at", taipei_datetime(s.submitted_at)).arg("by", &s.submitted_by).arg("rows", s.figures.rows).render(locale)}
                </p>
            })}
            <div class="flex flex-wrap items-end gap-2" role="toolbar" aria-label=t(Msg::InvToolbar)>
                <button type="button" class=classes::BUTTON on:click=on_save
                    disabled=move || { !editable || !dirty() || counts().0 > 0 || save.pending().get() }>
                    {t(Msg::InvSave)}
                </button>
                <button type="button" class=classes::SECONDARY_BUTTON disabled=move || !editable || !grid.with(Grid::can_undo)
                    on:click=move |_| grid.update(Grid::undo)>{t(Msg::InvUndo)}</button>
                <button type="button" class=classes::SECONDARY_BUTTON disabled=move || !editable || !grid.with(Grid::can_redo)
                    on:click=move |_| grid.update(Grid::redo)>{t(Msg::InvRedo)}</button>
                <button type="button" class=classes::SECONDARY_BUTTON disabled=!editable on:click=add_row>{t(Msg::InvAddRow)}</button>
                <button type="button" class=classes::SECONDARY_BUTTON disabled=!editable on:click=delete_rows>{t(Msg::InvDeleteShown)}</button>
                <div class="flex flex-col gap-1">
                    <label for="inv-filter" class="text-sm font-semibold">{t(Msg::InvFilter)}</label>
                    <input id="inv-filter" type="search" class="min-h-11 rounded-md border border-slate-500 px-3 py-2"
                        prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev))/>
                </div>
                <label class="flex min-h-11 items-center gap-2">
                    <input type="checkbox" class="h-5 w-5" prop:checked=move || only_errors.get()
                        on:change=move |ev| only_errors.set(event_target_checked(&ev))/>
                    {t(Msg::InvOnlyErrors)}
                </label>
                <label class=move || format!("{} {}", classes::SECONDARY_BUTTON, if editable { "" } else { "opacity-60" })>
                    {move || if importing.get() { t(Msg::Loading) } else { t(Msg::InvImport) }}
                    <input type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                        class="sr-only" disabled=!editable on:change=on_file data-testid="import-file"/>
                </label>
                <a href=export("xlsx") rel="external" download class=classes::SECONDARY_BUTTON>{t(Msg::InvExportXlsx)}</a>
                <a href=export("csv") rel="external" download class=classes::SECONDARY_BUTTON>{t(Msg::InvExportCsv)}</a>
                {sheet.can_submit.then(|| view! {
                    <button type="button" class=classes::BUTTON disabled=move || { dirty() || counts().0 > 0 || submit.pending().get() }
                        on:click=move |_| { submit.dispatch(SubmitInventory { org_id }); }>
                        {t(Msg::InvSubmit)}
                    </button>
                })}
            </div>
            <p class="text-sm text-slate-700" data-testid="grid-status">
                {move || LocalText::new(Msg::InvRowsShown).arg("shown", rows.with(Vec::len)).arg("total", grid.with(|g| g.rows.len())).render(locale)}
                {move || {
                    let (r, c) = counts();
                    (c > 0).then(|| view! { " · " <span class="font-semibold text-red-800">{LocalText::new(Msg::InvErrorsSummary).arg("rows", r).arg("cells", c).render(locale)}</span> })
                }}
                {move || dirty().then(|| view! { " · " <span class="font-semibold">{t(Msg::InvUnsaved)}</span> })}
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
            // The table from tablet width up; cards on a phone. Only the one the window shows
            // is built (the sheet is drawn in the browser alone, so the server's page has
            // neither). Both were built before: 672 grid cells on a phone, ten cards of 21
            // fields on a computer, drawn and never shown.
            {move || if wide.get() {
                view! {
                    <div>
                        <InventoryGrid grid rows editable sort announce/>
                        <p class="mt-2 text-sm text-slate-600">{t(Msg::InvKeyboardHelp)}</p>
                    </div>
                }.into_any()
            } else {
                view! { <div><InventoryCards grid rows editable/></div> }.into_any()
            }}
            {move || save.value().get().and_then(Result::err).and_then(|e| match e {
                AppError::InvalidCells(problems) => Some(view! {
                    <ul class="list-disc pl-6 text-sm text-red-800">
                        {problems.into_iter().take(20).map(|p| view! { <li>{tr(&p.message)}</li> }).collect_view()}
                    </ul>
                }),
                _ => None,
            })}
        </section>
    }
}

/// A User Timing mark in the browser; nothing on the server.
fn performance_mark(name: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = name;
}
