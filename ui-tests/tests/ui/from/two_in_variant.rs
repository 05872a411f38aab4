// Two `#[from]` in one variant.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum StorageError {
    /// Storage failed
    #[code("STORAGE_FAILED", status = 503)]
    Failed(#[from] std::io::Error, #[from] std::fmt::Error),
}

fn main() {}
