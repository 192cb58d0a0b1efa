use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    accounts::{MemberFormInfo, MembersView},
    components::{
        changes_but_step_up, classes, Access, ErrorNotice, FormAlert, ListSearch, Loading, MemberActions,
        MemberFileUpload, MemberForm, MemberItem, Protected, StepUpAlert,
    },
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
    permissions::Action,
    server_fns::{member_form_info, members_view, CreateMember, CreateMembers},
};

/// 子帳號管理 (SPEC §4): the main account creates its organization's sub-accounts, finds
/// them, turns them off and on, re-sends their link, resets their bindings and grants them
/// subsystems.
#[component]
pub fn MembersPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.with(|m| m.get("q").unwrap_or_default());
    let create = ServerAction::<CreateMember>::new();
    let create_many = ServerAction::<CreateMembers>::new();
    let actions = MemberActions {
        enable: ServerAction::new(),
        resend: ServerAction::new(),
        reset: ServerAction::new(),
        grant: ServerAction::new(),
        transfer: ServerAction::new(),
        asked: RwSignal::new(None),
    };
    // Made here, not inside `Protected` (a server render may run its content more than once).
    // The form's setting is read once: the form is not made again when the list is.
    let form = Resource::new(|| (), |_| member_form_info());
    let resets = changes_but_step_up(move || actions.reset.version().get(), actions.reset.value());
    let view = Resource::new(
        move || {
            let a = actions;
            let made = (create.version().get(), create_many.version().get());
            (q(), made, a.enable.version().get(), resets.get(), a.grant.version().get())
        },
        |(q, ..)| members_view(q),
    );
    view! {
        <Title text=t(Msg::MembersTitle)/>
        <Protected access=Access::May(|a| Action::ManageMembers(a.org_id)) render=move |_| view! { <Members q=Signal::derive(q) form view create create_many actions/> }.into_any()/>
    }
}

#[component]
fn Members(
    q: Signal<String>,
    form: Resource<Result<MemberFormInfo, AppError>>,
    view: Resource<Result<MembersView, AppError>>,
    create: ServerAction<CreateMember>,
    create_many: ServerAction<CreateMembers>,
    actions: MemberActions,
) -> impl IntoView {
    // The last change said once it is done (each action's errors have their own alert).
    let said = RwSignal::new(None::<String>);
    let done = move |ok: bool| {
        if ok {
            said.set(actions.asked.get_untracked().map(|(msg, who)| tr(&LocalText::new(msg).arg("username", who))));
        } else {
            said.set(None);
        }
    };
    let outcomes = [actions.enable.value(), actions.resend.value(), actions.reset.value(), actions.grant.value()];
    for outcome in outcomes {
        Effect::new(move |_| outcome.with(|v| v.as_ref().map(|r| r.is_ok())).map(done));
    }
    // Handed on, this account manages no more: the account page, read afresh, says what it is.
    Effect::new(move |_| {
        if let Some(Ok(())) = actions.transfer.value().get() {
            #[cfg(feature = "hydrate")]
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_href("/account");
            }
        }
    });
    view! {
        <section class="flex flex-col gap-4">
            <h1 class=classes::H1>{t(Msg::MembersTitle)}</h1>
            <p class="text-slate-700">{t(Msg::MembersIntro)}</p>
            <p><a href="/members/log" class="font-semibold text-blue-800 underline">{t(Msg::MemberLogTitle)}</a></p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match form.await {
                        Ok(MemberFormInfo { org_name, prefix: Some(prefix), email_domains }) => view! {
                            <p class="font-semibold">{org_name}</p>
                            <MemberForm prefix email_domains action=create/>
                            <MemberFileUpload create=create_many/>
                        }.into_any(),
                        Ok(MemberFormInfo { org_name, prefix: None, .. }) => view! {
                            <p class="font-semibold">{org_name}</p>
                            <p class=classes::CARD>{t(Msg::MembersNoPrefix)}</p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match view.await {
                        Ok(v) => view! { <MemberList v q actions said/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn MemberList(
    v: MembersView,
    q: Signal<String>,
    actions: MemberActions,
    said: RwSignal<Option<String>>,
) -> impl IntoView {
    let MembersView { grantable, members, more } = v;
    let listed = members.len();
    view! {
        <div class=classes::CARD>
            <h2 class="text-lg font-semibold">{t(Msg::MembersList)}</h2>
            <ListSearch action="/members" label=Msg::MembersSearch q/>
            {grantable.is_empty().then(|| view! { <p class="text-sm text-slate-700">{t(Msg::MembersNothingGrantable)}</p> })}
            // One place in the flow of the card for what the last change did, said or refused.
            <div class="flex flex-col">
                <div role="status" aria-live="polite">{move || said.get().map(|s| view! { <p class=format!("{} break-words", classes::NOTICE)>{s}</p> })}</div>
                <FormAlert outcome=actions.enable.value() fields=&[]/>
                <FormAlert outcome=actions.resend.value() fields=&[]/>
                <StepUpAlert outcome=actions.reset.value()/>
                <FormAlert outcome=actions.grant.value() fields=&[]/>
                <StepUpAlert outcome=actions.transfer.value()/>
            </div>
            {if members.is_empty() {
                view! { <p>{t(Msg::MembersNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="flex flex-col gap-3" aria-label=t(Msg::MembersList)>
                        {members.into_iter().map(|row| view! { <MemberItem row grantable=grantable.clone() actions/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {more.then(|| view! { <p class="text-sm text-slate-700">{tr(&LocalText::new(Msg::MembersMore).arg("n", listed))}</p> })}
        </div>
    }
}
