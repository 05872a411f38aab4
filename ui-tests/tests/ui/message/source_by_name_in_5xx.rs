// A thiserror enum ported as the README says: the field named `source` is the source, so a 5xx
// message may not show it.
use std::io;

use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum StoreError {
    /// Database failed
    #[code("DB", status = 500, message = "Database failed: {source}")]
    Database { source: io::Error },
}

fn main() {}
