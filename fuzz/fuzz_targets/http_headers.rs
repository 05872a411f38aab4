//! libFuzzer target: `Accept` negotiation and the `WWW-Authenticate` challenge (checks in `src/lib.rs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    authos_errors_fuzz::http_headers(data);
});
