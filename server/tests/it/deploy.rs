//! The files an installation copies (`deploy/`): the systemd unit passes systemd's own check
//! with this build's binary in it, its sandbox keeps the exposure systemd rates it at low, and
//! its settings file is settings this release accepts. (No systemd runs as the machine's
//! manager here, so the unit is verified, not started.)

use std::{path::PathBuf, process::Command};

fn repository() -> PathBuf {
    // Normalized: systemd refuses paths with `..` in them.
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("the server crate is in the repository").to_path_buf()
}

/// The unit as installed, its binary and settings file where this checkout has them.
fn unit_here(dir: &std::path::Path) -> PathBuf {
    let unit = std::fs::read_to_string(repository().join("deploy/systemd/gatehouse.service")).expect("unit");
    assert!(unit.contains("ExecStart=/usr/local/bin/gatehouse serve"), "the installed binary's path");
    let env_file = repository().join("deploy/systemd/gatehouse.env");
    let here = unit
        .replace("/usr/local/bin/gatehouse", env!("CARGO_BIN_EXE_gatehouse"))
        .replace("/etc/gatehouse/gatehouse.env", &env_file.display().to_string());
    let path = dir.join("gatehouse.service");
    std::fs::write(&path, here).expect("unit copy");
    path
}

fn systemd_analyze(args: &[&str]) -> std::process::Output {
    Command::new("systemd-analyze")
        .args(args)
        .output()
        .expect("systemd-analyze (Debian's systemd package; scripts/ensure-tools.sh installs it)")
}

#[test]
fn the_systemd_unit_verifies_and_is_sandboxed() {
    let dir = tempfile::tempdir().expect("dir");
    let unit = unit_here(dir.path());
    let unit = unit.display().to_string();
    let verified = systemd_analyze(&["verify", &unit]);
    let complaints = String::from_utf8_lossy(&verified.stderr);
    assert!(verified.status.success() && complaints.trim().is_empty(), "systemd-analyze verify: {complaints}");
    // Exposure is rated 0 (locked down) to 10 (none); the threshold is in tenths.
    let rated = systemd_analyze(&["security", "--offline=yes", "--threshold=15", &unit]);
    let report = String::from_utf8_lossy(&rated.stdout);
    assert!(rated.status.success(), "exposure above 1.5:\n{report}");
    // A unit with a misspelt option is caught by the same check.
    let bad = dir.path().join("bad.service");
    std::fs::write(&bad, "[Service]\nExecStart=/bin/true\nProtectSytem=strict\n").expect("bad unit");
    let caught = systemd_analyze(&["verify", &bad.display().to_string()]);
    assert!(!String::from_utf8_lossy(&caught.stderr).trim().is_empty(), "a misspelt option is reported");
}

/// Every line of the settings file is a setting this release reads and accepts: the binary
/// starts with them (only the data paths moved into a temporary folder) and migrates.
#[test]
fn the_settings_file_is_accepted() {
    let dir = tempfile::tempdir().expect("dir");
    let text = std::fs::read_to_string(repository().join("deploy/systemd/gatehouse.env")).expect("settings");
    let mut command = Command::new(env!("CARGO_BIN_EXE_gatehouse"));
    command.arg("migrate").env_clear().env("PATH", std::env::var("PATH").unwrap_or_default());
    let mut names = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (name, value) = line.split_once('=').unwrap_or_else(|| panic!("not NAME=value: {line}"));
        assert!(
            name.starts_with("GATEHOUSE_")
                || name.starts_with("LEPTOS_")
                || ["DATABASE_URL", "RUST_LOG"].contains(&name)
        );
        names.push(name.to_string());
        command.env(name, value);
    }
    for name in ["DATABASE_URL", "GATEHOUSE_SECRET_KEY_FILE", "GATEHOUSE_PUBLIC_URL", "GATEHOUSE_TRUST_PROXY"] {
        assert!(names.iter().any(|n| n == name), "{name} is set");
    }
    command
        .env("DATABASE_URL", format!("sqlite://{}/gatehouse.db", dir.path().display()))
        .env("GATEHOUSE_SECRET_KEY_FILE", dir.path().join("secret.key"));
    let out = command.output().expect("the gatehouse binary");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("migrations applied"));
}
