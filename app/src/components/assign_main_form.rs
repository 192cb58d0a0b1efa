use leptos::prelude::*;

use super::{classes, field_error, FormAlert, OrgPicker, TextField};
use crate::{
    i18n::{t, tr, LocalText, Msg},
    server_fns::AssignMainAccount,
};

/// 指定或更換主帳號: the central authority names an organization and one of its accounts,
/// which becomes its main account; the former one keeps a plain account.
#[component]
pub fn AssignMainForm(action: ServerAction<AssignMainAccount>) -> impl IntoView {
    let outcome = action.value();
    let username = RwSignal::new(String::new());
    // Said with the username as it was sent (the field keeps it; the action's input is gone
    // once it has answered).
    let said = move || match outcome.get() {
        Some(Ok(())) => {
            Some(tr(&LocalText::new(Msg::MembersAssigned).arg("username", username.get_untracked().trim())))
        }
        _ => None,
    };
    view! {
        <ActionForm action=action attr:class=classes::CARD attr:novalidate=true attr:data-testid="assign-main">
            <h2 class="text-lg font-semibold">{t(Msg::MembersAssignTitle)}</h2>
            <p class="text-sm text-slate-700">{t(Msg::MembersAssignIntro)}</p>
            <OrgPicker id="assign-org" code_field="org_code" name_field="org_name" error=field_error(outcome, "org_code")/>
            <TextField id="assign-username" name="username" label=Msg::MembersAssignUsername value=username mono=true
                error=field_error(outcome, "username") required=true/>
            <FormAlert outcome fields=&["org_code", "username"]/>
            <div role="status" aria-live="polite">{move || said().map(|s| view! { <p class=classes::NOTICE>{s}</p> })}</div>
            <button type="submit" class=format!("{} self-start", classes::BUTTON) disabled=move || action.pending().get()>
                {t(Msg::MembersAssignSubmit)}
            </button>
        </ActionForm>
    }
}
