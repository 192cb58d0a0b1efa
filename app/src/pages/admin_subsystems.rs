use leptos::prelude::*;
use leptos_meta::Title;

use super::admin_accounts::AdminNav;
use crate::{
    components::{
        changes_but_step_up, classes, Access, Protected, SigningKeyRotation, SubsystemActions, SubsystemDraft,
        SubsystemForm, SubsystemList,
    },
    i18n::{t, Msg},
    permissions::Action,
    provider::Registration,
    server_fns::{list_subsystems, RotateSubsystemSecret, SaveSubsystem, SetSubsystemActive},
};

/// 子系統管理: the central authority registers the subsystems that sign in through the portal
/// (OpenID Connect clients), changes them, rotates their secrets, turns them off and on, and
/// rotates the provider's signing keys.
#[component]
pub fn AdminSubsystemsPage() -> impl IntoView {
    // Made here, not inside `Protected` (a server render may run its content more than once).
    let save = ServerAction::<SaveSubsystem>::new();
    let rotate = ServerAction::<RotateSubsystemSecret>::new();
    let switch = ServerAction::<SetSubsystemActive>::new();
    let saves = changes_but_step_up(move || save.version().get(), save.value());
    let rotations = changes_but_step_up(move || rotate.version().get(), rotate.value());
    let switches = changes_but_step_up(move || switch.version().get(), switch.value());
    let rows = Resource::new(move || (saves.get(), rotations.get(), switches.get()), |_| list_subsystems());
    let draft = SubsystemDraft::new();
    let actions = SubsystemActions::new(rotate, switch, Callback::new(move |r: Registration| draft.edit(r)));
    let taken = Signal::derive(move || {
        rows.get()
            .and_then(Result::ok)
            .map(|list| list.into_iter().map(|e| e.registration.code).collect())
            .unwrap_or_default()
    });
    view! {
        <Title text=t(Msg::SubsystemsTitle)/>
        <Protected access=Access::May(|_| Action::ManageSubsystems) render=move |_| view! {
            <section class="flex flex-col gap-6">
                <AdminNav/>
                <h1 class=classes::H1>{t(Msg::SubsystemsTitle)}</h1>
                <p>{t(Msg::SubsystemsIntro)}</p>
                <SubsystemList rows actions/>
                <SubsystemForm draft save taken/>
                <SigningKeyRotation/>
            </section>
        }.into_any()/>
    }
}
