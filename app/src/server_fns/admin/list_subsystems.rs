use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{error::AppError, provider::RegisteredSubsystem};

/// Every registered subsystem (the built-in ones left out). Central authority only.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "list_subsystems")]
pub async fn list_subsystems() -> Result<Vec<RegisteredSubsystem>, AppError> {
    use crate::{
        flows::{authorize, provider::registry},
        permissions::Action,
        state::request,
    };
    let (state, info) = request()?;
    authorize(&state, &info, |_| Action::ManageSubsystems).await?;
    state.run(&info, registry::list).await
}
