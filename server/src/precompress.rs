//! `gatehouse precompress <dir>`: writes `file.br` and `file.gz` beside each wasm, JS and CSS
//! file of the built site, once, at build time (`scripts/release-build.sh`). The server then
//! sends those bytes as they are (`router`'s `/pkg` service) instead of compressing 3 MB of
//! wasm on every first visit, and at brotli's best quality, which is too slow to run per
//! request (issue 14).

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
};

/// Which files are worth compressing: the wasm, its JS glue, the stylesheet.
fn compressible(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("wasm" | "js" | "css"))
}

/// What was written: each file with its size raw, as brotli and as gzip.
pub struct Compressed {
    pub path: PathBuf,
    pub raw: usize,
    pub brotli: usize,
    pub gzip: usize,
}

/// Compresses every compressible file in `dir` (not below it), replacing older copies.
pub fn precompress(dir: &Path) -> std::io::Result<Vec<Compressed>> {
    let mut done = Vec::new();
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for path in files.into_iter().filter(|p| p.is_file() && compressible(p)) {
        let bytes = fs::read(&path)?;
        let brotli = brotli_bytes(&bytes)?;
        let gzip = gzip_bytes(&bytes)?;
        fs::write(with_suffix(&path, "br"), &brotli)?;
        fs::write(with_suffix(&path, "gz"), &gzip)?;
        done.push(Compressed { path, raw: bytes.len(), brotli: brotli.len(), gzip: gzip.len() });
    }
    Ok(done)
}

/// Removes compressed copies older than their file: a later build (a debug `cargo leptos
/// build` over a release site) replaced the file but not its copies, which would otherwise be
/// sent in its place. Run when the server starts; says how many went.
pub fn prune_stale(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    let mut removed = 0;
    for copy in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let Some(source) = ["br", "gz"]
            .into_iter()
            .find(|s| copy.extension().and_then(|e| e.to_str()) == Some(*s))
            .map(|_| copy.with_extension(""))
        else {
            continue;
        };
        let stale = match (modified(&copy), modified(&source)) {
            (Some(copy_at), Some(source_at)) => copy_at < source_at,
            (_, None) => true,
            (None, Some(_)) => false,
        };
        if stale && fs::remove_file(&copy).is_ok() {
            removed += 1;
        }
    }
    removed
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn brotli_bytes(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        // Quality 11 (the best), a 4 MB window: slow once here, smallest for every visitor.
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        writer.write_all(bytes)?;
    }
    Ok(out)
}

fn gzip_bytes(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    encoder.finish()
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn writes_both_beside_each_file_and_they_decompress_to_it() {
        let dir = tempfile::tempdir().expect("dir");
        let wasm: Vec<u8> = (0..200_000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        fs::write(dir.path().join("app.wasm"), &wasm).expect("write");
        fs::write(dir.path().join("notes.txt"), b"not served compressed").expect("write");
        let done = precompress(dir.path()).expect("precompress");
        assert_eq!(done.len(), 1);
        assert!(done[0].brotli < done[0].raw && done[0].gzip < done[0].raw);
        let mut unbrotli = Vec::new();
        brotli::Decompressor::new(&fs::read(dir.path().join("app.wasm.br")).expect("br")[..], 4096)
            .read_to_end(&mut unbrotli)
            .expect("brotli");
        let mut ungzip = Vec::new();
        flate2::read::GzDecoder::new(&fs::read(dir.path().join("app.wasm.gz")).expect("gz")[..])
            .read_to_end(&mut ungzip)
            .expect("gzip");
        assert!(unbrotli == wasm && ungzip == wasm);
        assert!(!dir.path().join("notes.txt.br").exists());

        // A later build replaces the wasm: its old copies go, the fresh ones stay.
        assert_eq!(prune_stale(dir.path()), 0);
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(dir.path().join("app.wasm"), b"rebuilt").expect("write");
        assert_eq!(prune_stale(dir.path()), 2);
        assert!(!dir.path().join("app.wasm.br").exists() && !dir.path().join("app.wasm.gz").exists());
    }
}
