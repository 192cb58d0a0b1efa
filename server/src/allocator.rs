//! glibc's allocator keeps the large blocks that the password hashing threads free after a
//! burst of sign-ins: its threshold for giving a large block back to the system rises to the
//! size of each one freed, so the next 19 MiB block comes from the heap and, freed, its pages
//! stay with the process. Pinned at 4 MiB, every such block is a mapping of its own and leaves
//! when freed. Measured by `make bench` (sign-in part): idle after a burst 75.5 → 35.7 MB,
//! with the national directory 126.0 → 74.7 MB, sign-ins per second unchanged.
//!
//! glibc reads its tunables only when a process starts, so `gatehouse serve` starts itself
//! once more with them set (the same process id: `exec`). An operator's own `GLIBC_TUNABLES`
//! is left as it is.

/// The setting `serve` runs with.
pub const TUNABLES: &str = "glibc.malloc.mmap_threshold=4194304";

/// Replaces this process by itself with `TUNABLES` set, unless `GLIBC_TUNABLES` is set
/// already; returns only when that cannot be done, and then the process runs on as it is.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn restart_with_tunables() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os("GLIBC_TUNABLES").is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else { return };
    let error =
        std::process::Command::new(exe).args(std::env::args_os().skip(1)).env("GLIBC_TUNABLES", TUNABLES).exec();
    eprintln!("could not restart with GLIBC_TUNABLES set ({error}); freed memory may stay resident");
}

/// Other systems' allocators have no such setting.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn restart_with_tunables() {}
