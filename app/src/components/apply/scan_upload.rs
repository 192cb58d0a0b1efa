use leptos::prelude::*;

use crate::{
    components::classes,
    i18n::{t, tr, LocalText, Msg},
};

/// An organization admin's application: download the filled-in 機關管理者帳號申請(異動)單, then
/// upload its stamped scan. `uploaded` is whether a scan is on the application; `done` is
/// called after a new one was taken.
#[component]
pub fn ScanUpload(uploaded: bool, done: Callback<()>) -> impl IntoView {
    let sending = RwSignal::new(false);
    let error = RwSignal::new(None::<LocalText>);
    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let Some(file) = crate::upload::picked(&ev) else { return };
            sending.set(true);
            error.set(None);
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                let too_large =
                    LocalText::new(Msg::ApplyScanTooLarge).arg("max", crate::accounts::MAX_SCAN_BYTES / 1024 / 1024);
                match crate::upload::post_file("/apply/scan", file, "scan", too_large).await {
                    Ok(_) => done.run(()),
                    Err(e) => error.set(Some(e.message())),
                }
                sending.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, done);
    };
    view! {
        <div class="flex flex-col gap-3 rounded-md border border-slate-300 p-4" data-testid="scan-upload">
            <h3 class="font-semibold">{t(Msg::ApplyFormTitle)}</h3>
            <p class="text-sm">{t(Msg::ApplyFormSteps)}</p>
            <a href="/apply/form.xlsx" rel="external" download class=format!("{} self-start no-underline", classes::SECONDARY_BUTTON)>
                {t(Msg::ApplyFormDownload)}
            </a>
            <label class="flex flex-col gap-1">
                <span class="font-semibold">{t(Msg::ApplyScanLabel)}</span>
                <input type="file" accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png" on:change=on_file
                    disabled=move || sending.get() aria-describedby="scan-error" data-testid="scan-file"
                    class="text-sm file:mr-3 file:min-h-11 file:rounded-md file:border file:border-blue-800 file:bg-white file:px-4 file:font-semibold file:text-blue-900"/>
            </label>
            <p class="text-sm" role="status" data-testid="scan-state">
                {move || if sending.get() { t(Msg::Loading) } else if uploaded { t(Msg::ApplyScanUploaded) } else { t(Msg::ApplyScanNone) }}
            </p>
            <p id="scan-error" class="font-semibold text-red-800" aria-live="polite">{move || error.get().map(|m| tr(&m))}</p>
        </div>
    }
}
