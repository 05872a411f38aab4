// Lifetime parameters, const generics and defaults derive like any other enum. (A #[source]
// must be 'static, as `Error::source` returns `&(dyn Error + 'static)`: it cannot borrow.)
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum LookupError<'a, T: std::fmt::Display = u32, const MAX: usize = 64> {
    /// Name is unknown
    #[code("UNKNOWN_NAME", status = 404, message = "No user named {name}")]
    UnknownName { name: &'a str },

    /// Identifier is too large
    #[code("ID_TOO_LARGE", status = 422, message = "Identifier {0} is too large")]
    TooLarge(T),

    /// Request failed
    #[code("REQUEST_FAILED", status = 502)]
    Failed(#[source] std::io::Error),
}

fn main() {
    let name = String::from("ada");
    let err: LookupError<'_> = LookupError::UnknownName { name: &name };
    assert_eq!(err.to_string(), "No user named ada");
    assert_eq!(err.code(), "UNKNOWN_NAME");
    let err: LookupError<'_, u64, 8> = LookupError::TooLarge(9);
    assert_eq!(err.message(), "Identifier 9 is too large");
    assert_eq!(<LookupError<'static>>::CATALOG.len(), 3);
    let err: LookupError<'_> = LookupError::Failed(std::io::Error::other("reset"));
    assert_eq!(std::error::Error::source(&err).unwrap().to_string(), "reset");
}
