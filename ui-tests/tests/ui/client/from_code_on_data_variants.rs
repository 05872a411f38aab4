// Asking an enum with data variants for `FromCode` at a client call site: the note says the
// client needs none, and how it reads the code instead.
use authos_errors::{ApiErrorCode, FromCode};

#[derive(Debug, ApiErrorCode)]
enum OrderError {
    /// Order not found
    #[code("ORDER_NOT_FOUND", status = 404)]
    NotFound { id: u64 },
}

fn typed<E: FromCode>(code: &str) -> Option<E> {
    E::from_code(code)
}

fn main() {
    let _ = typed::<OrderError>("ORDER_NOT_FOUND");
}
