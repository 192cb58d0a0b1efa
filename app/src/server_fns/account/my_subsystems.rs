use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::SubsystemAccess, error::AppError};

/// Every subsystem, whether the viewer holds it, and a request of the viewer's waiting.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "my_subsystems")]
pub async fn my_subsystems() -> Result<Vec<SubsystemAccess>, AppError> {
    use crate::{auth::RequestInfo, flows::applications::grants, state::app_state};
    let state = app_state()?;
    grants::mine(&state, RequestInfo::current(&state.settings)).await
}
