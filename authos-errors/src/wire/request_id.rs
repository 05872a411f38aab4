//! Request correlation: the id a request carries (`x-request-id`) in its error response and
//! in the server's log line, so support can go from a user's screenshot to the log.
//!
//! The id is the one the request arrived with, as tower-http's `SetRequestIdLayer` and
//! actix-web's request-id middleware set it; nothing is invented when the request has none.
//! An id is used only when it is 1 to [`MAX_LEN`] visible ASCII characters, so it can neither
//! break a log line nor smuggle markup into a body.
//!
//! The id is read by the error layers (`axum::ErrorFormatLayer` / `ProblemJsonLayer`, the
//! actix-web `ErrorFormatMiddleware`): a handler's error alone cannot see the request. A layer
//! that sets the id (tower-http's `SetRequestIdLayer`) must therefore run first, i.e. be added
//! after (outside) the error layer: `router.layer(ErrorFormatLayer::default()).layer(set_request_id)`.
//!
//! Where it appears:
//! - RFC 9457 `instance`: `urn:request:<id>`, the id percent-encoded where a URI needs it
//!   (an absolute URI, so a client never resolves it against the request URL);
//! - the AuthOS body, when opted in: a `request_id` member after `timestamp` (the default body
//!   stays the three keys of the reference);
//! - the `tracing` event of a 5xx, as the `request_id` field.
//!
//! ```
//! use authos_errors::request_id::RequestId;
//!
//! let id = RequestId::parse("3f2c-77ab").unwrap();
//! assert_eq!(id.as_str(), "3f2c-77ab");
//! assert_eq!(id.instance().to_string(), "urn:request:3f2c-77ab");
//! assert_eq!(RequestId::parse(""), None);
//! assert_eq!(RequestId::parse("two words"), None);
//! ```

use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};

/// The request header the id is read from (lower case, as HTTP/2 writes it).
pub const HEADER: &str = "x-request-id";

/// The longest id used, in bytes; a longer header is ignored.
pub const MAX_LEN: usize = 200;

/// A request id fit to be echoed: 1 to [`MAX_LEN`] visible ASCII characters (`!`..=`~`).
///
/// ```
/// use authos_errors::request_id::RequestId;
/// assert!(RequestId::parse("01JD8W3Z7Q5N2C4K6M8P0R2T4V").is_some());
/// assert!(RequestId::parse("ünïcode").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestId(Arc<str>);

impl RequestId {
    /// The id in `value`, when it is usable.
    ///
    /// ```
    /// use authos_errors::request_id::{MAX_LEN, RequestId};
    /// assert_eq!(RequestId::parse("abc").map(|id| id.as_str().len()), Some(3));
    /// assert_eq!(RequestId::parse(&"a".repeat(MAX_LEN + 1)), None);
    /// ```
    #[must_use]
    pub fn parse(value: &str) -> Option<RequestId> {
        is_usable(value).then(|| RequestId(Arc::from(value)))
    }

    /// The id in the raw bytes of a header value, when it is usable.
    ///
    /// ```
    /// use authos_errors::request_id::RequestId;
    /// assert!(RequestId::from_header_bytes(b"req-1").is_some());
    /// assert!(RequestId::from_header_bytes(b"\xff").is_none());
    /// ```
    #[must_use]
    pub fn from_header_bytes(value: &[u8]) -> Option<RequestId> {
        std::str::from_utf8(value).ok().and_then(RequestId::parse)
    }

    /// The id as received.
    ///
    /// ```
    /// use authos_errors::request_id::RequestId;
    /// assert_eq!(RequestId::parse("r-1").unwrap().as_str(), "r-1");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The RFC 9457 `instance` naming the request: `urn:request:<id>`.
    ///
    /// ```
    /// use authos_errors::request_id::RequestId;
    /// let id = RequestId::parse("a b".replace(' ', "%").as_str()).unwrap();
    /// assert_eq!(id.instance().to_string(), "urn:request:a%25b");
    /// ```
    #[must_use]
    pub fn instance(&self) -> Instance<'_> {
        Instance(&self.0)
    }
}

/// Whether `value` is an id fit to be echoed: 1 to [`MAX_LEN`] visible ASCII characters. The
/// client checks the ids it reads with the same rule.
pub(crate) fn is_usable(value: &str) -> bool {
    !value.is_empty() && value.len() <= MAX_LEN && value.bytes().all(|b| b.is_ascii_graphic())
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The `instance` URI of a request id, written without an intermediate `String`: the id's
/// characters that RFC 8141 does not allow in a URN's name are percent-encoded.
///
/// ```
/// use authos_errors::request_id::Instance;
/// assert_eq!(Instance("a/b?c#d").to_string(), "urn:request:a/b%3Fc%23d");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instance<'a>(pub &'a str);

impl fmt::Display for Instance<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("urn:request:")?;
        for byte in self.0.bytes() {
            // RFC 8141 NSS: pchar / "/" (unreserved, sub-delims, ":" and "@"); the rest encoded.
            let allowed = byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&byte);
            if allowed {
                write!(f, "{}", char::from(byte))?;
            } else {
                write!(f, "%{byte:02X}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for Instance<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
