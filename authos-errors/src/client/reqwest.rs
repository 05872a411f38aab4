//! `reqwest` integration (feature `reqwest`): read a failed response into a typed
//! [`ErrorResponse`], reading at most [`MAX_BODY_BYTES`] of its body; with the feature
//! `reqwest-retry`, retries for `reqwest-middleware` / `reqwest-retry` clients that follow
//! [`RetryDecision`].
//!
//! ```no_run
//! use authos_errors::catalog::client::{ApiError, AuthOsResponseExt};
//!
//! async fn organization(http: &reqwest::Client, slug: &str) -> Result<String, ApiError> {
//!     let response = http
//!         .get(format!("http://127.0.0.1:3000/api/organizations/{slug}"))
//!         .header("accept", "application/problem+json")
//!         .send()
//!         .await?
//!         .error_for_authos_status()
//!         .await?;
//!     Ok(response.text().await?)
//! }
//! ```

use std::fmt;
use std::future::Future;
use std::time::Duration;

use ::reqwest::Response;
use ::reqwest::header::{CONTENT_TYPE, RETRY_AFTER};

use super::{BackoffPolicy, ErrorResponse, MAX_BODY_BYTES, ParseError, RetryDecision};
use super::{Catalog, ResponseHeaders};

#[cfg(feature = "reqwest-retry")]
mod retry;
#[cfg(feature = "reqwest-retry")]
pub use retry::{AuthOsRetryableStrategy, FullJitterPolicy, RetryMiddleware};

mod sealed {
    pub trait Sealed {}
    impl Sealed for reqwest::Response {}
}

/// Typed errors from [`reqwest::Response`]s.
///
/// The body of a failed response is read chunk by chunk and reading stops as soon as it
/// passes [`MAX_BODY_BYTES`] (a `Content-Length` over the limit is refused before reading),
/// so a hostile or broken server streaming an endless body costs at most 64 KiB; and it is
/// read under a deadline ([`ReadLimits`], [`DEFAULT_READ_TIMEOUT`] unless set), so one that
/// trickles it a byte at a time costs at most that long.
///
/// ```no_run
/// use authos_errors::catalog::client::AuthOsResponseExt;
/// use authos_errors::client::reqwest::ResponseExt;
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let response = reqwest::get("http://127.0.0.1:3000/api/me").await?;
/// if !response.status().is_success() {
///     // The error keeps the response's status and `Retry-After`.
///     let error = response.authos_error().await?;
///     eprintln!("{error} ({:?})", error.retry_decision(0));
/// }
/// # Ok(())
/// # }
/// ```
pub trait ResponseExt: sealed::Sealed + Sized {
    /// The response itself when its status is below 400; for a 4xx or 5xx, its body read
    /// into an [`ApiError::Response`] typing codes with `E`'s catalog, or
    /// [`ApiError::Unreadable`]. (The AuthOS catalog's:
    /// [`AuthOsResponseExt::error_for_authos_status`](crate::catalog::client::AuthOsResponseExt::error_for_authos_status).)
    ///
    /// ```no_run
    /// use authos_errors::ApiErrorCode;
    /// use authos_errors::client::reqwest::{ApiError, ResponseExt};
    ///
    /// #[derive(Debug, ApiErrorCode)]
    /// enum BillingError {
    ///     /// Card was declined
    ///     #[code("CARD_DECLINED", status = 402)]
    ///     CardDeclined,
    /// }
    ///
    /// # async fn run(response: reqwest::Response) -> Result<(), ApiError<BillingError>> {
    /// let ok = response.error_for_status_as::<BillingError>().await?;
    /// # Ok(())
    /// # }
    /// ```
    fn error_for_status_as<E: Catalog + Send>(
        self,
    ) -> impl Future<Output = Result<Response, ApiError<E>>> + Send;

    /// Reads the body (whatever the status) into an [`ErrorResponse`] typing the code with
    /// `E`'s catalog, in any format the server writes
    /// ([`parse_response_with_headers`](super::parse_response_with_headers) with the response's
    /// status, `Content-Type` and `AuthOS-Error-Code`, so a SCIM error's code is read too),
    /// keeping its `Retry-After` ([`ErrorResponse::retry_after`],
    /// [`ErrorResponse::retry_decision`]). (The AuthOS catalog's:
    /// [`AuthOsResponseExt::authos_error`](crate::catalog::client::AuthOsResponseExt::authos_error).)
    ///
    /// ```no_run
    /// use authos_errors::catalog::AuthOsError;
    /// use authos_errors::client::reqwest::ResponseExt;
    /// # async fn run(response: reqwest::Response) {
    /// let error = response.authos_error_as::<AuthOsError>().await;
    /// # }
    /// ```
    fn authos_error_as<E: Catalog + Send>(
        self,
    ) -> impl Future<Output = Result<ErrorResponse<E>, UnreadableResponse>> + Send;

    /// As [`error_for_status_as`](Self::error_for_status_as), reading the body within
    /// `limits` rather than the [default](ReadLimits::default) ones.
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// use authos_errors::catalog::AuthOsError;
    /// use authos_errors::client::reqwest::{ApiError, ReadLimits, ResponseExt};
    /// # async fn run(response: reqwest::Response) {
    /// let limits = ReadLimits::default().with_timeout(Duration::from_secs(2));
    /// match response.error_for_status_with::<AuthOsError>(limits).await {
    ///     Err(ApiError::Unreadable(unreadable)) if unreadable.is_timeout() => { /* give up */ }
    ///     _ => {}
    /// }
    /// # }
    /// ```
    fn error_for_status_with<E: Catalog + Send>(
        self,
        limits: ReadLimits,
    ) -> impl Future<Output = Result<Response, ApiError<E>>> + Send;

    /// As [`authos_error_as`](Self::authos_error_as), reading the body within `limits` rather
    /// than the [default](ReadLimits::default) ones.
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// use authos_errors::catalog::AuthOsError;
    /// use authos_errors::client::reqwest::{ReadLimits, ResponseExt};
    /// # async fn run(response: reqwest::Response) {
    /// let limits = ReadLimits::default().with_timeout(Duration::from_millis(500));
    /// let error = response.authos_error_with::<AuthOsError>(limits).await;
    /// # }
    /// ```
    fn authos_error_with<E: Catalog + Send>(
        self,
        limits: ReadLimits,
    ) -> impl Future<Output = Result<ErrorResponse<E>, UnreadableResponse>> + Send;

    /// What to do about this response after `attempt` earlier retries: its status and
    /// `Retry-After` header through [`RetryDecision::for_response`]. The error read from the
    /// body keeps both ([`ErrorResponse::retry_decision`]), so it may be asked afterwards too.
    ///
    /// ```no_run
    /// use authos_errors::client::reqwest::ResponseExt;
    /// # async fn run(response: reqwest::Response) {
    /// if let Some(delay) = response.retry_decision(0).delay() {
    ///     // sleep `delay`, then send the request again
    /// }
    /// # }
    /// ```
    fn retry_decision(&self, attempt: u32) -> RetryDecision;

    /// As [`retry_decision`](Self::retry_decision), with `policy`'s timing.
    ///
    /// ```no_run
    /// use authos_errors::client::BackoffPolicy;
    /// use authos_errors::client::reqwest::ResponseExt;
    /// # async fn run(response: reqwest::Response) {
    /// let policy = BackoffPolicy::default().with_seed(7);
    /// let decision = response.retry_decision_with(&policy, 2);
    /// # }
    /// ```
    fn retry_decision_with(&self, policy: &BackoffPolicy, attempt: u32) -> RetryDecision;
}

impl ResponseExt for Response {
    fn error_for_status_as<E: Catalog + Send>(
        self,
    ) -> impl Future<Output = Result<Response, ApiError<E>>> + Send {
        self.error_for_status_with::<E>(ReadLimits::default())
    }

    fn authos_error_as<E: Catalog + Send>(
        self,
    ) -> impl Future<Output = Result<ErrorResponse<E>, UnreadableResponse>> + Send {
        self.authos_error_with::<E>(ReadLimits::default())
    }

    async fn error_for_status_with<E: Catalog + Send>(
        self,
        limits: ReadLimits,
    ) -> Result<Response, ApiError<E>> {
        if self.status().as_u16() < 400 {
            return Ok(self);
        }
        match self.authos_error_with::<E>(limits).await {
            Ok(error) => Err(ApiError::Response(Box::new(error))),
            Err(unreadable) => Err(ApiError::Unreadable(unreadable)),
        }
    }

    async fn authos_error_with<E: Catalog + Send>(
        self,
        limits: ReadLimits,
    ) -> Result<ErrorResponse<E>, UnreadableResponse> {
        let status = self.status().as_u16();
        // The headers the parser reads, owned: reading the body consumes the response.
        let header = |name| {
            self.headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        let content_type = header(CONTENT_TYPE.as_str());
        let error_code = header(crate::scim::ERROR_CODE_HEADER);
        let retry_headers = retry_after(&self).map_or_else(ResponseHeaders::new, |value| {
            ResponseHeaders::new().with_retry_after(value)
        });
        let unreadable = |reason| UnreadableResponse { status, reason };
        let body = match limits.timeout {
            Some(timeout) => tokio::time::timeout(timeout, read_bounded(self))
                .await
                .unwrap_or(Err(Unreadable::TimedOut(timeout))),
            None => read_bounded(self).await,
        }
        .map_err(unreadable)?;
        let headers = [
            ("content-type", content_type.as_deref()),
            (crate::scim::ERROR_CODE_HEADER, error_code.as_deref()),
        ];
        let present = headers
            .into_iter()
            .filter_map(|(name, value)| Some((name, value?)));
        ErrorResponse::from_response_with_headers(Some(status), present, &body)
            .map(|response| response.with_headers(&retry_headers))
            .map_err(|error| unreadable(Unreadable::Parse(error)))
    }

    fn retry_decision(&self, attempt: u32) -> RetryDecision {
        RetryDecision::for_response(self.status().as_u16(), retry_after(self), attempt)
    }

    fn retry_decision_with(&self, policy: &BackoffPolicy, attempt: u32) -> RetryDecision {
        policy.decide(self.status().as_u16(), retry_after(self), attempt)
    }
}

/// The `Retry-After` header value, when it is text.
fn retry_after(response: &Response) -> Option<&str> {
    response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
}

/// Reads the body, stopping as soon as it is longer than [`MAX_BODY_BYTES`].
async fn read_bounded(mut response: Response) -> Result<Vec<u8>, Unreadable> {
    if let Some(announced) = response.content_length()
        && announced > MAX_BODY_BYTES as u64
    {
        let len = usize::try_from(announced).unwrap_or(usize::MAX);
        return Err(Unreadable::Parse(ParseError::too_large(len, false)));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(Unreadable::Read)? {
        let len = body.len().saturating_add(chunk.len());
        if len > MAX_BODY_BYTES {
            // Dropping the response here closes the connection: the rest is never read.
            return Err(Unreadable::Parse(ParseError::too_large(len, true)));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// How long reading a failed response's body may take by default: 30 seconds.
///
/// An error body is at most [`MAX_BODY_BYTES`] (64 KiB): 30 seconds is enough for it over a
/// link of 2 KiB/s, and bounds how long a server that trickles it can hold the caller.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Limits on reading a failed response's body into an error: how long it may take (its size is
/// always at most [`MAX_BODY_BYTES`]).
///
/// The deadline runs from the call that reads the body ([`ResponseExt::authos_error_with`],
/// [`ResponseExt::error_for_status_with`]; the other methods use [`ReadLimits::default`]) to
/// its last byte; past it, reading stops and the answer is an [`UnreadableResponse`] whose
/// [`is_timeout`](UnreadableResponse::is_timeout) is true. It does not cover sending the
/// request or waiting for the response head: set a timeout on the client for the whole
/// exchange (`reqwest::ClientBuilder::timeout`), which also bounds this read when shorter.
///
/// ```
/// use std::time::Duration;
/// use authos_errors::client::reqwest::{DEFAULT_READ_TIMEOUT, ReadLimits};
///
/// assert_eq!(ReadLimits::default().timeout(), Some(DEFAULT_READ_TIMEOUT));
/// let quick = ReadLimits::default().with_timeout(Duration::from_secs(2));
/// assert_eq!(quick.timeout(), Some(Duration::from_secs(2)));
/// assert_eq!(quick.without_timeout().timeout(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReadLimits {
    timeout: Option<Duration>,
}

impl Default for ReadLimits {
    /// A deadline of [`DEFAULT_READ_TIMEOUT`].
    fn default() -> Self {
        ReadLimits {
            timeout: Some(DEFAULT_READ_TIMEOUT),
        }
    }
}

impl ReadLimits {
    /// These limits with a deadline of `timeout` for reading the body.
    ///
    /// ```
    /// use std::time::Duration;
    /// use authos_errors::client::reqwest::ReadLimits;
    /// let limits = ReadLimits::default().with_timeout(Duration::from_millis(250));
    /// assert_eq!(limits.timeout(), Some(Duration::from_millis(250)));
    /// ```
    #[must_use]
    pub const fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// These limits without a deadline: the body is read for as long as the server sends it
    /// (or the client's own timeout allows).
    ///
    /// ```
    /// use authos_errors::client::reqwest::ReadLimits;
    /// assert_eq!(ReadLimits::default().without_timeout().timeout(), None);
    /// ```
    #[must_use]
    pub const fn without_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// The deadline for reading the body, if any.
    ///
    /// ```
    /// use authos_errors::client::reqwest::{DEFAULT_READ_TIMEOUT, ReadLimits};
    /// assert_eq!(ReadLimits::default().timeout(), Some(DEFAULT_READ_TIMEOUT));
    /// ```
    #[must_use]
    pub const fn timeout(&self) -> Option<Duration> {
        self.timeout
    }
}

/// A failed response whose body could not be read as an error: not an error body in any
/// format, longer than [`MAX_BODY_BYTES`], cut off by the connection, or not read in time
/// ([`ReadLimits`]).
///
/// ```no_run
/// use authos_errors::catalog::client::AuthOsResponseExt;
/// use authos_errors::client::ParseErrorKind;
/// # async fn run(response: reqwest::Response) {
/// if let Err(unreadable) = response.authos_error().await {
///     let too_large = unreadable.parse_error().map(|e| e.kind()) == Some(ParseErrorKind::TooLarge);
///     eprintln!("HTTP {}: {unreadable} (too large: {too_large})", unreadable.status());
/// }
/// # }
/// ```
#[derive(Debug)]
pub struct UnreadableResponse {
    status: u16,
    reason: Unreadable,
}

#[derive(Debug)]
enum Unreadable {
    Parse(ParseError),
    Read(::reqwest::Error),
    /// The body was not read within this deadline ([`ReadLimits`]).
    TimedOut(Duration),
}

impl UnreadableResponse {
    /// The HTTP status of the response.
    ///
    /// ```no_run
    /// # use authos_errors::catalog::client::AuthOsResponseExt;
    /// # async fn run(response: reqwest::Response) {
    /// if let Err(unreadable) = response.authos_error().await {
    ///     assert!(unreadable.status() >= 100);
    /// }
    /// # }
    /// ```
    #[must_use]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Why the body is not an error body, when it was read (or refused for its length).
    ///
    /// ```no_run
    /// # use authos_errors::catalog::client::AuthOsResponseExt;
    /// # async fn run(response: reqwest::Response) {
    /// if let Err(unreadable) = response.authos_error().await {
    ///     println!("{:?}", unreadable.parse_error().map(|e| e.kind()));
    /// }
    /// # }
    /// ```
    #[must_use]
    pub fn parse_error(&self) -> Option<&ParseError> {
        match &self.reason {
            Unreadable::Parse(error) => Some(error),
            Unreadable::Read(_) | Unreadable::TimedOut(_) => None,
        }
    }

    /// Whether reading the body stopped at a deadline: the [`ReadLimits`] one, or a timeout
    /// of the client's own ([`read_error`](Self::read_error) then says which).
    ///
    /// ```no_run
    /// # use authos_errors::catalog::client::AuthOsResponseExt;
    /// # async fn run(response: reqwest::Response) {
    /// if let Err(unreadable) = response.authos_error().await {
    ///     if unreadable.is_timeout() {
    ///         eprintln!("the server took too long to send its error: {unreadable}");
    ///     }
    /// }
    /// # }
    /// ```
    #[must_use]
    pub fn is_timeout(&self) -> bool {
        match &self.reason {
            Unreadable::TimedOut(_) => true,
            Unreadable::Read(error) => error.is_timeout(),
            Unreadable::Parse(_) => false,
        }
    }

    /// The transport error, when reading the body failed.
    ///
    /// ```no_run
    /// # use authos_errors::catalog::client::AuthOsResponseExt;
    /// # async fn run(response: reqwest::Response) {
    /// if let Err(unreadable) = response.authos_error().await {
    ///     println!("{:?}", unreadable.read_error().map(|e| e.is_timeout()));
    /// }
    /// # }
    /// ```
    #[must_use]
    pub fn read_error(&self) -> Option<&::reqwest::Error> {
        match &self.reason {
            Unreadable::Parse(_) | Unreadable::TimedOut(_) => None,
            Unreadable::Read(error) => Some(error),
        }
    }
}

impl fmt::Display for UnreadableResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.reason {
            Unreadable::Parse(_) => write!(
                f,
                "the HTTP {} response does not carry a readable error body",
                self.status
            ),
            Unreadable::Read(_) => write!(
                f,
                "reading the body of the HTTP {} response failed",
                self.status
            ),
            Unreadable::TimedOut(timeout) => write!(
                f,
                "the body of the HTTP {} response was not read within {timeout:?}",
                self.status
            ),
        }
    }
}

impl std::error::Error for UnreadableResponse {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.reason {
            Unreadable::Parse(error) => Some(error),
            Unreadable::Read(error) => Some(error),
            Unreadable::TimedOut(_) => None,
        }
    }
}

/// Everything an API call through reqwest can fail with: the server's typed error, a failed
/// response whose body is unreadable, or the transport.
///
/// `?` converts `reqwest::Error` (and, with `reqwest-retry`, `reqwest_middleware::Error`).
///
/// ```no_run
/// use authos_errors::catalog::client::{ApiError, AuthOsResponseExt};
///
/// async fn me(http: &reqwest::Client) -> Result<String, ApiError> {
///     let response = http.get("http://127.0.0.1:3000/api/me").send().await?;
///     Ok(response.error_for_authos_status().await?.text().await?)
/// }
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum ApiError<E> {
    /// The server answered with an error body (any format), typed with the catalog (boxed:
    /// the response is far larger than the other variants).
    Response(Box<ErrorResponse<E>>),
    /// The server answered with a 4xx or 5xx whose body could not be read as an error.
    Unreadable(UnreadableResponse),
    /// Sending the request or reading a successful response failed.
    Transport(::reqwest::Error),
    /// A middleware failed (`reqwest-middleware`), other than a transport error.
    #[cfg(feature = "reqwest-retry")]
    Middleware(reqwest_middleware::Error),
}

impl<E> ApiError<E> {
    /// The server's error, when it answered with one.
    ///
    /// ```no_run
    /// # use authos_errors::catalog::client::ApiError;
    /// # fn run(error: ApiError) {
    /// if error.response().is_some_and(|e| e.should_refresh_token()) { /* refresh */ }
    /// # }
    /// ```
    #[must_use]
    pub fn response(&self) -> Option<&ErrorResponse<E>> {
        match self {
            ApiError::Response(response) => Some(response),
            _ => None,
        }
    }
}

impl<E> From<::reqwest::Error> for ApiError<E> {
    fn from(error: ::reqwest::Error) -> Self {
        ApiError::Transport(error)
    }
}

#[cfg(feature = "reqwest-retry")]
impl<E> From<reqwest_middleware::Error> for ApiError<E> {
    fn from(error: reqwest_middleware::Error) -> Self {
        match error {
            reqwest_middleware::Error::Reqwest(error) => ApiError::Transport(error),
            other => ApiError::Middleware(other),
        }
    }
}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Response(response) => write!(f, "{response}"),
            ApiError::Unreadable(unreadable) => write!(f, "{unreadable}"),
            ApiError::Transport(_) => f.write_str("the HTTP request failed"),
            #[cfg(feature = "reqwest-retry")]
            ApiError::Middleware(_) => f.write_str("an HTTP client middleware failed"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for ApiError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ApiError::Response(_) => None,
            ApiError::Unreadable(unreadable) => unreadable.source(),
            ApiError::Transport(error) => Some(error),
            #[cfg(feature = "reqwest-retry")]
            ApiError::Middleware(error) => Some(error),
        }
    }
}
