use leptos::prelude::*;
use leptos_meta::MetaTags;

use crate::{app::detect_locale, App};

/// The HTML document around the app, rendered on the server only. `stylesheet` is the
/// content-hashed URL of the generated CSS.
pub fn shell(options: LeptosOptions, stylesheet: String) -> impl IntoView {
    let lang = detect_locale().tag();
    // A light page (`crate::light`) is the HTML alone: no wasm, no hydration.
    let light = use_context::<http::request::Parts>().is_some_and(|p| crate::light::is_light(p.uri.path()));
    #[cfg(feature = "ssr")]
    crate::csp::send(&options);
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" href=stylesheet/>
                <link rel="icon" href="data:,"/>
                <AutoReload options=options.clone()/>
                {(!light).then(|| view! { <HydrationScripts options/> })}
                <MetaTags/>
            </head>
            <body class="flex min-h-screen flex-col bg-slate-50 text-slate-900" data-light=light.then_some("true")>
                <App/>
            </body>
        </html>
    }
}
