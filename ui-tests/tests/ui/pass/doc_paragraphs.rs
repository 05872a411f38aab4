// Only the doc comment's first paragraph is the description; lines of that paragraph are
// joined with spaces, and an explicit `description` wins over the doc comment.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum SessionError {
    /// The session has expired
    /// and must be renewed.
    ///
    /// This second paragraph is for rustdoc readers only: it explains that sessions last
    /// twelve hours.
    ///
    /// # Examples
    /// Not part of the description either.
    #[code("SESSION_EXPIRED", status = 401)]
    Expired,

    /// Internal notes for maintainers.
    #[code("SESSION_REVOKED", status = 401, description = "The session was revoked")]
    Revoked,
}

fn main() {
    assert_eq!(
        SessionError::Expired.description(),
        "The session has expired and must be renewed."
    );
    assert_eq!(SessionError::CATALOG[0].description, "The session has expired and must be renewed.");
    assert_eq!(SessionError::Revoked.description(), "The session was revoked");
    assert_eq!(SessionError::Revoked.to_string(), "The session was revoked");
}
