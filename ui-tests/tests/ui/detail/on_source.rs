// The underlying error never goes into a body, so a #[source] cannot be a #[detail].
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum UploadError {
    /// Upload rejected
    #[code("UPLOAD_REJECTED", status = 400)]
    Rejected(#[source] #[detail] std::io::Error),
}

fn main() {}
