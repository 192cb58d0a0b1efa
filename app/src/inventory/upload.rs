//! Sends a spreadsheet file to `/inventory/import` from the browser and reads the answer:
//! the rows with their problems, or the `AppError` that says what is wrong with the file.

use super::Imported;
use crate::{
    error::AppError,
    i18n::{LocalText, Msg},
};

pub async fn upload(org_id: i64, file: web_sys::File) -> Result<Imported, AppError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let transport = |e: wasm_bindgen::JsValue| AppError::Transport(format!("{e:?}"));
    let window = web_sys::window().ok_or_else(|| AppError::Transport("no window".into()))?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&file);
    let url = format!("/inventory/import?org_id={org_id}");
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .map_err(transport)?
        .dyn_into()
        .map_err(transport)?;
    if response.status() == 413 {
        return Err(AppError::invalid(
            "file",
            LocalText::new(Msg::InvFileTooLarge).arg("max", super::MAX_FILE_BYTES / 1024 / 1024),
        ));
    }
    let text =
        JsFuture::from(response.text().map_err(transport)?).await.map_err(transport)?.as_string().unwrap_or_default();
    if response.ok() {
        serde_json::from_str(&text).map_err(|e| AppError::Transport(e.to_string()))
    } else {
        Err(serde_json::from_str(&text).unwrap_or_else(|_| AppError::Transport(format!("HTTP {}", response.status()))))
    }
}
