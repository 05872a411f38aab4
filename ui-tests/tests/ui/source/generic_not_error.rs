// A generic #[source] field bounds only the `Error` impl: `code()` works for any type
// argument, and `source()` on one that is not an error is reported where it is called.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum StoreError<E> {
    /// Storage backend failed
    #[code("STORAGE_FAILED", status = 500)]
    Backend(#[source] E),
}

fn main() {
    let err = StoreError::Backend(42_u32);
    let _ = err.code();
    let _ = std::error::Error::source(&err);
}
