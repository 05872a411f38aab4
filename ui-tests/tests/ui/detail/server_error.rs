// A 5xx body shows no field data: not even a field marked #[detail].
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum StoreError {
    /// Database unavailable
    #[code("DB_DOWN", status = 503)]
    Down {
        #[detail]
        host: String,
    },
}

fn main() {}
