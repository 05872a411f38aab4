use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum StoreError {
    /// Database read failed
    #[code("READ_FAILED", status = 500)]
    Read(#[from] std::io::Error),

    /// Database write failed
    #[code("WRITE_FAILED", status = 500)]
    Write(#[from] std::io::Error),
}

fn main() {}
