use leptos::prelude::*;

use crate::i18n::{t, tr, LocalText, Msg};

/// Links between the pages of a server-paged list (`?page=N` on `href`, whose other query
/// parameters stay): plain links, so that they work before the wasm loads and without it.
/// Where a link would lead nowhere (the previous page of the first) its place shows the label
/// greyed, not a link.
#[component]
pub fn PageLinks(
    /// The list's address with its other parameters, e.g. `/admin/applications?kind=user&q=`.
    #[prop(into)]
    href: String,
    page: i64,
    pages: i64,
) -> impl IntoView {
    let joiner = if href.contains('?') { '&' } else { '?' };
    let link = move |label: Msg, to: i64, active: bool| {
        let class = "flex min-h-11 items-center justify-center rounded-md border px-3 py-2 font-semibold";
        if active {
            let target = format!("{href}{joiner}page={to}");
            view! { <a href=target class=format!("{class} border-blue-800 text-blue-900 no-underline hover:bg-blue-50")>{t(label)}</a> }.into_any()
        } else {
            view! { <span class=format!("{class} border-slate-300 text-slate-600") aria-disabled="true">{t(label)}</span> }.into_any()
        }
    };
    let position = LocalText::new(Msg::PageOf).arg("page", page).arg("pages", pages);
    (pages > 1).then(|| {
        view! {
            <nav aria-label=t(Msg::Pagination) class="flex flex-col gap-2" data-testid="page-links">
                <p class="text-center" data-testid="page-position">{tr(&position)}</p>
                <div class="grid grid-cols-2 gap-2 sm:grid-cols-4">
                    {link(Msg::FirstPage, 1, page > 1)}
                    {link(Msg::PreviousPage, page - 1, page > 1)}
                    {link(Msg::NextPage, page + 1, page < pages)}
                    {link(Msg::LastPage, pages, page < pages)}
                </div>
            </nav>
        }
    })
}
