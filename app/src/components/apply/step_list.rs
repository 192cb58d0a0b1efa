use leptos::prelude::*;

use crate::{
    accounts::{ApplyStep, Proof},
    i18n::{t, Msg},
};

/// The steps in order: done ones link back (their data is kept), the current one is marked for
/// screen readers, later ones are plain text.
#[component]
pub fn StepList(current: ApplyStep, reached: ApplyStep, proof: Proof) -> impl IntoView {
    let items = ApplyStep::ALL
        .into_iter()
        .enumerate()
        .map(|(i, step)| {
            let number = format!("{}", i + 1);
            let here = step == current;
            let open = step <= reached && !here && reached != ApplyStep::Submitted;
            let label = t(step.label_for(proof));
            view! {
                <li class="flex items-center gap-2" aria-current=here.then_some("step")>
                    <span
                        class="flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm font-bold"
                        class:bg-blue-800=here
                        class:text-white=here
                        class:bg-slate-200=!here
                        class:text-slate-800=!here
                        aria-hidden="true"
                    >
                        {number}
                    </span>
                    {if open {
                        view! { <a class="text-blue-800 underline" href=format!("/apply?step={}", step.slug())>{label}</a> }.into_any()
                    } else {
                        view! { <span class:font-semibold=here>{label}</span> }.into_any()
                    }}
                </li>
            }
        })
        .collect_view();
    view! {
        <nav aria-label=t(Msg::ApplyStepsLabel)>
            <ol class="flex flex-wrap gap-x-4 gap-y-2 text-sm">{items}</ol>
        </nav>
    }
}
