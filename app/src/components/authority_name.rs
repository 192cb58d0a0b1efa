use leptos::prelude::*;

use crate::{
    inventory::{grid::Grid, Column},
    oid::Oid,
    server_fns::get_org,
};

/// After 系統主管機關OID is set: when 系統主管機關名稱 is empty, fills it with the directory's
/// name of that OID, as the import does. Not a component: the grid and the cards call it.
pub fn fill_authority_name(grid: RwSignal<Grid>, key: u64, column: Column) {
    if column != Column::AuthorityOid {
        return;
    }
    let (oid_at, name_at) = (Column::AuthorityOid.index(), Column::AuthorityName.index());
    let Some(oid) =
        grid.with_untracked(|g| g.row(key).filter(|r| r.cells[name_at].is_empty()).map(|r| r.cells[oid_at].clone()))
    else {
        return;
    };
    if Oid::parse(&oid).is_err() {
        return;
    }
    // Not cancelled with the caller (the cell's editor is gone as soon as the edit ends); the
    // answer is dropped only if the grid itself is gone.
    leptos::task::spawn_local(async move {
        if let Ok(org) = get_org(oid.clone()).await {
            grid.try_update(|g| {
                // Only if the row still has that OID and no name: the user may have moved on.
                if g.row(key).is_some_and(|r| r.cells[oid_at] == oid && r.cells[name_at].is_empty()) {
                    g.set(key, Column::AuthorityName, &org.summary.name);
                }
            });
        }
    });
}
