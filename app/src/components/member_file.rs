use leptos::prelude::*;

use super::{classes, field_error, CaptchaField, FormAlert};
use crate::{
    accounts::{MemberFile, MemberFileRow},
    i18n::{t, tr, LocalText, Msg},
    server_fns::CreateMembers,
};

/// The label of a form field a file's row may be wrong in.
fn field_label(field: &str) -> Msg {
    match field {
        "account" => Msg::MembersAccount,
        "name" => Msg::ApplyRealName,
        "email" => Msg::ApplyOfficialEmail,
        "title" => Msg::ApplyJobTitle,
        "unit" => Msg::ApplyUnit,
        "office_phone" => Msg::ApplyOfficePhone,
        "office_ext" => Msg::ApplyOfficeExt,
        "address" => Msg::ApplyAddress,
        "fax" => Msg::ApplyFax,
        _ => Msg::MembersFileProblem,
    }
}

/// 批次新增子帳號: a CSV or XLSX file is sent to be read and checked; every row is shown with
/// what is wrong with it; only a file with nothing wrong can be created, all in one step.
#[component]
pub fn MemberFileUpload(create: ServerAction<CreateMembers>) -> impl IntoView {
    let checked = RwSignal::new(None::<MemberFile>);
    let reading = RwSignal::new(false);
    let error = RwSignal::new(None::<LocalText>);
    let outcome = create.value();
    let captcha = RwSignal::new(String::new());
    // Created: the table goes, the count is said.
    let created = Signal::derive(move || match outcome.get() {
        Some(Ok(n)) => Some(tr(&LocalText::new(Msg::MembersFileCreated).arg("rows", n))),
        _ => None,
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = outcome.get() {
            checked.set(None);
        }
    });
    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let Some(file) = crate::upload::picked(&ev) else { return };
            reading.set(true);
            error.set(None);
            checked.set(None);
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                let max = crate::inventory::MAX_FILE_BYTES / 1024 / 1024;
                let too_large = LocalText::new(Msg::InvFileTooLarge).arg("max", max);
                match crate::upload::post_file("/members/import", file, "file", too_large).await {
                    Ok(text) => match serde_json::from_str::<MemberFile>(&text) {
                        Ok(file) => checked.set(Some(file)),
                        Err(_) => error.set(Some(Msg::ErrorInternal.into())),
                    },
                    Err(e) => error.set(Some(e.message())),
                }
                reading.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let summary = move || {
        checked.with(|c| {
            c.as_ref().map(|file| {
                let wrong = file.rows.iter().filter(|r| !r.problems.is_empty()).count();
                let rows = file.rows.len();
                if wrong == 0 {
                    tr(&LocalText::new(Msg::MembersFileClean).arg("rows", rows))
                } else {
                    tr(&LocalText::new(Msg::MembersFileChecked).arg("rows", rows).arg("problems", wrong))
                }
            })
        })
    };
    let send = move |_| {
        if let Some(file) = checked.get_untracked() {
            create.dispatch(CreateMembers {
                rows: file.rows.into_iter().map(|r| r.new).collect(),
                captcha: captcha.get_untracked(),
            });
        }
    };
    view! {
        <div class=classes::CARD data-testid="member-file">
            <h2 class="text-lg font-semibold">{t(Msg::MembersFileTitle)}</h2>
            <p id="member-file-hint" class="text-sm text-slate-700">{t(Msg::MembersFileHint)}</p>
            <label class="flex flex-col gap-1">
                <span class="font-semibold">{t(Msg::MembersFileChoose)}</span>
                <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    on:change=on_file disabled=move || reading.get() aria-describedby="member-file-hint member-file-error"
                    class="text-sm file:mr-3 file:min-h-11 file:rounded-md file:border file:border-blue-800 file:bg-white file:px-4 file:font-semibold file:text-blue-900"/>
            </label>
            <p id="member-file-error" class="font-semibold text-red-800" aria-live="polite">{move || error.get().map(|m| tr(&m))}</p>
            <div role="status" aria-live="polite">
                {move || reading.get().then(|| view! { <p>{t(Msg::MembersFileReading)}</p> })}
                {move || summary().map(|s| view! { <p class="font-semibold">{s}</p> })}
                {move || created.get().map(|c| view! { <p class=classes::NOTICE>{c}</p> })}
            </div>
            {move || checked.get().map(|file| {
                let clean = file.is_clean() && !file.rows.is_empty();
                let count = file.rows.len();
                view! {
                    <div class=classes::SCROLL_BOX>
                        <table class="w-full text-left text-sm">
                            <thead class="bg-slate-100">
                                <tr>
                                    <th scope="col" class="px-2 py-2">{t(Msg::MembersFileLine)}</th>
                                    <th scope="col" class="px-2 py-2">{t(Msg::MembersAccount)}</th>
                                    <th scope="col" class="px-2 py-2">{t(Msg::ApplyRealName)}</th>
                                    <th scope="col" class="px-2 py-2">{t(Msg::ApplyUnit)}</th>
                                    <th scope="col" class="px-2 py-2">{t(Msg::ApplyOfficialEmail)}</th>
                                    <th scope="col" class="px-2 py-2">{t(Msg::MembersFileProblem)}</th>
                                </tr>
                            </thead>
                            <tbody>{file.rows.into_iter().map(|row| view! { <FileRow row/> }).collect_view()}</tbody>
                        </table>
                    </div>
                    {clean.then(|| view! {
                        <CaptchaField round=create.version() error=field_error(outcome, "captcha") answer=captcha/>
                        <button type="button" class=format!("{} self-start", classes::BUTTON) on:click=send disabled=move || create.pending().get()>
                            {tr(&LocalText::new(Msg::MembersFileCreate).arg("rows", count))}
                        </button>
                    })}
                }
            })}
            <FormAlert outcome fields=&["captcha"]/>
        </div>
    }
}

#[component]
fn FileRow(row: MemberFileRow) -> impl IntoView {
    let MemberFileRow { line, new, username, problems } = row;
    let ok = problems.is_empty();
    let said = problems
        .iter()
        .map(|(field, message)| format!("{}：{}", t(field_label(field)), tr(message)))
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <tr class="border-t border-slate-200 align-top" class:bg-red-50=!ok data-testid="file-row">
            <td class="px-2 py-2">{line}</td>
            <td class="px-2 py-2 font-mono">{username}</td>
            <td class="px-2 py-2">{new.name}</td>
            <td class="px-2 py-2">{new.profile.unit}</td>
            <td class="px-2 py-2 break-all">{new.email}</td>
            <td class="px-2 py-2" class:text-red-800=!ok class:font-semibold=!ok>
                {if ok { t(Msg::MembersFileOk).to_string() } else { said }}
            </td>
        </tr>
    }
}
