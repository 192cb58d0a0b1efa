use leptos::prelude::*;

use super::{classes, StepUpAlert, StepUpForm};
use crate::{
    error::AppError,
    i18n::{t, Msg},
    server_fns::RotateSigningKeys,
};

/// 簽章金鑰: what they are (they rotate monthly by themselves) and 更換簽章金鑰 now, after a
/// fresh verification when the server asks for one.
#[component]
pub fn SigningKeyRotation() -> impl IntoView {
    let rotate = ServerAction::<RotateSigningKeys>::new();
    let outcome = rotate.value();
    let send = move || {
        rotate.dispatch(RotateSigningKeys {});
    };
    let needs_step_up = move || matches!(outcome.get(), Some(Err(AppError::StepUpRequired)));
    view! {
        <section class=classes::CARD aria-labelledby="signing-keys-heading" data-testid="signing-keys">
            <h2 id="signing-keys-heading" class="text-xl font-bold">{t(Msg::SubsystemsKeysTitle)}</h2>
            <p class="text-sm text-slate-700">{t(Msg::SubsystemsKeysIntro)}</p>
            <button type="button" class=format!("{} self-start", classes::SECONDARY_BUTTON)
                disabled=move || rotate.pending().get() on:click=move |_| send()>
                {t(Msg::SubsystemsKeysRotate)}
            </button>
            <p role="status" aria-live="polite">
                {move || matches!(outcome.get(), Some(Ok(()))).then(|| view! { <span class=classes::NOTICE>{t(Msg::SubsystemsKeysRotated)}</span> })}
            </p>
            <StepUpAlert outcome/>
            <Show when=needs_step_up>
                <div role="group" class="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3">
                    <p class="font-semibold">{t(Msg::SubsystemsVerify)}</p>
                    <StepUpForm on_verified=move |_| send()/>
                </div>
            </Show>
        </section>
    }
}
