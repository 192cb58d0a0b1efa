use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::{
    accounts::{ApplicationView, ApplyStep},
    components::{
        apply::{AccountStep, ContactStep, StatusStep, StepList, SubsystemsStep, VerifyStep},
        classes, ErrorNotice, Loading,
    },
    i18n::{t, Msg},
    server_fns::{
        get_application, ChooseSubsystems, ResendApplicationCode, StartApplication, SubmitApplication,
        VerifyApplication,
    },
};

/// 申請帳號 (SPEC §2): one page whose step is the furthest the application has reached, or an
/// earlier one named in the address (`?step=contact`), whose data is kept. The server holds the
/// application, so the page works the same after a reload, and each step's form posts without
/// JavaScript too.
#[component]
pub fn ApplyPage() -> impl IntoView {
    let query = use_query_map();
    let start = ServerAction::<StartApplication>::new();
    let verify = ServerAction::<VerifyApplication>::new();
    let resend = ServerAction::<ResendApplicationCode>::new();
    let choose = ServerAction::<ChooseSubsystems>::new();
    let submit = ServerAction::<SubmitApplication>::new();
    // Read again when a step succeeds (not after a refusal: the form keeps what was typed, and
    // a re-render would replace its inputs while the user corrects them).
    let done = RwSignal::new(0_usize);
    let application = Resource::new(move || done.get(), |_| get_application());
    let navigate = use_navigate();
    let on_success = move |succeeded: Signal<bool>| {
        let navigate = navigate.clone();
        Effect::new(move |_| {
            if succeeded.get() {
                done.update(|n| *n += 1);
                navigate("/apply", Default::default());
            }
        });
    };
    // One effect per action, each watching only its own answer.
    on_success(Signal::derive(move || matches!(start.value().get(), Some(Ok(())))));
    on_success(Signal::derive(move || matches!(verify.value().get(), Some(Ok(())))));
    on_success(Signal::derive(move || matches!(choose.value().get(), Some(Ok(())))));
    on_success(Signal::derive(move || matches!(submit.value().get(), Some(Ok(())))));
    let wanted = move || query.with(|q| q.get("step").and_then(|s| ApplyStep::from_slug(&s)));
    view! {
        <Title text=t(Msg::ApplyTitle)/>
        <section class="mx-auto flex w-full max-w-2xl flex-col gap-4">
            <h1 class=classes::H1>{t(Msg::ApplyTitle)}</h1>
            <p>{t(Msg::ApplyIntro)}</p>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match application.await {
                        Ok(view) => {
                            let reached = view.reached.unwrap_or(ApplyStep::Contact);
                            let step = wanted().filter(|w| *w <= reached).unwrap_or(reached);
                            view! { <Step view step reached start verify resend choose submit refetch=Callback::new(move |_| done.update(|n| *n += 1))/> }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Step(
    view: ApplicationView,
    step: ApplyStep,
    reached: ApplyStep,
    start: ServerAction<StartApplication>,
    verify: ServerAction<VerifyApplication>,
    resend: ServerAction<ResendApplicationCode>,
    choose: ServerAction<ChooseSubsystems>,
    submit: ServerAction<SubmitApplication>,
    /// Reads the application again (after a scan was uploaded).
    refetch: Callback<()>,
) -> impl IntoView {
    let form = match step {
        ApplyStep::Contact => view! { <ContactStep view=view.clone() action=start/> }.into_any(),
        ApplyStep::Verify => view! { <VerifyStep view=view.clone() action=verify resend/> }.into_any(),
        ApplyStep::Subsystems => view! { <SubsystemsStep view=view.clone() action=choose/> }.into_any(),
        ApplyStep::Account => view! { <AccountStep view=view.clone() action=submit/> }.into_any(),
        ApplyStep::Submitted => view! { <StatusStep view=view.clone() changed=move |_| refetch.run(())/> }.into_any(),
    };
    // A new application after a sent one starts at the first step, with the list from there.
    let list_reached =
        if step == ApplyStep::Contact && reached == ApplyStep::Submitted { ApplyStep::Contact } else { reached };
    view! {
        <StepList current=step reached=list_reached proof=view.proof/>
        {form}
    }
}
