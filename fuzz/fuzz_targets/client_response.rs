//! libFuzzer target: `client::parse_response_with_headers` on any body, status, content type and code header (checks in `src/lib.rs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    authos_errors_fuzz::client_response(data);
});
