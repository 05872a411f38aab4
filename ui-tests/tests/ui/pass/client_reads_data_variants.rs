// A client reads an enum with data variants: its entry from the catalog, no typed value; an
// enum of unit variants is typed as before.
use authos_errors::client::{self, ErrorResponse};
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum OrderError {
    /// Order not found
    #[code("ORDER_NOT_FOUND", status = 404)]
    NotFound { id: u64 },
}

fn main() {
    let body = r#"{"error":"No order 7","error_code":"ORDER_NOT_FOUND","timestamp":"2025-01-15T10:30:00Z"}"#;
    let response: ErrorResponse<OrderError> = client::parse(body).unwrap();
    assert_eq!(response.info().map(|info| info.status), Some(404));
    assert!(response.error().is_none());
    let _ = OrderError::NotFound { id: 7 };
}
