//! One data segment per symbol in the wasm. `cargo leptos build --split` moves a page's static
//! data into that page's chunk symbol by symbol, but keeps the whole `.rodata` segment in the
//! main module when its re-laid copy comes out longer than the linker's. That happens when
//! wasm-ld merges and tail-merges strings, as it does for release builds: one release build
//! kept 335 KB of data in the main module that only chunks use (the common-password list
//! among it), 50 KB more brotli on every page (cargo-leptos issue #679).

/// Optimized builds only (the release site's `wasm-release` profile, opt-level "z"): they are the
/// ones whose linker merges strings, and the debug site linked this way ran the end-to-end
/// suite half as fast (6 → 12 minutes here).
fn main() {
    let optimized = std::env::var("OPT_LEVEL").is_ok_and(|level| level != "0");
    if optimized && std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-cdylib=--no-merge-data-segments");
    }
}
