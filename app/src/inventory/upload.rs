//! Sends a spreadsheet file to `/inventory/import` from the browser and reads the answer:
//! the rows with their problems, or the `AppError` that says what is wrong with the file.

use super::Imported;
use crate::{
    error::AppError,
    i18n::{LocalText, Msg},
};

pub async fn upload(org_id: i64, file: web_sys::File) -> Result<Imported, AppError> {
    let too_large = LocalText::new(Msg::InvFileTooLarge).arg("max", super::MAX_FILE_BYTES / 1024 / 1024);
    let text = crate::upload::post_file(&format!("/inventory/import?org_id={org_id}"), file, "file", too_large).await?;
    serde_json::from_str(&text).map_err(|e| AppError::Transport(e.to_string()))
}
