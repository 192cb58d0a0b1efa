//! SMS delivery against a real HTTP endpoint: a gateway served on a local port by axum in the
//! test process. It fails the first request, so the outbox has to keep the message and retry.

use std::sync::{Arc, Mutex};

use app::db::{
    now,
    outbox::{self, Channel},
};
use axum::{extract::State, http::StatusCode, routing::post, Router};
use gatehouse::{
    config::{DeliverySettings, SmsSettings},
    delivery::Worker,
};

use crate::{on_both_databases, support::TestDb};

/// What the gateway received: content type and body of each request, in order.
type Received = Arc<Mutex<Vec<(String, String)>>>;

async fn gateway(State(received): State<Received>, headers: axum::http::HeaderMap, body: String) -> StatusCode {
    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let mut list = received.lock().expect("lock");
    list.push((content_type, body));
    // The first request meets a gateway that is down for maintenance.
    if list.len() == 1 {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::OK
    }
}

async fn start_gateway() -> (String, Received) {
    let received = Received::default();
    let app = Router::new().route("/send", post(gateway)).with_state(received.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}/send", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    (url, received)
}

async fn all(db: &TestDb) -> Vec<outbox::Message> {
    db.pool.run(|conn| Ok(outbox::recent(conn, 10)?)).await.expect("outbox")
}

async fn sms_is_retried_until_the_gateway_takes_it(db: TestDb) {
    let (url, received) = start_gateway().await;
    let settings = DeliverySettings {
        smtp: None,
        sms: Some(SmsSettings { url, body: r#"{"phone":"{to}","message":"{text}"}"#.into() }),
        ..DeliverySettings::default()
    };
    let worker = Worker::new(db.pool.clone(), &settings, 10).expect("worker");
    db.pool
        .run(|conn| {
            Ok(outbox::enqueue(conn, Channel::Sms, "0912345678", "code", "", "【Gatehouse】驗證碼 \"123456\"", now())?)
        })
        .await
        .expect("enqueue");

    // The gateway refuses: the message stays, with the error and a later retry.
    assert_eq!(worker.run_once().await.expect("pass"), 0);
    let queued = all(&db).await;
    assert_eq!((queued[0].attempts, queued[0].sent_at), (1, None));
    assert!(queued[0].last_error.as_deref().unwrap_or("").contains("503"), "{:?}", queued[0].last_error);
    assert!(queued[0].next_attempt_at > now());

    db.pool
        .run(|conn| {
            use app::db::schema::outbox::dsl::*;
            use diesel::prelude::*;
            diesel::update(outbox).set(next_attempt_at.eq(now())).execute(conn)?;
            Ok(())
        })
        .await
        .expect("make due");
    assert_eq!(worker.run_once().await.expect("pass"), 1);
    assert!(all(&db).await[0].sent_at.is_some());
    assert_eq!(all(&db).await[0].body, "", "the code is not kept once delivered");
    // Sent once: later passes leave it alone.
    assert_eq!(worker.run_once().await.expect("pass"), 0);

    let received = received.lock().expect("lock").clone();
    assert_eq!(received.len(), 2, "one refused request and one accepted");
    let (content_type, body) = &received[1];
    assert_eq!(content_type, "application/json");
    let json: serde_json::Value = serde_json::from_str(body).expect("the body is JSON");
    assert_eq!(json["phone"], "0912345678");
    assert_eq!(json["message"], "【Gatehouse】驗證碼 \"123456\"");
}
on_both_databases!(sms_delivery, sms_is_retried_until_the_gateway_takes_it);
