// A field named `source` is the source, as in thiserror, so it must be an error; rustc's error
// points at the field's type.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum SyncError {
    /// Remote rejected the push
    #[code("PUSH_REJECTED", status = 409, message = "Rejected by {source}")]
    Rejected { source: String },
}

fn main() {}
