//! libFuzzer target: `Retry-After` parsing and the retry decision (checks in `src/lib.rs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    authos_errors_fuzz::retry_after(data);
});
