use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    accounts::{Consent, SubsystemAccess, Viewer},
    components::{classes, Access, ConsentList, DetailRow, FormAlert, Protected, SubsystemAccessList},
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
    permissions::{subsystem_reach, Action, SubsystemReach},
    server_fns::{my_consents, my_subsystems, AskGrantChange, SetConsent, SignOutOthers},
};

/// 帳號設定: who you are, and your sign-in settings.
#[component]
pub fn AccountPage() -> impl IntoView {
    let ask = ServerAction::<AskGrantChange>::new();
    // Made here, not inside `Protected` (a server render may run its content more than once).
    let access = Resource::new(move || ask.version().get(), |_| my_subsystems());
    let withdraw = ServerAction::<SetConsent>::new();
    let consents = Resource::new(move || withdraw.version().get(), |_| my_consents());
    view! {
        <Title text=t(Msg::AccountTitle)/>
        <Protected access=Access::SignedIn render=move |viewer| view! { <Account viewer access ask consents withdraw/> }.into_any()/>
    }
}

#[component]
fn Account(
    viewer: Viewer,
    access: Resource<Result<Vec<SubsystemAccess>, AppError>>,
    ask: ServerAction<AskGrantChange>,
    consents: Resource<Result<Vec<Consent>, AppError>>,
    withdraw: ServerAction<SetConsent>,
) -> impl IntoView {
    let others = ServerAction::<SignOutOthers>::new();
    let outcome = others.value();
    view! {
        <section class="flex flex-col gap-6">
            <h1 class=classes::H1>{t(Msg::AccountTitle)}</h1>
            <dl class=classes::CARD>
                <DetailRow label=Msg::Username value={viewer.username.clone()}/>
                <DetailRow label=Msg::DisplayName value={viewer.display_name.clone()}/>
                <DetailRow label=Msg::Organization value={viewer.org_name.clone()}/>
                <DetailRow label=Msg::Role value={t(viewer.actor.role.label()).to_string()}/>
            </dl>
            {viewer.may(|a| Action::ManageMembers(a.org_id)).then(|| view! {
                <div class=classes::CARD>
                    <h2 class="text-lg font-semibold">{t(Msg::OrgAdminTools)}</h2>
                    // Plain links, as in 登入設定 below: a class on a link drops the link look.
                    <ul class="flex flex-col gap-2">
                        <li><a href="/members">{t(Msg::MembersTitle)}</a></li>
                        <li><a href="/admin/applications">{t(Msg::ReviewTitle)}</a></li>
                    </ul>
                </div>
            })}
            {(subsystem_reach(&viewer.actor) == SubsystemReach::Granted).then(|| view! { <SubsystemAccessList list=access ask/> })}
            <ConsentList list=consents withdraw/>
            <div class=classes::CARD>
                <h2 class="text-lg font-semibold">{t(Msg::SignInSettings)}</h2>
                <ul class="flex flex-col gap-2">
                    <li><a href="/account/profile">{t(Msg::ProfileTitle)}</a></li>
                    <li><a href="/account/password">{t(Msg::ChangePasswordTitle)}</a></li>
                    <li><a href="/account/sign-in-methods">{t(Msg::SignInMethodsLink)}</a></li>
                    <li><a href="/account/bind">{t(Msg::RebindTotp)}</a></li>
                    <li><a href="/account/activity">{t(Msg::ActivityTitle)}</a></li>
                    <li><TermsAgreement/></li>
                </ul>
                <ActionForm action=others attr:class="flex flex-col gap-2">
                    <p class="text-sm text-slate-700">{t(Msg::SignOutOthersHint)}</p>
                    <button type="submit" class=classes::SECONDARY_BUTTON>{t(Msg::SignOutOthers)}</button>
                </ActionForm>
                <p role="status" aria-live="polite">
                    {move || match outcome.get() {
                        Some(Ok(n)) => Some(tr(&LocalText::new(Msg::SignedOutOthers).arg("n", n))),
                        _ => None,
                    }}
                </p>
                <FormAlert outcome fields=&[]/>
            </div>
        </section>
    }
}

/// 用戶約定條款: the version this account agreed to and when, linking to the terms.
#[component]
fn TermsAgreement() -> impl IntoView {
    let terms = Resource::new(|| (), |_| crate::server_fns::get_terms());
    view! {
        <a href="/terms">{t(Msg::TermsAccount)}</a>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                terms.await.ok().and_then(|p| p.terms).and_then(|terms| terms.agreed_at.map(|at| view! {
                    <span class="text-sm text-slate-700" data-testid="terms-agreement">
                        "："{tr(&LocalText::new(Msg::TermsAccountAgreed)
                            .arg("version", terms.version)
                            .arg("date", crate::time::taipei_datetime(at)))}
                    </span>
                }))
            })}
        </Suspense>
    }
}
