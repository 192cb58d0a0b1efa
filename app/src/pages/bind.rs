use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::{classes, field_error, Access, ErrorNotice, FormAlert, Loading, Protected, StepUpForm, TextField},
    error::AppError,
    i18n::{t, Msg},
    server_fns::{ConfirmTotp, OfferTotp},
};

/// 綁定驗證器: a new QR code on every view (never shown again once bound), the same secret as
/// text for typing in, and a current code to confirm.
#[component]
pub fn BindPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::BindTitle)/>
        <Protected access=Access::Binding render=|_| view! { <Binding/> }.into_any()/>
    }
}

#[component]
fn Binding() -> impl IntoView {
    // Asked for in the browser once the page is mounted: the secret must not sit in the
    // server-rendered HTML or in any cache, and each view gets its own.
    let offer = ServerAction::<OfferTotp>::new();
    Effect::new(move |_| {
        offer.dispatch(OfferTotp {});
    });
    let offered = offer.value();
    let action = ServerAction::<ConfirmTotp>::new();
    let outcome = action.value();
    let go_next = crate::components::use_go_next();
    Effect::new(move |_| {
        if let Some(Ok(next)) = outcome.get() {
            go_next.run(next);
        }
    });
    let code = RwSignal::new(String::new());
    view! {
        <section class="mx-auto flex w-full max-w-xl flex-col gap-4">
            <h1 class=classes::H1>{t(Msg::BindTitle)}</h1>
            <p>{t(Msg::BindIntro)}</p>
            <ol class="flex list-decimal flex-col gap-2 pl-6">
                <li>{t(Msg::BindStep1)}</li>
                <li>{t(Msg::BindStep2)}</li>
                <li>{t(Msg::BindStep3)}</li>
            </ol>
            {move || match offered.get() {
                None => view! { <Loading/> }.into_any(),
                // Rebinding replaces the factor the account signs in with: the server asks for
                // a fresh proof of the bound one first.
                Some(Err(AppError::StepUpRequired)) => view! {
                    <StepUpForm on_verified=move |_| { offer.dispatch(OfferTotp {}); }/>
                }.into_any(),
                Some(Ok(o)) => view! {
                    <div class="flex flex-col items-center gap-3 rounded-lg border border-slate-200 bg-white p-4">
                        <img src=o.qr alt=t(Msg::QrAlt) width="220" height="220" data-testid="totp-qr" data-uri=o.uri.clone()/>
                        <p class="text-sm">{t(Msg::SecretLabel)}</p>
                        <p class="break-all font-mono text-lg" data-testid="totp-secret">{o.secret_grouped}</p>
                    </div>
                }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error/> }.into_any(),
            }}
            <Show when=move || matches!(offered.get(), Some(Ok(_)))>
            <ActionForm action=action attr:class=classes::CARD attr:novalidate=true>
                <TextField id="code" name="code" label=Msg::TotpCode value=code autocomplete="one-time-code" inputmode="numeric"
                    hint=Msg::TotpCodeHint error=field_error(outcome, "code") required=true mono=true/>
                <FormAlert outcome fields=&["code"]/>
                <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::BindConfirm)}</button>
            </ActionForm>
            </Show>
        </section>
    }
}
