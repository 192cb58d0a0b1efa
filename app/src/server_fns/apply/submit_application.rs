use leptos::prelude::*;

use crate::{accounts::Profile, error::AppError};

/// Step 5, 送出申請: the account form.
#[server(prefix = "/api/fn", endpoint = "submit_application")]
pub async fn submit_application(
    username: String,
    password: String,
    confirm: String,
    #[server(flatten)] profile: Profile,
) -> Result<(), AppError> {
    use crate::{
        flows::applications::apply::{self, AccountForm},
        state::request,
    };
    let (state, info) = request()?;
    apply::submit(&state, info, AccountForm { username, password, confirm, profile }).await
}
