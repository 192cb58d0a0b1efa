use leptos::prelude::*;
use leptos_meta::MetaTags;

use crate::{app::detect_locale, App};

/// The HTML document around the app, rendered on the server only. `stylesheet` is the
/// content-hashed URL of the generated CSS.
pub fn shell(options: LeptosOptions, stylesheet: String) -> impl IntoView {
    let lang = detect_locale().tag();
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
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body class="flex min-h-screen flex-col bg-slate-50 text-slate-900">
                <App/>
            </body>
        </html>
    }
}
