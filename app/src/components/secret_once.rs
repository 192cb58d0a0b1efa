use leptos::prelude::*;

use super::classes;
use crate::i18n::{t, tr, LocalText, Msg};

/// A subsystem's new secret, shown this once (the server keeps only its hash): in a box to
/// copy from, with the warning that it will not be shown again, until 我已複製密鑰 closes it.
#[component]
pub fn SecretOnce(
    code: String,
    secret: String,
    /// After a rotation: the old secret still works for a while.
    #[prop(optional)]
    rotated: bool,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let heading_id = format!("secret-{code}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <div role="status" aria-labelledby=labelled_by data-testid="secret-once"
            class="flex flex-col gap-2 rounded-md border-2 border-amber-500 bg-amber-50 p-3 text-amber-950">
            <p id=heading_id class="font-bold">{tr(&LocalText::new(Msg::SubsystemsSecretTitle).arg("code", &code))}</p>
            <code class="select-all break-all rounded border border-amber-300 bg-white px-3 py-2 font-mono text-base text-slate-900"
                data-testid="secret-value">
                {secret}
            </code>
            <p class="font-semibold">{t(Msg::SubsystemsSecretOnce)}</p>
            {rotated.then(|| view! { <p class="text-sm">{t(Msg::SubsystemsSecretOverlap)}</p> })}
            <button type="button" class=format!("{} self-start", classes::SECONDARY_BUTTON) on:click=move |_| on_done.run(())>
                {t(Msg::SubsystemsSecretCopied)}
            </button>
        </div>
    }
}
