// The same at `parse_response` and `ErrorResponse::from_response`, every format's reader.
use authos_errors::client::{self, ErrorResponse};

fn main() {
    let _ = client::parse_response::<String>(Some(404), None, "{}");
    let _ = ErrorResponse::<u32>::from_response(Some(404), None, b"{}");
}
