//! Sends a file the user picked to one of the server's file routes, as its raw body, and reads
//! the answer: its text, or the `AppError` that says what is wrong (413: `too_large`).
//! Browser-only.

use crate::{error::AppError, i18n::LocalText};

/// The file picked in the `<input type="file">` of `ev`; the input is emptied, so that picking
/// the same file again (fixed) is seen as a change.
pub fn picked(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    use wasm_bindgen::JsCast;
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files()?.get(0)?;
    input.set_value("");
    Some(file)
}

/// Times a file is sent again to a server busy reading others (503 with `Retry-After`) before
/// the user is told: the server reads a few files at once, and one is read in about a second.
const BUSY_RETRIES: u32 = 4;

pub async fn post_file(url: &str, file: web_sys::File, field: &str, too_large: LocalText) -> Result<String, AppError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let transport = |e: wasm_bindgen::JsValue| AppError::Transport(format!("{e:?}"));
    let window = web_sys::window().ok_or_else(|| AppError::Transport("no window".into()))?;
    let mut attempt = 0;
    let response = loop {
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&file);
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await
            .map_err(transport)?
            .dyn_into()
            .map_err(transport)?;
        let wait = response.headers().get("retry-after").ok().flatten().and_then(|s| s.trim().parse::<u32>().ok());
        match wait {
            Some(seconds) if response.status() == 503 && attempt < BUSY_RETRIES => {
                attempt += 1;
                gloo_timers::future::TimeoutFuture::new(seconds.clamp(1, 30) * 1000).await;
            }
            _ => break response,
        }
    };
    if response.status() == 413 {
        return Err(AppError::invalid(field, too_large));
    }
    let text =
        JsFuture::from(response.text().map_err(transport)?).await.map_err(transport)?.as_string().unwrap_or_default();
    if response.ok() {
        Ok(text)
    } else {
        Err(serde_json::from_str(&text).unwrap_or_else(|_| AppError::Transport(format!("HTTP {}", response.status()))))
    }
}
