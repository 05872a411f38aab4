use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum StoreError {
    /// Value could not be read
    #[code("READ_FAILED", status = 500)]
    Read(#[from] std::io::Error, #[from] std::fmt::Error),
}

fn main() {}
