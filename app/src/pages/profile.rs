use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    accounts::{Channel, MyProfile},
    components::{
        classes, Access, ContactChangeForm, DetailRow, ErrorNotice, FormAlert, Loading, ProfileFields, Protected,
    },
    error::AppError,
    i18n::{t, Msg},
    server_fns::{get_my_profile, SaveProfile},
};

/// 個人資料: the office details on record, and changing the email or the mobile (each a
/// credential change: a step-up first, a code to the new address, a notice to the old one).
#[component]
pub fn ProfilePage() -> impl IntoView {
    let changes = RwSignal::new(0_usize);
    // What the last change was, said above the forms.
    let notice = RwSignal::new(None::<Msg>);
    let save = ServerAction::<SaveProfile>::new();
    // Made here, not inside `Protected` (a server render may run its content more than once).
    // Read again after a saved change (not after a refused one, whose form keeps its typing).
    let mine = Resource::new(move || changes.get(), |_| get_my_profile());
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            notice.set(Some(Msg::ProfileSaved));
            changes.update(|n| *n += 1);
        }
    });
    view! {
        <Title text=t(Msg::ProfileTitle)/>
        <Protected access=Access::SignedIn render=move |_| view! { <Profile mine changes notice save/> }.into_any()/>
    }
}

#[component]
fn Profile(
    mine: Resource<Result<MyProfile, AppError>>,
    changes: RwSignal<usize>,
    notice: RwSignal<Option<Msg>>,
    save: ServerAction<SaveProfile>,
) -> impl IntoView {
    let contact_changed = move |_| {
        notice.set(Some(Msg::ContactChanged));
        changes.update(|n| *n += 1);
    };
    view! {
        <section class="mx-auto flex w-full max-w-2xl flex-col gap-4">
            <a href="/account" class="self-start">{t(Msg::ProfileBack)}</a>
            <h1 class=classes::H1>{t(Msg::ProfileTitle)}</h1>
            // Outside the part that is read again after a change, so that it stays.
            <p role="status" data-testid="profile-changed">
                {move || notice.get().map(|m| view! { <span class=format!("block {}", classes::NOTICE)>{t(m)}</span> })}
            </p>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match mine.await {
                        Ok(m) => {
                            let p = m.profile.clone();
                            view! {
                                <dl class=classes::CARD>
                                    <DetailRow label=Msg::ApplyOfficialEmail value={m.email.clone()}/>
                                    <DetailRow label=Msg::ApplyMobile value={m.mobile.clone()}/>
                                    <DetailRow label=Msg::ApplyJobTitle value={p.title.clone()}/>
                                    <DetailRow label=Msg::ApplyUnit value={p.unit.clone()}/>
                                    <DetailRow label=Msg::ApplyOfficePhone value={p.phone()}/>
                                    <DetailRow label=Msg::ApplyFax value={p.fax.clone()}/>
                                    <DetailRow label=Msg::ApplyAddress value={p.address.clone()}/>
                                </dl>
                                <ActionForm action=save attr:class=classes::CARD attr:novalidate=true attr:data-testid="office-form">
                                    <h2 class="text-lg font-semibold">{t(Msg::ProfileOfficeTitle)}</h2>
                                    <ProfileFields id="profile" initial=p.clone() outcome=save.value()/>
                                    <FormAlert outcome=save.value() fields=&["title", "unit", "address", "office_phone", "office_ext", "fax"]/>
                                    <button type="submit" class=format!("{} self-start", classes::BUTTON) disabled=move || save.pending().get()>
                                        {t(Msg::Save)}
                                    </button>
                                </ActionForm>
                                <p class="text-sm text-slate-700">{t(Msg::ProfileChangeNote)}</p>
                                <ContactChangeForm channel=Channel::Email current=m.email.clone() domains=m.email_domains.clone()
                                    changed=contact_changed/>
                                <ContactChangeForm channel=Channel::Sms current=m.mobile.clone() domains=m.email_domains.clone()
                                    changed=contact_changed/>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
