//! Cold start (issue 14): from `gatehouse serve` launched on an empty database to the first
//! 200 from `/readyz`, migrations included; then the same on the database it left (a
//! restart). The release binary, as deployed.

use std::{
    io::{Read, Write},
    net::TcpStream,
    path::Path,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

/// Whether `/readyz` on `port` answers 200 now.
fn healthy(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let request = format!("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    let mut answer = String::new();
    stream.write_all(request.as_bytes()).is_ok()
        && stream.read_to_string(&mut answer).is_ok()
        && answer.starts_with("HTTP/1.1 200")
}

/// Launches the server on `database_url` and times it to a healthy `/readyz`.
fn time_to_healthy(database_url: &str, port: u16) -> Duration {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let started = Instant::now();
    let mut server = Command::new(root.join("target/release/gatehouse"))
        .arg("serve")
        .current_dir(&root)
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run target/release/gatehouse (make bench builds it)");
    while !healthy(port) {
        assert!(started.elapsed() < Duration::from_secs(30), "no healthy /readyz in 30 s");
        if let Ok(Some(status)) = server.try_wait() {
            panic!("the server stopped: {status}");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let took = started.elapsed();
    let _ = server.kill();
    let _ = server.wait();
    took
}

pub fn bench() {
    println!("\n## Start (release binary, launch to the first healthy /readyz)");
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = format!("sqlite://{}", dir.path().join("start.db").display());
    let cold = time_to_healthy(&sqlite, 3301);
    let warm = time_to_healthy(&sqlite, 3302);
    println!("SQLite:     empty database (every migration) {cold:.0?}; restart {warm:.0?}");
    match std::env::var("GATEHOUSE_BENCH_PG_START_URL") {
        Ok(url) => {
            let cold = time_to_healthy(&url, 3303);
            let warm = time_to_healthy(&url, 3304);
            println!("PostgreSQL: empty database (every migration) {cold:.0?}; restart {warm:.0?}");
        }
        Err(_) => println!("PostgreSQL: not measured (GATEHOUSE_BENCH_PG_START_URL is not set; make bench sets it)"),
    }
}
