use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    accounts::{check_reason, ApplicationDetail, ApplicationKind, ApplicationStatus},
    components::{classes, field_error, live_error, Access, DetailRow, ErrorNotice, FormAlert, Loading, Protected},
    i18n::{t, tr, use_locale, LocalText, Locale, Msg},
    permissions::{first_review_kind, Action},
    server_fns::{get_application_detail, ApproveApplication, RejectApplication},
    time::taipei_datetime,
};

/// 審查詳細資訊: everything the applicant gave, then 接受申請 or 退回 with a reason.
#[component]
pub fn AdminApplicationPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let approve = ServerAction::<ApproveApplication>::new();
    let reject = ServerAction::<RejectApplication>::new();
    let detail = Resource::new(
        move || (id(), approve.version().get(), reject.version().get()),
        |(id, _, _)| get_application_detail(id),
    );
    view! {
        <Title text=t(Msg::ReviewDetailTitle)/>
        <Protected access=Access::May(|a| Action::ReviewApplication(a.org_id, first_review_kind(a))) render=move |_| view! {
            <section class="mx-auto flex w-full max-w-2xl flex-col gap-4">
                <a href="/admin/applications" class="self-start">{t(Msg::ReviewBack)}</a>
                <h1 class=classes::H1>{t(Msg::ReviewDetailTitle)}</h1>
                <Transition fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match detail.await {
                            Ok(d) => view! { <Detail d approve reject/> }.into_any(),
                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        }.into_any()/>
    }
}

#[component]
fn Detail(
    d: ApplicationDetail,
    approve: ServerAction<ApproveApplication>,
    reject: ServerAction<RejectApplication>,
) -> impl IntoView {
    let s = &d.summary;
    let admins = LocalText::new(Msg::ReviewAdminsNow).arg("count", d.admins).arg("max", d.max_admins);
    let pending = s.status == ApplicationStatus::Pending;
    let (approve_id, reject_id) = (s.id.to_string(), s.id.to_string());
    let reason = RwSignal::new(String::new());
    let reject_outcome = reject.value();
    let reason_error = live_error(reason, check_reason, field_error(reject_outcome, "reason"));
    let reviewed = (!pending).then(|| {
        let mut text = t(s.status.label()).to_string();
        if let (Some(by), Some(at)) = (&d.reviewed_by, d.reviewed_at) {
            text = format!("{text} · {by} · {}", taipei_datetime(at));
        }
        view! {
            <div class=classes::NOTICE role="status" data-testid="review-result">
                <p class="font-semibold">{text}</p>
                {d.review_reason.clone().map(|r| view! { <p>{t(Msg::ApplyReason)}" "{r}</p> })}
            </div>
        }
    });
    view! {
        <dl class=classes::CARD>
            <DetailRow label=Msg::ReviewKind value={t(s.kind.label()).to_string()}/>
            <DetailRow label=Msg::Organization value={format!("{} ({})", s.org_name, s.org_code)}/>
            <DetailRow label=Msg::ApplyRealName value={s.display_name.clone()}/>
            <DetailRow label=Msg::Username value={s.username.clone()}/>
            <DetailRow label=Msg::ApplyJobTitle value={s.title.clone()}/>
            <DetailRow label=Msg::ApplyUnit value={s.unit.clone()}/>
            <DetailRow label=Msg::ApplyOfficialEmail value={d.email.clone()}/>
            <DetailRow label=Msg::ApplyMobile value={d.mobile.clone()}/>
            <DetailRow label=Msg::ReviewProof value={t(d.proof.label()).to_string()}/>
            <DetailRow label=Msg::ApplyOfficePhone value={d.profile.phone()}/>
            <DetailRow label=Msg::ApplyFax value={d.profile.fax.clone()}/>
            <DetailRow label=Msg::ApplyAddress value={d.profile.address.clone()}/>
            <DetailRow label=Msg::ApplySubsystemsLegend value={d.subsystems.join(if use_locale() == Locale::En { ", " } else { "、" })}/>
            <DetailRow label=Msg::ReviewSubmittedAt value={taipei_datetime(s.submitted_at)}/>
        </dl>
        {(s.kind == ApplicationKind::OrgAdmin).then(|| view! {
            <div class=classes::CARD data-testid="review-scan">
                <h2 class="text-lg font-semibold">{t(Msg::ReviewScan)}</h2>
                {match d.scan_uploaded_at {
                    Some(at) => view! {
                        <p class="text-sm">{t(Msg::ApplyScanUploaded)}" "{taipei_datetime(at)}</p>
                        <a href=format!("/admin/applications/{}/scan", s.id) rel="external" download class=format!("{} self-start no-underline", classes::SECONDARY_BUTTON)>
                            {t(Msg::ReviewScanDownload)}
                        </a>
                    }.into_any(),
                    None => view! { <p class="text-sm">{t(Msg::ReviewScanMissing)}</p> }.into_any(),
                }}
            </div>
        })}
        <p class="text-sm" data-testid="admins-now">{tr(&admins)}</p>
        {(pending && !d.left_as_requests.is_empty()).then(|| {
            let names = d.left_as_requests.join(if use_locale() == Locale::En { ", " } else { "、" });
            view! {
                <p class="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950" data-testid="left-as-requests">
                    {tr(&LocalText::new(Msg::ReviewLeftAsRequests).arg("subsystems", names))}
                </p>
            }
        })}
        {reviewed}
        {pending.then(move || view! {
            <div class="grid gap-4 sm:grid-cols-2">
                <ActionForm action=approve attr:class=classes::CARD>
                    <input type="hidden" name="id" value=approve_id/>
                    <p class="text-sm">{t(Msg::ReviewApproveHint)}</p>
                    <button type="submit" class=classes::BUTTON disabled=move || approve.pending().get()>{t(Msg::ReviewApprove)}</button>
                    <FormAlert outcome=approve.value() fields=&[]/>
                </ActionForm>
                <ActionForm action=reject attr:class=classes::CARD attr:novalidate=true>
                    <input type="hidden" name="id" value=reject_id/>
                    <div class="flex flex-col gap-1">
                        <label for="reason" class="font-semibold">{t(Msg::ReviewReason)}</label>
                        <textarea id="reason" name="reason" rows="3" required=true aria-describedby="reason-error"
                            aria-invalid=move || reason_error.get().is_some().to_string()
                            on:input=move |ev| reason.set(event_target_value(&ev))
                            class="rounded-md border border-slate-500 px-3 py-2"></textarea>
                        <p id="reason-error" class="font-semibold text-red-800" aria-live="polite">{move || reason_error.get().map(|m| tr(&m))}</p>
                    </div>
                    <button type="submit" class=classes::SECONDARY_BUTTON disabled=move || reject.pending().get()>{t(Msg::ReviewReject)}</button>
                    <FormAlert outcome=reject_outcome fields=&["reason"]/>
                </ActionForm>
            </div>
        })}
    }
}
