// A field named `source` is the variant's source, as in thiserror, unless another field is
// marked #[source] or #[from]: `source()` returns it and a 5xx logs the chain through it.
use std::error::Error as _;
use std::io;

use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum StoreError {
    /// Database failed
    #[code("DB", status = 500, message = "Database failed")]
    Database { source: io::Error },

    /// Upstream rejected the request
    #[code("UPSTREAM_REJECTED", status = 422, message = "Rejected: {source}")]
    Rejected { source: io::Error },

    /// Sync failed
    #[code("SYNC_FAILED", status = 502)]
    Sync {
        #[source]
        cause: io::Error,
        source: &'static str,
    },

    /// Not UTF-8
    #[code("NOT_UTF8", status = 400)]
    Utf8 {
        #[from]
        source: std::str::Utf8Error,
    },
}

fn main() {
    let database = StoreError::Database { source: io::Error::other("connection refused") };
    assert_eq!(database.message(), "Database failed");
    assert_eq!(database.source().unwrap().to_string(), "connection refused");

    let rejected = StoreError::Rejected { source: io::Error::other("quota") };
    assert_eq!(rejected.message(), "Rejected: quota");
    assert_eq!(rejected.source().unwrap().to_string(), "quota");

    let sync = StoreError::Sync { cause: io::Error::other("reset"), source: "replica" };
    assert_eq!(sync.source().unwrap().to_string(), "reset");

    let bytes = vec![0xff_u8];
    let utf8 = StoreError::from(std::str::from_utf8(&bytes).unwrap_err());
    assert_eq!(utf8.code(), "NOT_UTF8");
    assert!(utf8.source().is_some());
}
