use leptos::prelude::*;

use super::classes;
use crate::{
    i18n::{t, use_locale, Msg},
    inventory::grid::Grid,
};

/// 匯入: a file button whose file's rows replace the sheet's (one undoable step, saved only by
/// 儲存). The file's problems go to `problems`, by the file's row numbers, and the filter then
/// shows the rows that have them.
#[component]
pub fn InventoryImport(
    org_id: i64,
    grid: RwSignal<Grid>,
    filter: RwSignal<String>,
    only_errors: RwSignal<bool>,
    announce: RwSignal<String>,
    problems: RwSignal<Vec<String>>,
    editable: bool,
) -> impl IntoView {
    let locale = use_locale();
    let importing = RwSignal::new(false);
    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use crate::i18n::LocalText;
            let Some(file) = crate::upload::picked(&ev) else { return };
            importing.set(true);
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                match crate::inventory::upload::upload(org_id, file).await {
                    Ok(imported) => {
                        let found = imported.problem_lines(locale);
                        let count = imported.rows.len();
                        grid.update(|g| {
                            g.clear();
                            g.append(imported.rows);
                        });
                        filter.set(String::new());
                        only_errors.set(!found.is_empty());
                        announce.set(
                            LocalText::new(Msg::InvImported)
                                .arg("rows", count)
                                .arg("problems", found.len())
                                .render(locale),
                        );
                        problems.set(found);
                    }
                    Err(e) => {
                        problems.set(Vec::new());
                        announce.set(e.message().render(locale));
                    }
                }
                importing.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, locale, org_id, grid, filter, only_errors, announce, problems);
    };
    view! {
        <label class=move || format!("{} {}", classes::SECONDARY_BUTTON, if editable { "" } else { "opacity-60" })>
            {move || if importing.get() { t(Msg::Loading) } else { t(Msg::InvImport) }}
            <input type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                class="sr-only" disabled=!editable on:change=on_file data-testid="import-file"/>
        </label>
    }
}
