use leptos::prelude::*;

use super::{classes, ErrorNotice, FormAlert, Loading};
use crate::{
    accounts::Consent,
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
    server_fns::SetConsent,
};

/// 同意授權: shows `children` once the subsystem's consent is given; before that, what the
/// subsystem would be given and the button that agrees (the page then reads `consent` again).
/// An account that may not open the subsystem is shown `children`, which say so.
#[component]
pub fn ConsentGate(
    consent: Resource<Result<Consent, AppError>>,
    give: ServerAction<SetConsent>,
    children: ChildrenFn,
) -> impl IntoView {
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match consent.await {
                    Ok(c) if c.accepted_at.is_some() => children.with_value(|c| c()).into_any(),
                    Ok(c) => view! { <Ask c give/> }.into_any(),
                    Err(AppError::Forbidden) => children.with_value(|c| c()).into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Ask(c: Consent, give: ServerAction<SetConsent>) -> impl IntoView {
    let code = c.code.clone();
    view! {
        <section class=format!("{} mx-auto max-w-xl", classes::CARD) data-testid="consent">
            <h1 class=classes::H1>{t(Msg::ConsentTitle)}</h1>
            <p>{tr(&LocalText::new(Msg::ConsentIntro).arg("subsystem", &c.name))}</p>
            <ul class="list-disc pl-6">
                {c.fields.iter().map(|f| view! { <li>{t(f.label())}</li> }).collect_view()}
            </ul>
            <p class="text-sm text-slate-700">{t(Msg::ConsentPurpose)}</p>
            // A form, so that agreeing works where the wasm does not run too.
            <ActionForm action=give attr:class="flex flex-col gap-4">
                <input type="hidden" name="code" value=code/>
                <input type="hidden" name="on" value="true"/>
                <FormAlert outcome=give.value() fields=&[]/>
                <div class="flex flex-wrap gap-2">
                    <button type="submit" class=classes::BUTTON disabled=move || give.pending().get()>{t(Msg::ConsentAccept)}</button>
                    <a href="/" rel="external" class=format!("{} no-underline", classes::SECONDARY_BUTTON)>{t(Msg::ConsentDecline)}</a>
                </div>
            </ActionForm>
        </section>
    }
}
