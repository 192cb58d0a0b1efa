//! Server-rendered pages: complete HTML without JavaScript, the right status codes, the
//! language switch and the stylesheet.

use crate::{
    on_both_databases,
    support::{app, enc, get, load_demo, TestDb},
};

async fn pages(db: TestDb) {
    load_demo(&db).await;
    let app = app(&db);

    // The search form works as a plain GET: results are in the HTML itself.
    let r = get(&app, &format!("/directory?q={}", enc("教育部")), &[]).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains(r#"<html lang="zh-Hant-TW""#), "locale");
    assert!(r.body.contains(r#"href="/org/2.16.886.101.20003.20005""#), "result link");
    assert!(r.body.contains("共 "), "result count");
    // The demo has more than a page of organizations under 2.16.886.101.
    let r = get(&app, "/directory?q=2.16.886.101.", &[]).await;
    assert!(r.body.contains("顯示前 20 筆結果"), "a full page says it may not be all");
    assert!(r.body.contains(r#"<form role="search" method="get" action="/directory""#));
    assert!(r.body.contains(r#"href="/assets/gatehouse-"#), "stylesheet link");

    // A strict Content-Security-Policy whose nonce is the one on the page's scripts.
    let csp = r.headers["content-security-policy"].to_str().expect("CSP").to_string();
    let nonce = csp.split("'nonce-").nth(1).and_then(|s| s.split('\'').next()).expect("nonce in CSP");
    assert!(nonce.len() >= 16 && !csp.contains("unsafe-inline"), "{csp}");
    assert!(r.body.contains(&format!("nonce=\"{nonce}\"")), "scripts carry the nonce");
    let again = get(&app, "/directory", &[]).await;
    assert!(
        !again.headers["content-security-policy"].to_str().expect("CSP").contains(nonce),
        "a new nonce per response"
    );

    // A malformed OID is explained on the page, at the search box.
    let r = get(&app, "/directory?q=2.16..886", &[]).await;
    assert!(r.body.contains("第 3 段"), "{}", r.body);

    let r = get(&app, "/org/2.16.886.101.20003.20014", &[]).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains(r#"href="/org/2.16.886.101.20003.20065""#) && r.body.contains("已更名為"));

    let r = get(&app, "/org/9.9.9", &[]).await;
    assert_eq!(r.status, 404);
    let r = get(&app, "/no/such/page", &[]).await;
    assert_eq!(r.status, 404);

    let r = get(&app, "/directory/tree?at=2.16.886.101.90007", &[]).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("苗栗縣政府") && r.body.contains(r#"aria-current="page""#));

    // English, remembered by cookie.
    let r = get(&app, "/lang/en?back=%2Fdirectory%3Fq%3D1", &[]).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.headers["location"], "/directory?q=1");
    let cookie = r.headers["set-cookie"].to_str().expect("cookie").to_string();
    assert!(cookie.starts_with("gatehouse_lang=en;") && cookie.contains("SameSite=Lax"), "{cookie}");
    let r = get(&app, "/directory", &[("cookie", "gatehouse_lang=en")]).await;
    assert!(r.body.contains(r#"<html lang="en""#) && r.body.contains("Find an organization"));
    let r = get(&app, "/lang/en?back=%2F%2Fevil.example", &[]).await;
    assert_eq!(r.headers["location"], "/");
}
on_both_databases!(server_rendered_pages, pages);

/// Routers built while pages render, as the tests of this suite do all the time: every render
/// answers. Listing the routes switches resource loading off for the whole process, and a
/// render whose data started loading just then waited forever (leptos issue #4773); the
/// routes are now listed once. Without that, this test hung within a few rounds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_render_while_other_routers_are_built() {
    let db = crate::support::test_db(crate::support::Backend::Sqlite).await;
    load_demo(&db).await;
    let app = app(&db);
    let pool = db.pool.clone();
    let building = tokio::task::spawn_blocking(move || {
        for _ in 0..40 {
            drop(gatehouse::router::router(gatehouse::server::app_state(pool.clone(), true)));
        }
    });
    let mut rendered = 0;
    while !building.is_finished() || rendered < 40 {
        let r = get(&app, "/org/2.16.886.101.20003.20014", &[]).await;
        assert!(r.status == 200 && r.body.contains("已更名為"), "render {rendered}: {}", r.status);
        rendered += 1;
    }
    building.await.expect("routers built");
}

#[tokio::test]
async fn development_pages_exist_only_in_development_mode() {
    let db = crate::support::test_db(crate::support::Backend::Sqlite).await;
    assert_eq!(get(&app(&db), "/dev/picker", &[]).await.status, 200);
    // The outbox: everything at /dev/mailbox, the text messages alone at /dev/sms.
    db.pool
        .run(|conn| {
            use app::db::outbox::{enqueue, Channel};
            enqueue(conn, Channel::Email, "a@test.gov.tw", "t", "信件", "mail body", 1)?;
            enqueue(conn, Channel::Sms, "0912-345678", "t", "", "sms body 123456", 2)?;
            Ok(())
        })
        .await
        .expect("outbox");
    let sms = get(&app(&db), "/api/fn/dev_mailbox?channel=sms", &[]).await;
    let all = get(&app(&db), "/api/fn/dev_mailbox", &[]).await;
    assert_eq!((sms.json().as_array().map(Vec::len), all.json().as_array().map(Vec::len)), (Some(1), Some(2)));
    assert_eq!(sms.json()[0]["recipient"], "0912-345678");
    let page = get(&app(&db), "/dev/sms", &[]).await;
    assert!(page.status == 200 && page.body.contains("sms body 123456") && !page.body.contains("mail body"));
    let production = gatehouse::router::router(gatehouse::server::app_state(db.pool.clone(), false));
    assert_eq!(get(&production, "/dev/picker", &[]).await.status, 404);
    assert_eq!(get(&production, "/dev/sms", &[]).await.status, 404);
    assert_eq!(get(&production, "/api/fn/dev_mailbox?channel=sms", &[]).await.status, 404);
    assert_eq!(get(&production, "/directory", &[]).await.status, 200);
}

#[tokio::test]
async fn the_stylesheet_is_served_under_its_hash() {
    let db = crate::support::test_db(crate::support::Backend::Sqlite).await;
    let app = app(&db);
    let href = app::style::stylesheet_href();
    let r = get(&app, &href, &[]).await;
    assert_eq!(r.status, 200);
    assert!(r.headers["content-type"].to_str().expect("type").starts_with("text/css"));
    assert!(r.headers["cache-control"].to_str().expect("cache").contains("immutable"));
    // Generated utilities (a responsive variant among them) and the hand-written base.
    assert!(r.body.contains("@media") && r.body.contains(".skip-link"), "{}", &r.body[..200.min(r.body.len())]);
    assert_eq!(get(&app, "/assets/gatehouse-0000.css", &[]).await.status, 404);
}

/// The built wasm goes out as the build compressed it, brotli or gzip by what the browser
/// takes, and as it is to a client that takes neither; nothing is compressed per request.
#[tokio::test]
async fn the_wasm_is_sent_precompressed() {
    let db = crate::support::test_db(crate::support::Backend::Sqlite).await;
    let site = tempfile::tempdir().expect("site");
    let pkg = site.path().join("pkg");
    std::fs::create_dir(&pkg).expect("pkg");
    let wasm: Vec<u8> = (0..100_000u32).flat_map(|i| (i % 253).to_le_bytes()).collect();
    std::fs::write(pkg.join("gatehouse_bg.wasm"), &wasm).expect("wasm");
    gatehouse::precompress::precompress(&pkg).expect("precompress");
    let app = |hashed: bool| {
        let options = leptos::prelude::LeptosOptions::builder()
            .output_name("gatehouse")
            .site_root(site.path().to_string_lossy().to_string())
            .hash_files(hashed)
            .build();
        gatehouse::router::router(app::state::AppState::new(options, db.pool.clone(), false, crate::client::settings()))
    };
    // Named after their content (cargo-leptos' hash-files), files are kept for good; under a
    // fixed name they must be asked for again, or a browser would mix two builds' chunks.
    for (hashed, cache) in [(true, "public, max-age=31536000, immutable"), (false, "no-cache")] {
        let r = get(&app(hashed), "/pkg/gatehouse_bg.wasm", &[("accept-encoding", "br")]).await;
        assert_eq!(r.headers["cache-control"], cache, "hashed: {hashed}");
    }
    let app = app(true);

    for (accepts, encoding, file) in [
        ("gzip, deflate, br, zstd", Some("br"), "gatehouse_bg.wasm.br"),
        ("gzip", Some("gzip"), "gatehouse_bg.wasm.gz"),
        ("identity", None, "gatehouse_bg.wasm"),
    ] {
        let r = get(&app, "/pkg/gatehouse_bg.wasm", &[("accept-encoding", accepts)]).await;
        assert_eq!(r.status, 200, "{accepts}");
        assert_eq!(r.headers.get("content-encoding").and_then(|v| v.to_str().ok()), encoding, "{accepts}");
        assert_eq!(r.headers["content-type"], "application/wasm", "{accepts}");
        assert!(r.bytes == std::fs::read(pkg.join(file)).expect("file"), "{accepts}: the build's bytes as they are");
    }
    assert_eq!(get(&app, "/pkg/nothing.wasm", &[]).await.status, 404);
}
