use leptos::prelude::*;
use leptos_meta::Title;

use super::set_status;
use crate::{
    components::HydratedMark,
    i18n::{t, Msg},
};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_status(404);
    view! {
        <Title text=t(Msg::NotFoundTitle)/>
        <h1 class="text-2xl font-bold">{t(Msg::NotFoundTitle)}</h1>
        <p class="mt-2"><a href="/" rel="external" class="text-blue-800 underline">{t(Msg::BackHome)}</a></p>
        <HydratedMark/>
    }
}
