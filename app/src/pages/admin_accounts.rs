use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    accounts::AccountRow,
    components::{
        changes_but_step_up, classes, Access, ErrorNotice, FormAlert, ListSearch, Loading, Protected, StepUpAlert,
        StepUpForm,
    },
    error::AppError,
    i18n::{t, Msg},
    permissions::Action,
    server_fns::{admin_find_users, AdminResetFactors, AdminUnlock},
    time::taipei_datetime,
};

/// The central authority's account search: lockouts and bindings, with 解除鎖定 and
/// 重設登入綁定.
#[component]
pub fn AdminAccountsPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.with(|m| m.get("q").unwrap_or_default());
    let unlock = ServerAction::<AdminUnlock>::new();
    let reset = ServerAction::<AdminResetFactors>::new();
    // Made here, not inside `Protected`: a server render may run `Protected`'s content more
    // than once, and a resource made there would be fetched each time.
    let resets = changes_but_step_up(move || reset.version().get(), reset.value());
    let rows = Resource::new(move || (q(), unlock.version().get(), resets.get()), |(q, _, _)| admin_find_users(q));
    view! {
        <Title text=t(Msg::AdminAccountsTitle)/>
        <Protected access=Access::May(|_| Action::FindAccounts) render=move |_| view! { <Accounts q=Signal::derive(q) unlock reset rows/> }.into_any()/>
    }
}

#[component]
fn Accounts(
    q: Signal<String>,
    unlock: ServerAction<AdminUnlock>,
    reset: ServerAction<AdminResetFactors>,
    rows: Resource<Result<Vec<AccountRow>, AppError>>,
) -> impl IntoView {
    view! {
        <section class="flex flex-col gap-4">
            <AdminNav/>
            <h1 class=classes::H1>{t(Msg::AdminAccountsTitle)}</h1>
            <ListSearch action="/admin/accounts" label=Msg::AdminAccountsSearch q/>
            <FormAlert outcome=unlock.value() fields=&[]/>
            <StepUpAlert outcome=reset.value()/>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(list) if list.is_empty() => view! { <p>{t(Msg::NoAccounts)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="flex flex-col gap-3">
                                {list.into_iter().map(|row| view! { <AccountItem row unlock reset/> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn AccountItem(
    row: AccountRow,
    unlock: ServerAction<AdminUnlock>,
    reset: ServerAction<AdminResetFactors>,
) -> impl IntoView {
    let id = row.id.to_string();
    let user_id = row.id;
    // The reset asks for a fresh verification (it lets whoever knows the password bind anew);
    // once given, it is sent again.
    let asked = RwSignal::new(false);
    let needs_step_up = move || asked.get() && matches!(reset.value().get(), Some(Err(AppError::StepUpRequired)));
    let send = move || {
        asked.set(true);
        reset.dispatch(AdminResetFactors { user_id });
    };
    view! {
        <li class=classes::CARD data-testid="account-row">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <p class="font-mono font-semibold">{row.username.clone()}</p>
                <p class="text-sm">{row.display_name.clone()}" · "{row.org_name.clone()}" · "{t(row.role.label())}</p>
            </div>
            <p class="text-sm text-slate-700">
                {row.email.clone()}" · "{t(Msg::FactorsBound)}" "{row.factors}" · "{t(Msg::LastSignIn)}" "
                {row.last_sign_in_at.map(taipei_datetime).unwrap_or_else(|| "—".into())}
            </p>
            {row.locked.then(|| view! { <p class="font-semibold text-red-800">{t(Msg::AccountLocked)}</p> })}
            <div class="flex flex-wrap gap-2">
                <ActionForm action=unlock>
                    <input type="hidden" name="user_id" value=id/>
                    <button type="submit" class=classes::SECONDARY_BUTTON disabled=!row.locked && row.failures == 0>{t(Msg::Unlock)}</button>
                </ActionForm>
                <button type="button" class=classes::SECONDARY_BUTTON disabled=move || row.factors == 0 || reset.pending().get()
                    on:click=move |_| send()>{t(Msg::ResetFactors)}</button>
            </div>
            <Show when=needs_step_up>
                <div role="group" class="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3">
                    <p class="font-semibold">{t(Msg::ResetFactorsVerify)}</p>
                    <StepUpForm on_verified=move |_| send()/>
                </div>
            </Show>
        </li>
    }
}

/// Links between the central authority's pages.
#[component]
pub fn AdminNav() -> impl IntoView {
    let path = leptos_router::hooks::use_location().pathname;
    let item = move |href: &'static str, label: Msg| {
        let current = move || path.with(|p| p == href);
        view! {
            <a href=href aria-current=move || current().then_some("page")
                class="rounded-md px-3 py-2 font-semibold text-blue-900 no-underline hover:bg-blue-50"
                class:bg-blue-100=current>
                {t(label)}
            </a>
        }
    };
    view! {
        <nav aria-label=t(Msg::NavAdmin) class="flex flex-wrap gap-1 border-b border-slate-200 pb-2 text-sm">
            {item("/admin/accounts", Msg::AdminAccountsTitle)}
            {item("/admin/applications", Msg::ReviewTitle)}
            {item("/admin/org-admins", Msg::OrgAdminsTitle)}
            {item("/admin/organizations", Msg::OrgsTitle)}
            {item("/admin/audit", Msg::AdminAuditTitle)}
            {item("/admin/outbox", Msg::FailedMailTitle)}
            {item("/admin/announcements", Msg::AdminAnnouncementsTitle)}
            {item("/admin/inventory", Msg::InvAdminTitle)}
            {item("/admin/subsystems", Msg::SubsystemsTitle)}
            {item("/admin/terms", Msg::AdminTermsTitle)}
        </nav>
    }
}
