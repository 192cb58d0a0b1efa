//! glibc's allocator, left to itself, keeps memory the server no longer uses, in two ways:
//!
//! - The large blocks the password hashing threads free after a burst of sign-ins: its
//!   threshold for giving a large block back to the system rises to the size of each one
//!   freed, so the next 19 MiB block comes from the heap and, freed, its pages stay with the
//!   process. Pinned at 4 MiB, every such block is a mapping of its own and leaves when freed.
//! - The arenas: up to eight per core, one taken by each thread that allocates while the
//!   others are busy. The database work runs on tokio's blocking threads, so a directory
//!   import or a burst of requests spreads its leftovers over many arenas, each keeping its
//!   own free pages. One arena per core keeps them together.
//!
//! Measured by `make bench` (sign-in part, 2 cores): idle after a burst 75.5 → 35.7 MB by
//! the first; with the national directory imported and searched 126.0 → 68.3–74.2 MB by the
//! first, then 56.6–61.2 MB by the second; sign-ins per second unchanged.
//!
//! glibc reads its tunables only when a process starts, so `gatehouse serve` starts itself
//! once more with them set (the same process id: `exec`). An operator's own `GLIBC_TUNABLES`
//! is left as it is.

/// The setting `serve` runs with on this machine.
pub fn tunables() -> String {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    format!("glibc.malloc.mmap_threshold=4194304:glibc.malloc.arena_max={cores}")
}

/// Replaces this process by itself with `tunables()` set, unless `GLIBC_TUNABLES` is set
/// already; returns only when that cannot be done, and then the process runs on as it is.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn restart_with_tunables() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os("GLIBC_TUNABLES").is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else { return };
    let error =
        std::process::Command::new(exe).args(std::env::args_os().skip(1)).env("GLIBC_TUNABLES", tunables()).exec();
    eprintln!("could not restart with GLIBC_TUNABLES set ({error}); freed memory may stay resident");
}

/// Other systems' allocators have no such setting.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn restart_with_tunables() {}
