//! Which subsystem a page is about, by name: the one whose request waits while its user signs
//! in (the resume cookie), or the one a refusal names. Only registered subsystems are named,
//! so that a crafted link cannot make a page say what an outsider chose.

use crate::{
    auth::RequestInfo,
    db::clients,
    error::AppError,
    flows::work::Services,
    i18n::Locale,
    provider::{is_client_code, ClientKind},
};

/// The `client_id` of a waiting authorization request (the resume cookie's query).
fn waiting_client(query: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "client_id")
        .and_then(|(_, v)| crate::url::decode_form_component(v))
}

/// The code and name (in the reader's language) of the subsystem `client`, or of the one
/// waiting for this browser's sign-in; `None` when neither is a registered subsystem.
pub async fn asking(
    services: &Services,
    info: &RequestInfo,
    client: Option<String>,
) -> Result<Option<(String, String)>, AppError> {
    let Some(code) = client.or_else(|| info.resume.as_deref().and_then(waiting_client)).filter(|c| is_client_code(c))
    else {
        return Ok(None);
    };
    let locale = info.locale;
    services
        .read(move |conn| {
            let found = clients::find(conn, &code)?.filter(|c| c.client_kind != ClientKind::Builtin.as_str());
            Ok(found.map(|c| {
                let name = match locale {
                    Locale::ZhTw => c.name_zh,
                    Locale::En => c.name_en,
                };
                (c.code, name)
            }))
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::waiting_client;

    #[test]
    fn the_waiting_request_names_its_client() {
        assert_eq!(waiting_client("response_type=code&client_id=demo&state=x"), Some("demo".into()));
        assert_eq!(waiting_client("client_id=my%2Dapp"), Some("my-app".into()));
        assert_eq!(waiting_client("response_type=code"), None);
    }
}
