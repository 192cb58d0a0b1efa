use leptos::prelude::*;

use crate::{
    directory::OrgRef,
    i18n::{t, Msg},
};

/// The organizations above one, as links: 行政院 › 教育部.
#[component]
pub fn ParentChain(parents: Vec<OrgRef>) -> impl IntoView {
    (!parents.is_empty()).then(|| {
        view! {
            <p class="text-sm text-slate-600">
                <span class="sr-only">{t(Msg::ParentsLabel)}</span>
                {parents
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| {
                        view! {
                            {(i > 0).then(|| view! { <span aria-hidden="true">" › "</span> })}
                            <a href=format!("/org/{}", p.key) rel="external" class="text-slate-700 underline-offset-2 hover:underline">
                                {p.name}
                            </a>
                        }
                    })
                    .collect_view()}
            </p>
        }
    })
}
