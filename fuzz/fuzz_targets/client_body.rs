//! libFuzzer target: `authos_errors::catalog::client::parse` on arbitrary bytes (checks in `src/lib.rs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    authos_errors_fuzz::client_body(data);
});
