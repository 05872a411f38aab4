//! The response headers a received error keeps: `Retry-After`, so the retry decision survives
//! reading the body.

use std::time::Duration;

use chrono::Utc;

use super::{BackoffPolicy, ErrorResponse, RetryDecision, parse_retry_after};

/// The longest `Retry-After` value kept: an HTTP-date is 29 characters, delay-seconds fewer;
/// anything longer is no `Retry-After` value and is dropped rather than stored.
const MAX_RETRY_AFTER_LEN: usize = 64;

/// The response headers an [`ErrorResponse`] keeps beside its body, given to
/// [`ErrorResponse::with_headers`] by whatever HTTP client read the response (the `reqwest`
/// integration does it itself).
///
/// ```
/// use std::time::Duration;
/// use authos_errors::client::{ResponseHeaders, RetryDecision};
///
/// let headers = ResponseHeaders::from_pairs([("content-type", "application/json"), ("Retry-After", "30")]);
/// let response = authos_errors::catalog::client::parse_response(
///     Some(429),
///     Some("application/json"),
///     r#"{"error":"Slow down","error_code":"RATE_LIMIT_EXCEEDED","timestamp":"2025-01-15T10:30:00Z"}"#,
/// )?
/// .with_headers(&headers);
/// assert_eq!(response.retry_after(), Some(Duration::from_secs(30)));
/// assert_eq!(response.retry_decision(0), RetryDecision::RetryAfter(Duration::from_secs(30)));
/// # Ok::<(), authos_errors::client::ParseError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseHeaders {
    retry_after: Option<String>,
}

impl ResponseHeaders {
    /// No header.
    ///
    /// ```
    /// use authos_errors::client::ResponseHeaders;
    /// assert_eq!(ResponseHeaders::new().retry_after(), None);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// These headers with `Retry-After: value` (delay-seconds or an HTTP-date); a value
    /// longer than 64 bytes is no `Retry-After` and is dropped.
    ///
    /// ```
    /// use authos_errors::client::ResponseHeaders;
    /// assert_eq!(ResponseHeaders::new().with_retry_after("120").retry_after(), Some("120"));
    /// ```
    #[must_use]
    pub fn with_retry_after(mut self, value: &str) -> Self {
        let value = value.trim();
        self.retry_after = (value.len() <= MAX_RETRY_AFTER_LEN).then(|| value.to_owned());
        self
    }

    /// The headers it keeps, read from `(name, value)` pairs (names compared without regard
    /// to case; the first `Retry-After` counts).
    ///
    /// ```
    /// use authos_errors::client::ResponseHeaders;
    /// let headers = ResponseHeaders::from_pairs([("retry-after", "5"), ("Retry-After", "9")]);
    /// assert_eq!(headers.retry_after(), Some("5"));
    /// ```
    #[must_use]
    pub fn from_pairs<'a, I>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        pairs
            .into_iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("retry-after"))
            .map_or_else(Self::new, |(_, value)| Self::new().with_retry_after(value))
    }

    /// The `Retry-After` value as sent.
    ///
    /// ```
    /// use authos_errors::client::ResponseHeaders;
    /// assert_eq!(ResponseHeaders::from_pairs([("Retry-After", " 7 ")]).retry_after(), Some("7"));
    /// ```
    #[must_use]
    pub fn retry_after(&self) -> Option<&str> {
        self.retry_after.as_deref()
    }
}

impl<E> ErrorResponse<E> {
    /// This response with the headers it keeps from the HTTP response (its `Retry-After`).
    ///
    /// ```
    /// use authos_errors::client::ResponseHeaders;
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"Down","error_code":"SERVICE_UNAVAILABLE","timestamp":"2025-01-15T10:30:00Z"}"#,
    /// )?
    /// .with_headers(&ResponseHeaders::new().with_retry_after("12"));
    /// assert_eq!(response.retry_after_header(), Some("12"));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn with_headers(mut self, headers: &ResponseHeaders) -> Self {
        self.headers = headers.clone();
        self
    }

    /// The response's `Retry-After` header as sent, when it had one.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"x","error_code":"CONFLICT","timestamp":"2025-01-15T10:30:00Z"}"#,
    /// )?;
    /// assert_eq!(response.retry_after_header(), None);
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn retry_after_header(&self) -> Option<&str> {
        self.headers.retry_after()
    }

    /// How long the server asked to wait, from the response's `Retry-After` (an HTTP-date
    /// measured from now, zero when past); `None` without a usable one.
    ///
    /// ```
    /// use std::time::Duration;
    /// use authos_errors::client::ResponseHeaders;
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"Slow down","error_code":"RATE_LIMIT_EXCEEDED","timestamp":"2025-01-15T10:30:00Z"}"#,
    /// )?
    /// .with_headers(&ResponseHeaders::new().with_retry_after("45"));
    /// assert_eq!(response.retry_after(), Some(Duration::from_secs(45)));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn retry_after(&self) -> Option<Duration> {
        parse_retry_after(self.headers.retry_after()?, Utc::now())
    }

    /// What to do about this response after `attempt` earlier retries: its
    /// [`status`](Self::status) and `Retry-After` through [`RetryDecision::for_response`]
    /// (an unknown status is not retried).
    ///
    /// ```
    /// use std::time::Duration;
    /// use authos_errors::client::{ResponseHeaders, RetryDecision};
    /// let response = authos_errors::catalog::client::parse_response(
    ///     Some(503),
    ///     None,
    ///     r#"{"error":"Down","error_code":"SERVICE_UNAVAILABLE","timestamp":"2025-01-15T10:30:00Z"}"#,
    /// )?
    /// .with_headers(&ResponseHeaders::new().with_retry_after("3"));
    /// assert_eq!(response.retry_decision(0), RetryDecision::RetryAfter(Duration::from_secs(3)));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn retry_decision(&self, attempt: u32) -> RetryDecision {
        RetryDecision::for_response(
            self.status().unwrap_or_default(),
            self.headers.retry_after(),
            attempt,
        )
    }

    /// As [`retry_decision`](Self::retry_decision), with `policy`'s timing.
    ///
    /// ```
    /// use std::time::Duration;
    /// use authos_errors::client::{BackoffPolicy, RetryDecision};
    /// let response = authos_errors::catalog::client::parse_response(
    ///     Some(500),
    ///     None,
    ///     r#"{"error":"Oops","error_code":"INTERNAL_ERROR","timestamp":"2025-01-15T10:30:00Z"}"#,
    /// )?;
    /// let policy = BackoffPolicy::default().with_seed(7);
    /// assert!(matches!(response.retry_decision_with(&policy, 0), RetryDecision::Backoff(_)));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn retry_decision_with(&self, policy: &BackoffPolicy, attempt: u32) -> RetryDecision {
        policy.decide(
            self.status().unwrap_or_default(),
            self.headers.retry_after(),
            attempt,
        )
    }
}
