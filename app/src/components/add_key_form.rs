use leptos::prelude::*;

use super::{classes, field_error, live_error, FormAlert, TextField};
use crate::{
    accounts::check_key_name,
    browser_keys,
    error::AppError,
    i18n::{t, Msg},
    server_fns::{bind_key, offer_key},
};

/// 新增安全金鑰: a name, then the browser's own dialog (touch the key, or unlock the phone),
/// then the server checks and binds it. `on_added` gets the new key's name once it is bound.
#[component]
pub fn AddKeyForm(#[prop(into)] on_added: Callback<String>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    // The ceremony's browser half cannot run off the main thread: a local action.
    let add = Action::new_local(|name: &String| {
        let name = name.clone();
        async move {
            let options = offer_key(name.clone()).await?;
            let credential = browser_keys::create(options).await?;
            bind_key(credential).await?;
            Ok::<String, AppError>(name.trim().to_string())
        }
    });
    let outcome = add.value();
    Effect::new(move |_| {
        if let Some(Ok(added)) = outcome.get() {
            name.set(String::new());
            on_added.run(added);
        }
    });
    let error = live_error(name, |n| check_key_name(n).map(|_| ()), field_error(outcome, "name"));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !add.pending().get_untracked() {
            add.dispatch(name.get_untracked());
        }
    };
    view! {
        <form class="flex flex-col gap-3" novalidate=true on:submit=submit data-testid="add-key">
            <TextField id="key-name" name="name" label=Msg::KeyName value=name hint=Msg::KeyNameHint error required=true/>
            <button type="submit" class=classes::BUTTON disabled=move || add.pending().get()>{t(Msg::AddKey)}</button>
            <div>
                <p role="status" aria-live="polite" class="text-sm">
                    {move || add.pending().get().then(|| t(Msg::KeyWaiting))}
                </p>
                <FormAlert outcome fields=&["name"]/>
            </div>
        </form>
    }
}
