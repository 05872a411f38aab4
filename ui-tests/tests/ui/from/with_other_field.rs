// `#[from]` on a variant with another field: `From` could not fill it.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum StorageError {
    /// Storage is unavailable
    #[code("STORAGE_UNAVAILABLE", status = 503)]
    Unavailable {
        #[from]
        source: std::io::Error,
        path: String,
    },
}

fn main() {}
