use leptos::prelude::*;

use crate::{
    i18n::{tr, LocalText, Msg},
    server_fns::asking_subsystem,
};

/// Names the subsystem a page is about, once the server has found it registered: `msg` with
/// its `{subsystem}` name and `{code}`. `client` is the subsystem's code, or none for the one
/// whose sign-in request waits for this browser. Nothing is shown for anything else.
#[component]
pub fn SubsystemAskingNote(#[prop(into)] client: Signal<Option<String>>, msg: Msg) -> impl IntoView {
    let found = Resource::new(move || client.get(), asking_subsystem);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found.await.ok().flatten().map(|(code, name)| view! {
                    <p class="rounded-md border border-blue-200 bg-blue-50 px-4 py-3 text-blue-950" data-testid="asking-subsystem">
                        {tr(&LocalText::new(msg).arg("subsystem", name).arg("code", code))}
                    </p>
                })
            })}
        </Suspense>
    }
}
