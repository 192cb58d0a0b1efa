use leptos::prelude::*;

use super::{classes, FormAlert};
use crate::{
    accounts::SignInNext,
    i18n::{t, Msg},
    light::posted_outcome,
};

/// A key's signature on a light page: one button, then the browser's own dialog. The page's
/// passkey script (`app/scripts/passkey.js`) asks the server function `ceremony` for the
/// options, runs the ceremony and posts the answer with this form to `action`, as the form
/// named `form`; the server goes on, or answers with the page and the error in this form's
/// alert. 以通行金鑰登入 (`passkey_options`, a token beside the answer) and the code step's
/// 使用安全金鑰 (`key_challenge`).
#[component]
pub fn KeyForm(
    action: &'static str,
    form: &'static str,
    ceremony: &'static str,
    test_id: &'static str,
    label: Msg,
    hint: Msg,
    /// The button drawn as the page's main action, not beside another.
    #[prop(optional)]
    primary: bool,
) -> impl IntoView {
    let outcome = posted_outcome::<SignInNext>(form);
    let hint_id = format!("{test_id}-hint");
    view! {
        <form method="post" action=action class="flex flex-col gap-2" data-testid=test_id data-passkey=ceremony
            data-waiting=t(Msg::KeyWaiting) data-cancelled=t(Msg::KeyCancelled) data-unsupported=t(Msg::KeysNotSupported)>
            <input type="hidden" name="form" value=form/>
            <input type="hidden" name="token"/>
            <input type="hidden" name="credential"/>
            <button type="button" class=if primary { classes::BUTTON } else { classes::SECONDARY_BUTTON }
                aria-describedby=hint_id.clone()>{t(label)}</button>
            <p id=hint_id class="text-sm text-slate-700">{t(hint)}</p>
            <p role="status" aria-live="polite" class="text-sm" data-passkey-status=""></p>
            <FormAlert outcome fields=&[]/>
        </form>
    }
}
