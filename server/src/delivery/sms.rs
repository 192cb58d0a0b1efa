//! SMS through an HTTP gateway. Taiwan's SMS providers each have their own API, so the
//! gateway is a URL and a body template; other kinds of gateway implement `SmsGateway`.

use app::db::outbox::Message;

use crate::config::SmsSettings;

pub trait SmsGateway {
    fn send(&self, message: Message) -> impl std::future::Future<Output = Result<(), String>> + Send;
}

pub struct HttpGateway {
    client: reqwest::Client,
    settings: SmsSettings,
}

impl HttpGateway {
    pub fn new(settings: &SmsSettings) -> HttpGateway {
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .unwrap_or_else(|_| reqwest::Client::new());
        HttpGateway { client, settings: settings.clone() }
    }

    /// The request body for one message, from the template.
    pub fn body(&self, to: &str, text: &str) -> (String, &'static str) {
        let json = self.settings.body.trim_start().starts_with('{');
        let escape = |s: &str| -> String {
            if json {
                let quoted = serde_json::to_string(s).unwrap_or_default();
                quoted[1..quoted.len().saturating_sub(1)].to_string()
            } else {
                app::url::encode_component(s)
            }
        };
        let body = self.settings.body.replace("{to}", &escape(to)).replace("{text}", &escape(text));
        (body, if json { "application/json" } else { "application/x-www-form-urlencoded" })
    }
}

impl SmsGateway for HttpGateway {
    async fn send(&self, message: Message) -> Result<(), String> {
        let (body, content_type) = self.body(&message.recipient, &message.body);
        let response = self
            .client
            .post(&self.settings.url)
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(body)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(format!("gateway answered {}", response.status()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_escape_for_their_format() {
        let json =
            HttpGateway::new(&SmsSettings { url: "http://x".into(), body: r#"{"to":"{to}","text":"{text}"}"#.into() });
        assert_eq!(json.body("0912345678", "code \"1\"").0, r#"{"to":"0912345678","text":"code \"1\""}"#);
        let form = HttpGateway::new(&SmsSettings { url: "http://x".into(), body: "dst={to}&msg={text}".into() });
        assert_eq!(form.body("0912", "a&b 驗證").0, "dst=0912&msg=a%26b%20%E9%A9%97%E8%AD%89");
    }
}
