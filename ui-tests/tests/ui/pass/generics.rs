// Generic enums: a type parameter interpolated in a message gets a `Display` (or `Debug`)
// bound inferred, a generic #[source] gets an error bound, and the written where-clause is
// carried through.
use std::fmt::Debug;

use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Store Errors")]
enum StoreError<K, E>
where
    K: Debug,
{
    /// Key not found
    #[code("KEY_NOT_FOUND", status = 404, message = "No entry for key {key:?}")]
    KeyNotFound { key: K },

    /// Value too large
    #[code("VALUE_TOO_LARGE", status = 413, message = "At most {0} bytes")]
    TooLarge(usize),

    /// Storage backend failed
    #[code("BACKEND_FAILED", status = 503, message = "Storage unavailable")]
    Backend(#[source] E),
}

#[derive(Debug, ApiErrorCode)]
enum Labelled<L: std::fmt::Display> {
    /// Invalid label
    #[code("INVALID_LABEL", status = 422, message = "Label {label} is not allowed")]
    Invalid { label: L },
}

fn main() {
    type Store = StoreError<&'static str, std::io::Error>;

    let missing: Store = StoreError::KeyNotFound { key: "user:7" };
    assert_eq!(missing.code(), "KEY_NOT_FOUND");
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.message(), r#"No entry for key "user:7""#);
    assert_eq!(missing.to_string(), r#"No entry for key "user:7""#);

    let too_large: Store = StoreError::TooLarge(1024);
    assert_eq!(too_large.message(), "At most 1024 bytes");

    let backend: Store = StoreError::Backend(std::io::Error::other("disk full"));
    assert_eq!(backend.message(), "Storage unavailable");
    let source = std::error::Error::source(&backend).expect("the #[source] field");
    assert_eq!(source.to_string(), "disk full");

    assert_eq!(Store::CATALOG.len(), 3);
    assert_eq!(Store::CATALOG[2].group, "Store Errors");

    let invalid = Labelled::Invalid { label: 42 };
    assert_eq!(invalid.to_string(), "Label 42 is not allowed");
    assert_eq!(Labelled::<u8>::CATALOG[0].group, "Labelled");
}
