use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum StoreError {
    /// Database read failed
    #[code("READ_FAILED", status = 500)]
    Read {
        #[from]
        source: std::io::Error,
        table: String,
    },
}

fn main() {}
