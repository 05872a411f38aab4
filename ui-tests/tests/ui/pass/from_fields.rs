// thiserror's #[from], spelt the same without thiserror: `From<FieldType>` for a variant built
// from that one field (a backtrace beside it is captured), the field being `source()`.
use std::backtrace::Backtrace;
use std::error::Error;

use authos_errors::ApiErrorCode;
use authos_errors::catalog::AuthenticationError;

#[derive(Debug, ApiErrorCode)]
enum StoreError<E: Error + 'static> {
    /// Database operation failed
    #[code("DATABASE_ERROR", status = 500)]
    Database(#[from] std::io::Error),

    /// Value is not valid UTF-8
    #[code("NOT_UTF8", status = 422, message = "Value is not valid UTF-8")]
    Utf8 {
        #[from]
        source: std::str::Utf8Error,
        backtrace: Backtrace,
    },

    /// Formatter failed
    #[code("FORMAT_FAILED", status = 500)]
    Format {
        #[from]
        source: std::fmt::Error,
        #[backtrace]
        trace: Option<Backtrace>,
    },

    /// Plugin failed
    #[code("PLUGIN_FAILED", status = 502)]
    Plugin(#[from] Box<dyn Error + Send + Sync + 'static>),

    /// Backend failed
    #[code("BACKEND_FAILED", status = 503)]
    Backend(#[source] E),

    #[code(transparent)]
    Auth(#[from] AuthenticationError),
}

type Store = StoreError<std::num::ParseIntError>;

fn read() -> Result<(), Store> {
    Err(std::io::Error::other("disk full"))?
}

fn decode(bytes: &[u8]) -> Result<&str, Store> {
    Ok(std::str::from_utf8(bytes)?)
}

fn main() {
    let err = read().unwrap_err();
    assert_eq!(err.code(), "DATABASE_ERROR");
    assert_eq!(err.source().unwrap().to_string(), "disk full");

    let err = decode(&[0xff]).unwrap_err();
    assert_eq!(err.code(), "NOT_UTF8");
    assert!(matches!(&err, StoreError::Utf8 { .. }));
    assert!(err.source().unwrap().is::<std::str::Utf8Error>());

    let err = Store::from(std::fmt::Error);
    assert!(matches!(err, StoreError::Format { trace: Some(_), .. }));

    let boxed: Box<dyn Error + Send + Sync> = "plugin crashed".into();
    let err = Store::from(boxed);
    assert_eq!(err.source().unwrap().to_string(), "plugin crashed");


    let err = Store::from(AuthenticationError::TokenExpired);
    assert_eq!(err.code(), "TOKEN_EXPIRED");
}
