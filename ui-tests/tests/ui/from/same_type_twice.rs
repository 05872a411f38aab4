// Two `#[from]` over one type: a value could become either variant.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum StorageError {
    /// Reading failed
    #[code("READ_FAILED", status = 503)]
    Read(#[from] std::io::Error),

    /// Writing failed
    #[code("WRITE_FAILED", status = 503)]
    Write(#[from] std::io::Error),
}

fn main() {}
