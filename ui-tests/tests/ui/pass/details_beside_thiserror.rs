// #[detail] works beside thiserror, which does not know the attribute.
use authos_errors::ApiErrorCode;

#[derive(Debug, thiserror::Error, ApiErrorCode)]
#[api_error(display = false)]
enum SignupError {
    /// Slug shorter than the minimum
    #[error("slug shorter than {min}")]
    #[code("SLUG_TOO_SHORT", status = 400)]
    SlugTooShort {
        #[detail]
        min: usize,
    },
    /// Storage failed
    #[error("storage failed")]
    #[code("SIGNUP_STORE_DOWN", status = 500)]
    Store(#[source] std::io::Error),
}

fn main() {
    let err = SignupError::SlugTooShort { min: 3 };
    assert_eq!(err.to_string(), "slug shorter than 3");
    assert_eq!(SignupError::CATALOG[0].details, ["min"]);
    let _ = SignupError::Store(std::io::Error::other("x")).code();
}
