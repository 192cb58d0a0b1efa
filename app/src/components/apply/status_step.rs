use leptos::prelude::*;

use crate::{
    accounts::{ApplicationKind, ApplicationStatus, ApplicationView},
    components::{apply::ScanUpload, classes},
    i18n::{t, tr, LocalText, Msg},
};

/// After 送出申請: where the application stands, who reviews it, and what comes next.
#[component]
pub fn StatusStep(view: ApplicationView, #[prop(into)] changed: Callback<()>) -> impl IntoView {
    let status = view.status.unwrap_or(ApplicationStatus::Pending);
    let reviewer = match view.kind {
        Some(ApplicationKind::OrgAdmin) => Msg::ApplyReviewedByCentral,
        _ => Msg::ApplyReviewedByAdmins,
    };
    let summary = LocalText::new(Msg::ApplySubmittedSummary).arg("username", &view.username).arg("org", &view.org_name);
    view! {
        <div class=classes::CARD data-testid="application-status">
            <h2 class="text-xl font-bold">{t(Msg::ApplyStepSubmitted)}</h2>
            <p class="text-lg font-semibold" role="status">{t(status.label())}</p>
            <p>{tr(&summary)}</p>
            {match status {
                ApplicationStatus::Pending | ApplicationStatus::Draft => view! {
                    <p>{t(reviewer)}</p>
                    <p>{t(Msg::ApplyMailWhenDone)}</p>
                    {(view.kind == Some(ApplicationKind::OrgAdmin)).then(|| view! { <ScanUpload uploaded=view.has_scan done=changed/> })}
                }.into_any(),
                ApplicationStatus::Approved => view! {
                    <p>{t(Msg::ApplyApprovedNext)}</p>
                    <a href="/sign-in" rel="external" class=format!("{} self-start", classes::BUTTON)>{t(Msg::SignIn)}</a>
                }.into_any(),
                ApplicationStatus::Rejected => view! {
                    <p class="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
                        <span class="font-semibold">{t(Msg::ApplyReason)}" "</span>{view.review_reason.clone()}
                    </p>
                    <a href="/apply?step=contact" class=format!("{} self-start", classes::SECONDARY_BUTTON)>{t(Msg::ApplyAgain)}</a>
                }.into_any(),
            }}
        </div>
    }
}
