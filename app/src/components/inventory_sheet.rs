use leptos::prelude::*;

use super::{
    classes, inventory_cards::InventoryCards, inventory_grid::InventoryGrid, inventory_status::InventoryStatus,
    inventory_toolbar::InventoryToolbar,
};
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
/// grid, and what happened, said in a live region. The sheet holds the rows and the view's
/// options, sends the saves and the submission and takes in their answers; its parts show
/// and edit them.
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
    // The last import's problems, by the file's row numbers.
    let import_problems = RwSignal::new(Vec::<String>::new());
    let editable = sheet.editable;

    let save = ServerAction::<SaveInventory>::new();
    // What the save on its way sent: the grid may be edited meanwhile, and its answer is
    // taken in against what was sent.
    let sent = StoredValue::new(SaveBatch::default());
    let on_save = Callback::new(move |()| {
        let batch = grid.with_untracked(Grid::changes);
        if batch.is_empty() {
            return;
        }
        let changes = batch.changes().to_vec();
        sent.set_value(batch);
        save.dispatch(SaveInventory { org_id, changes });
    });
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

    let submit = ServerAction::<SubmitInventory>::new();
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(_)) => reload.run(()),
        Some(Err(e)) => announce.set(e.message().render(locale)),
        None => {}
    });

    let wide = wide_window();
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
            <InventoryToolbar org_id grid rows filter only_errors announce import_problems editable
                can_submit=sheet.can_submit save on_save submit/>
            <InventoryStatus grid rows announce import_problems editable save reload/>
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
