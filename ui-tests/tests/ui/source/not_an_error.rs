// A #[source] field must be an error; rustc's error points at the field's type.
use authos_errors::ApiErrorCode;

#[derive(Debug)]
struct Opaque;

#[derive(Debug, ApiErrorCode)]
enum StoreError {
    /// Storage backend failed
    #[code("STORAGE_FAILED", status = 500)]
    Backend(#[source] Opaque),
}

fn main() {}
