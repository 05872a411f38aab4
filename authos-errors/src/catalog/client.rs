//! Reading AuthOS error responses back (feature `client`): the generic [`client`] readers with
//! the AuthOS catalog named, and the troubleshooting guide's checks.
//!
//! ```
//! use authos_errors::catalog::{self, AuthOsError, MfaError};
//!
//! let response = catalog::client::parse(r#"{"error":"MFA verification needed","error_code":"MFA_REQUIRED","timestamp":"2025-01-15T10:30:00Z"}"#)?;
//! assert_eq!(response.error(), Some(&AuthOsError::Mfa(MfaError::MfaRequired)));
//! # Ok::<(), authos_errors::client::ParseError>(())
//! ```

use crate::ApiErrorCode;
use crate::catalog::{AuthOsError, AuthenticationError, AuthorizationError};
use crate::client::{self, ParseError};

/// An error response typed with the AuthOS catalog.
pub type ErrorResponse = client::ErrorResponse<AuthOsError>;

/// One `errors` entry of a many-field failure, typed with the AuthOS catalog.
pub type FieldErrorEntry = client::FieldErrorEntry<AuthOsError>;

/// A failed reqwest call, the server's error typed with the AuthOS catalog (feature `reqwest`).
#[cfg(feature = "reqwest")]
pub type ApiError = client::reqwest::ApiError<AuthOsError>;

/// [`client::parse`] with the AuthOS catalog: an AuthOS JSON error body.
///
/// ```
/// use authos_errors::catalog::{self, AuthOsError, GeneralError};
///
/// let response = catalog::client::parse(r#"{"error":"No user 42","error_code":"NOT_FOUND","timestamp":"2025-01-15T10:30:00Z"}"#)?;
/// // A code listed in two groups resolves to its General Errors entry.
/// assert_eq!(response.error(), Some(&AuthOsError::General(GeneralError::NotFound)));
/// # Ok::<(), authos_errors::client::ParseError>(())
/// ```
///
/// # Errors
/// As [`client::parse`].
pub fn parse(input: impl AsRef<[u8]>) -> Result<ErrorResponse, ParseError> {
    client::parse(input)
}

/// [`client::parse_response`] with the AuthOS catalog: a body in any format the server writes.
///
/// ```
/// use authos_errors::catalog::{self, AuthOsError, InfrastructureError};
///
/// let problem = br#"{"type":"https://docs.authos.dev/errors#DATABASE_ERROR","title":"Database operation failed","status":500,"detail":"Database operation failed","error_code":"DATABASE_ERROR","timestamp":"2025-01-15T10:30:00Z"}"#;
/// let response = catalog::client::parse_response(Some(500), Some("application/problem+json"), problem)?;
/// assert_eq!(response.error(), Some(&AuthOsError::Infrastructure(InfrastructureError::DatabaseError)));
/// # Ok::<(), authos_errors::client::ParseError>(())
/// ```
///
/// # Errors
/// As [`client::parse_response`].
pub fn parse_response(
    http_status: Option<u16>,
    content_type: Option<&str>,
    body: impl AsRef<[u8]>,
) -> Result<ErrorResponse, ParseError> {
    client::parse_response(http_status, content_type, body)
}

/// What the AuthOS troubleshooting guide says to do about a response, whatever catalog types
/// it.
impl<E> client::ErrorResponse<E> {
    /// Whether the access token expired (`TOKEN_EXPIRED`): refresh it
    /// (`/api/auth/refresh`) and send the request again, as the troubleshooting guide says.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"JWT has expired","error_code":"TOKEN_EXPIRED","timestamp":"2025-01-15T10:30:00Z"}"#,
    /// )?;
    /// assert!(response.should_refresh_token());
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn should_refresh_token(&self) -> bool {
        self.code() == AuthenticationError::TokenExpired.code()
    }

    /// Whether the organization is suspended or pending approval (`ORGANIZATION_NOT_ACTIVE`):
    /// retrying will not help; the platform administrator has to act.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"Organization suspended/pending","error_code":"ORGANIZATION_NOT_ACTIVE","timestamp":"2025-01-15T10:30:00Z"}"#,
    /// )?;
    /// assert!(response.is_organization_inactive());
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn is_organization_inactive(&self) -> bool {
        self.code() == AuthorizationError::OrganizationNotActive.code()
    }
}

#[cfg(feature = "reqwest")]
pub use self::reqwest::AuthOsResponseExt;

#[cfg(feature = "reqwest")]
mod reqwest {
    use std::future::Future;

    use ::reqwest::Response;

    use super::{ApiError, ErrorResponse};
    use crate::catalog::AuthOsError;
    use crate::client::reqwest::{ResponseExt, UnreadableResponse};

    mod sealed {
        pub trait Sealed {}
        impl Sealed for reqwest::Response {}
    }

    /// [`ResponseExt`]'s readers with the AuthOS catalog named (feature `reqwest`).
    ///
    /// ```no_run
    /// use authos_errors::catalog::client::{ApiError, AuthOsResponseExt};
    ///
    /// async fn organization(http: &reqwest::Client, slug: &str) -> Result<String, ApiError> {
    ///     let response = http
    ///         .get(format!("http://127.0.0.1:3000/api/organizations/{slug}"))
    ///         .send()
    ///         .await?
    ///         .error_for_authos_status()
    ///         .await?;
    ///     Ok(response.text().await?)
    /// }
    /// ```
    pub trait AuthOsResponseExt: sealed::Sealed + Sized {
        /// [`ResponseExt::error_for_status_as`] with the AuthOS catalog.
        ///
        /// ```no_run
        /// use authos_errors::catalog::client::{ApiError, AuthOsResponseExt};
        /// # async fn run(http: reqwest::Client) -> Result<(), reqwest::Error> {
        /// let response = http.get("http://127.0.0.1:3000/api/me").send().await?;
        /// match response.error_for_authos_status().await {
        ///     Ok(ok) => println!("{}", ok.status()),
        ///     Err(ApiError::Response(error)) if error.should_refresh_token() => { /* refresh */ }
        ///     Err(other) => eprintln!("{other}"),
        /// }
        /// # Ok(())
        /// # }
        /// ```
        fn error_for_authos_status(self)
        -> impl Future<Output = Result<Response, ApiError>> + Send;

        /// [`ResponseExt::authos_error_as`] with the AuthOS catalog.
        ///
        /// ```no_run
        /// use authos_errors::catalog::client::AuthOsResponseExt;
        /// # async fn run(response: reqwest::Response) {
        /// match response.authos_error().await {
        ///     Ok(error) => eprintln!("{}: {}", error.code(), error.message()),
        ///     Err(unreadable) => eprintln!("{unreadable}"),
        /// }
        /// # }
        /// ```
        fn authos_error(
            self,
        ) -> impl Future<Output = Result<ErrorResponse, UnreadableResponse>> + Send;
    }

    impl AuthOsResponseExt for Response {
        fn error_for_authos_status(
            self,
        ) -> impl Future<Output = Result<Response, ApiError>> + Send {
            self.error_for_status_as::<AuthOsError>()
        }

        fn authos_error(
            self,
        ) -> impl Future<Output = Result<ErrorResponse, UnreadableResponse>> + Send {
            self.authos_error_as::<AuthOsError>()
        }
    }
}
