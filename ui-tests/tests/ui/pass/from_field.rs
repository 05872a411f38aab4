// `#[from]` without thiserror: `From<Field>` is generated, the field is the source, and a
// `#[backtrace]` beside it is captured. A transparent variant keeps its `From` too.
use std::backtrace::Backtrace;
use std::error::Error as _;

use authos_errors::ApiErrorCode;
use authos_errors::catalog::AuthenticationError;

#[derive(Debug, ApiErrorCode)]
enum StorageError {
    /// Storage is unavailable
    #[code("STORAGE_UNAVAILABLE", status = 503)]
    Unavailable(#[from] std::io::Error),

    /// A number did not parse
    #[code("BAD_NUMBER", status = 400)]
    BadNumber {
        #[from]
        source: std::num::ParseIntError,
        #[backtrace]
        backtrace: Backtrace,
    },

    #[code(transparent)]
    Auth(AuthenticationError),
}

fn parse(text: &str) -> Result<u32, StorageError> {
    Ok(text.parse::<u32>()?)
}

fn main() {
    let unavailable = StorageError::from(std::io::Error::other("disk gone"));
    assert_eq!(unavailable.code(), "STORAGE_UNAVAILABLE");
    assert_eq!(unavailable.source().unwrap().to_string(), "disk gone");
    assert_eq!(unavailable.to_string(), "Storage is unavailable");

    let bad = parse("x").unwrap_err();
    assert_eq!(bad.code(), "BAD_NUMBER");
    assert!(bad.source().is_some());
    assert!(matches!(bad, StorageError::BadNumber { .. }));

    let auth = StorageError::from(AuthenticationError::TokenExpired);
    assert_eq!(auth.code(), "TOKEN_EXPIRED");
}
