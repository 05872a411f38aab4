use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
#[api_error(from = false)]
enum StoreError {
    /// Database read failed
    #[code("READ_FAILED", status = 500)]
    Read(#[from] std::io::Error),
}

fn main() {}
