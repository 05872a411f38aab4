//! libFuzzer target: every format's error response for any message, request id, delay and scope (checks in `src/lib.rs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    authos_errors_fuzz::render(data);
});
