//! Retries for `reqwest-middleware` clients (feature `reqwest-retry`).
//!
//! [`RetryMiddleware`] is the complete policy: it reads each response's status and
//! `Retry-After` and follows [`RetryDecision`]. reqwest-retry's own `RetryTransientMiddleware`
//! asks its `RetryPolicy` for a delay without showing it the response, so it cannot honour
//! `Retry-After`; for its users, [`AuthOsRetryableStrategy`] and [`FullJitterPolicy`] bring the
//! same classification and jittered backoff.

use std::future::Future;
use std::pin::Pin;
use std::time::SystemTime;

use http::Extensions;
use reqwest::{Request, Response};
use reqwest_middleware::{Middleware, Next};
use reqwest_retry::{RetryPolicy, Retryable, RetryableStrategy};

use super::retry_after;
use crate::client::{BackoffPolicy, RetryDecision, is_retryable_status};

/// A `reqwest-middleware` middleware that retries 429 and 5xx responses the way the
/// troubleshooting guide says: after the server's `Retry-After` (seconds or HTTP-date, capped
/// by the policy's maximum), else after a full-jitter exponential backoff ([`BackoffPolicy`]);
/// never a final 4xx. Connection failures and timeouts are retried with backoff too.
///
/// At most `max_retries` retries follow the first try; the last response is returned as is
/// (read it with [`ResponseExt`](super::ResponseExt)). A request whose body is a stream
/// cannot be sent twice and is sent once. Like reqwest-retry, it retries any method: put it
/// on a client for idempotent requests, or send an idempotency key.
///
/// ```no_run
/// use std::time::Duration;
/// use authos_errors::client::BackoffPolicy;
/// use authos_errors::client::reqwest::RetryMiddleware;
///
/// let retry = RetryMiddleware::new(3)
///     .with_policy(BackoffPolicy::default().with_max_retry_after(Duration::from_secs(30)));
/// let http = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
///     .with(retry)
///     .build();
/// ```
#[derive(Debug, Clone)]
pub struct RetryMiddleware {
    policy: BackoffPolicy,
    max_retries: u32,
}

impl RetryMiddleware {
    /// Up to `max_retries` retries with the default [`BackoffPolicy`].
    ///
    /// ```
    /// use authos_errors::client::reqwest::RetryMiddleware;
    /// assert_eq!(RetryMiddleware::new(3).max_retries(), 3);
    /// ```
    #[must_use]
    pub fn new(max_retries: u32) -> Self {
        RetryMiddleware {
            policy: BackoffPolicy::default(),
            max_retries,
        }
    }

    /// Uses `policy`'s backoff, jitter and `Retry-After` cap.
    ///
    /// ```
    /// use authos_errors::client::BackoffPolicy;
    /// use authos_errors::client::reqwest::RetryMiddleware;
    /// let retry = RetryMiddleware::new(2).with_policy(BackoffPolicy::default().with_seed(1));
    /// assert_eq!(retry.max_retries(), 2);
    /// ```
    #[must_use]
    pub fn with_policy(mut self, policy: BackoffPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// How many retries may follow the first try.
    ///
    /// ```
    /// use authos_errors::client::reqwest::RetryMiddleware;
    /// assert_eq!(RetryMiddleware::new(0).max_retries(), 0);
    /// ```
    #[must_use]
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }

    async fn execute<'a>(
        &'a self,
        request: Request,
        extensions: &'a mut Extensions,
        next: Next<'a>,
    ) -> reqwest_middleware::Result<Response> {
        let mut attempt = 0;
        loop {
            let duplicate = if attempt < self.max_retries {
                request.try_clone()
            } else {
                None
            };
            // The last allowed try, or a streaming body that cannot be sent twice.
            let Some(duplicate) = duplicate else {
                return next.run(request, extensions).await;
            };
            let result = next.clone().run(duplicate, extensions).await;
            let decision = match &result {
                Ok(response) => {
                    self.policy
                        .decide(response.status().as_u16(), retry_after(response), attempt)
                }
                Err(reqwest_middleware::Error::Reqwest(error))
                    if error.is_connect() || error.is_timeout() =>
                {
                    RetryDecision::Backoff(self.policy.backoff(attempt))
                }
                Err(_) => RetryDecision::DoNotRetry,
            };
            let Some(delay) = decision.delay() else {
                return result;
            };
            // Release the connection before waiting.
            drop(result);
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }
}

// `Middleware` is declared with `#[async_trait]`; this is the signature it expands to.
impl Middleware for RetryMiddleware {
    fn handle<'life0, 'life1, 'life2, 'async_trait>(
        &'life0 self,
        request: Request,
        extensions: &'life1 mut Extensions,
        next: Next<'life2>,
    ) -> Pin<Box<dyn Future<Output = reqwest_middleware::Result<Response>> + Send + 'async_trait>>
    where
        'life0: 'async_trait,
        'life1: 'async_trait,
        'life2: 'async_trait,
        Self: 'async_trait,
    {
        Box::pin(self.execute(request, extensions, next))
    }
}

/// reqwest-retry's classification for AuthOS: 429 and 5xx are transient, every other 4xx is
/// final (the troubleshooting guide: change the request), anything below 400 succeeded;
/// transport errors as reqwest-retry's default strategy.
///
/// With `RetryTransientMiddleware` the wait comes from its policy, which cannot see
/// `Retry-After`; use [`RetryMiddleware`] to honour it.
///
/// ```no_run
/// use authos_errors::client::reqwest::{AuthOsRetryableStrategy, FullJitterPolicy};
/// use reqwest_retry::RetryTransientMiddleware;
///
/// let retry = RetryTransientMiddleware::new_with_policy_and_strategy(
///     FullJitterPolicy::new(3),
///     AuthOsRetryableStrategy,
/// );
/// let http = reqwest_middleware::ClientBuilder::new(reqwest::Client::new()).with(retry).build();
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct AuthOsRetryableStrategy;

impl RetryableStrategy for AuthOsRetryableStrategy {
    fn handle(&self, result: &Result<Response, reqwest_middleware::Error>) -> Option<Retryable> {
        match result {
            Ok(response) => {
                let status = response.status().as_u16();
                if is_retryable_status(status) {
                    Some(Retryable::Transient)
                } else if status >= 400 {
                    Some(Retryable::Fatal)
                } else {
                    None
                }
            }
            Err(error) => reqwest_retry::default_on_request_failure(error),
        }
    }
}

/// A `retry_policies::RetryPolicy` (as reqwest-retry uses) with [`BackoffPolicy`]'s
/// full-jitter backoff: up to `max_retries` retries, each after a delay drawn from
/// `0..=min(cap, base · 2^n)`.
///
/// ```
/// use std::time::SystemTime;
/// use authos_errors::client::BackoffPolicy;
/// use authos_errors::client::reqwest::FullJitterPolicy;
/// use reqwest_retry::{RetryDecision, RetryPolicy};
///
/// let policy = FullJitterPolicy::new(2).with_policy(BackoffPolicy::default().with_seed(5));
/// assert!(matches!(policy.should_retry(SystemTime::now(), 1), RetryDecision::Retry { .. }));
/// assert!(matches!(policy.should_retry(SystemTime::now(), 2), RetryDecision::DoNotRetry));
/// ```
#[derive(Debug, Clone)]
pub struct FullJitterPolicy {
    policy: BackoffPolicy,
    max_retries: u32,
}

impl FullJitterPolicy {
    /// Up to `max_retries` retries with the default [`BackoffPolicy`].
    ///
    /// ```
    /// use authos_errors::client::reqwest::FullJitterPolicy;
    /// let _policy = FullJitterPolicy::new(3);
    /// ```
    #[must_use]
    pub fn new(max_retries: u32) -> Self {
        FullJitterPolicy {
            policy: BackoffPolicy::default(),
            max_retries,
        }
    }

    /// Uses `policy`'s backoff base, cap and jitter.
    ///
    /// ```
    /// use authos_errors::client::BackoffPolicy;
    /// use authos_errors::client::reqwest::FullJitterPolicy;
    /// let _policy = FullJitterPolicy::new(3).with_policy(BackoffPolicy::default().with_seed(9));
    /// ```
    #[must_use]
    pub fn with_policy(mut self, policy: BackoffPolicy) -> Self {
        self.policy = policy;
        self
    }
}

impl RetryPolicy for FullJitterPolicy {
    fn should_retry(
        &self,
        _request_start_time: SystemTime,
        n_past_retries: u32,
    ) -> reqwest_retry::RetryDecision {
        if n_past_retries >= self.max_retries {
            return reqwest_retry::RetryDecision::DoNotRetry;
        }
        reqwest_retry::RetryDecision::Retry {
            execute_after: SystemTime::now() + self.policy.backoff(n_past_retries),
        }
    }
}
