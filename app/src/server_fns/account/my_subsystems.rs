use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::SubsystemAccess, error::AppError};

/// Every subsystem, whether the viewer holds it, and a request of the viewer's waiting.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "my_subsystems")]
pub async fn my_subsystems() -> Result<Vec<SubsystemAccess>, AppError> {
    use crate::{flows::applications::grants, state::request};
    let (state, info) = request()?;
    grants::mine(&state, info).await
}
