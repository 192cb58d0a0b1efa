//! The light pages' wasm: [`super::search`] exported by name, with no wasm-bindgen and no
//! allocator, so that the module is a few kilobytes. `app/scripts/captcha.js` writes the salt
//! into [`salt_buffer`] and calls [`find`]; each worker has an instance of its own, and an
//! instance runs on one thread, so nothing else touches the buffer during a call.

use core::ptr::{addr_of, addr_of_mut};

/// Salts are 32 hex digits (`app::auth::captcha::issue`); longer ones are cut here and then
/// refused by the server, never written past the buffer.
const SALT_ROOM: usize = 256;

static mut SALT: [u8; SALT_ROOM] = [0; SALT_ROOM];

/// Where the script writes the salt's UTF-8 bytes.
#[no_mangle]
pub extern "C" fn salt_buffer() -> *mut u8 {
    addr_of_mut!(SALT).cast()
}

/// The first of `start`, `start + step`, … (`tries` numbers) that answers the challenge with
/// the salt's first `length` bytes, or -1. Numbers cross as f64, exact to 2^53, which no search
/// reaches, so the script needs no BigInt.
#[no_mangle]
pub extern "C" fn find(length: u32, bits: u32, start: f64, step: f64, tries: u32) -> f64 {
    let length = (length as usize).min(SALT_ROOM);
    // SAFETY: the buffer is SALT_ROOM bytes and `length` is at most that; see the module's
    // comment for why no write can happen while it is read.
    let salt = unsafe { core::slice::from_raw_parts(addr_of!(SALT).cast::<u8>(), length) };
    match super::search(&super::prefix(salt), bits, start as u64, step as u64, tries.into()) {
        Some(n) => n as f64,
        None => -1.0,
    }
}

#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}
