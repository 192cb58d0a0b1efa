use leptos::prelude::*;

use super::{classes, inventory_import::InventoryImport};
use crate::{
    i18n::{t, use_locale, LocalText, Msg},
    inventory::grid::Grid,
    server_fns::{SaveInventory, SubmitInventory},
};

/// The sheet's commands: save, undo, redo, add a row, delete the rows shown, the filter, the
/// files in and out, and 提報 for whom may submit. The save and the submission are the sheet's
/// (it takes in their answers); the edits are made here.
#[component]
pub fn InventoryToolbar(
    org_id: i64,
    grid: RwSignal<Grid>,
    rows: Memo<Vec<usize>>,
    filter: RwSignal<String>,
    only_errors: RwSignal<bool>,
    announce: RwSignal<String>,
    import_problems: RwSignal<Vec<String>>,
    editable: bool,
    can_submit: bool,
    save: ServerAction<SaveInventory>,
    on_save: Callback<()>,
    submit: ServerAction<SubmitInventory>,
) -> impl IntoView {
    let locale = use_locale();
    let errors = move || grid.with(Grid::error_counts).0 > 0;
    let dirty = move || grid.with(Grid::is_dirty);
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
    let export = |kind: &str| format!("/inventory/export.{kind}?org_id={org_id}");
    view! {
        <div class="flex flex-wrap items-end gap-2" role="toolbar" aria-label=t(Msg::InvToolbar)>
            <button type="button" class=classes::BUTTON on:click=move |_| on_save.run(())
                disabled=move || { !editable || !dirty() || errors() || save.pending().get() }>
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
            <InventoryImport org_id grid filter only_errors announce problems=import_problems editable/>
            <a href=export("xlsx") rel="external" download class=classes::SECONDARY_BUTTON>{t(Msg::InvExportXlsx)}</a>
            <a href=export("csv") rel="external" download class=classes::SECONDARY_BUTTON>{t(Msg::InvExportCsv)}</a>
            {can_submit.then(|| view! {
                <button type="button" class=classes::BUTTON disabled=move || { dirty() || errors() || submit.pending().get() }
                    on:click=move |_| { submit.dispatch(SubmitInventory { org_id }); }>
                    {t(Msg::InvSubmit)}
                </button>
            })}
        </div>
    }
}
