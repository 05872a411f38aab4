//! Retry timing: exponential backoff with full jitter, and the cap on a server's `Retry-After`.

use std::fmt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};

use super::{RetryDecision, parse_retry_after};

/// The longest wait a `Retry-After` is honoured for by default: 5 minutes. A longer value
/// is cut to this, so one response cannot park an SDK call for hours.
///
/// ```
/// use std::time::Duration;
/// use authos_errors::client::{DEFAULT_MAX_RETRY_AFTER, RetryDecision};
/// assert_eq!(DEFAULT_MAX_RETRY_AFTER, Duration::from_secs(300));
/// assert_eq!(RetryDecision::for_response(503, Some("86400"), 0).delay(), Some(DEFAULT_MAX_RETRY_AFTER));
/// ```
pub const DEFAULT_MAX_RETRY_AFTER: Duration = Duration::from_secs(300);

/// The first backoff ceiling by default: 1 second (then 2 s, 4 s, ...).
///
/// ```
/// assert_eq!(authos_errors::client::DEFAULT_BACKOFF_BASE.as_secs(), 1);
/// ```
pub const DEFAULT_BACKOFF_BASE: Duration = Duration::from_secs(1);

/// The largest backoff ceiling by default: 60 seconds.
///
/// ```
/// assert_eq!(authos_errors::client::DEFAULT_BACKOFF_CAP.as_secs(), 60);
/// ```
pub const DEFAULT_BACKOFF_CAP: Duration = Duration::from_secs(60);

/// A tiny pseudo-random generator (splitmix64) for backoff jitter: not for anything secret.
///
/// Shareable between threads: each draw advances one atomic counter, so concurrent retries
/// get different delays. Seed it for reproducible tests; [`Jitter::from_clock`] otherwise.
///
/// ```
/// use std::time::Duration;
/// use authos_errors::client::Jitter;
///
/// let a = Jitter::from_seed(7);
/// let b = Jitter::from_seed(7);
/// assert_eq!(a.next_u64(), b.next_u64());
/// let delay = a.up_to(Duration::from_secs(4));
/// assert!(delay <= Duration::from_secs(4));
/// ```
pub struct Jitter {
    state: AtomicU64,
}

/// splitmix64's increment: the odd integer closest to 2^64 / golden ratio.
const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

impl Jitter {
    /// A generator whose draws are fixed by `seed`.
    ///
    /// ```
    /// use authos_errors::client::Jitter;
    /// assert_ne!(Jitter::from_seed(1).next_u64(), Jitter::from_seed(2).next_u64());
    /// ```
    #[must_use]
    pub const fn from_seed(seed: u64) -> Self {
        Jitter {
            state: AtomicU64::new(seed),
        }
    }

    /// A generator seeded from the system clock (nanoseconds since the Unix epoch), so
    /// separate processes spread their retries.
    ///
    /// ```
    /// use std::time::Duration;
    /// let jitter = authos_errors::client::Jitter::from_clock();
    /// assert!(jitter.up_to(Duration::from_secs(1)) <= Duration::from_secs(1));
    /// ```
    #[must_use]
    pub fn from_clock() -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos());
        // Fold the high bits in so the seed keeps all the clock's entropy.
        Jitter::from_seed((nanos as u64) ^ ((nanos >> 64) as u64))
    }

    /// The next 64 pseudo-random bits.
    ///
    /// ```
    /// let jitter = authos_errors::client::Jitter::from_seed(0);
    /// assert_ne!(jitter.next_u64(), jitter.next_u64());
    /// ```
    #[must_use]
    pub fn next_u64(&self) -> u64 {
        let mut z = self
            .state
            .fetch_add(GOLDEN_GAMMA, Ordering::Relaxed)
            .wrapping_add(GOLDEN_GAMMA);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A duration drawn uniformly from `0..=ceiling`, to the nanosecond.
    ///
    /// ```
    /// use std::time::Duration;
    /// let jitter = authos_errors::client::Jitter::from_seed(3);
    /// assert_eq!(jitter.up_to(Duration::ZERO), Duration::ZERO);
    /// ```
    #[must_use]
    pub fn up_to(&self, ceiling: Duration) -> Duration {
        let span = u64::try_from(ceiling.as_nanos())
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        // Multiply-shift maps 64 random bits onto 0..span without a division.
        let nanos = (u128::from(self.next_u64()) * u128::from(span)) >> 64;
        Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
    }
}

impl Clone for Jitter {
    /// A generator that continues from the same state (both then draw the same sequence).
    fn clone(&self) -> Self {
        Jitter::from_seed(self.state.load(Ordering::Relaxed))
    }
}

impl fmt::Debug for Jitter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Jitter").finish_non_exhaustive()
    }
}

/// How long to wait between retries: the server's `Retry-After` (capped), else exponential
/// backoff with **full jitter**.
///
/// Full jitter, as described in AWS's architecture blog post "Exponential Backoff And
/// Jitter": the wait before retry number `attempt + 1` is drawn uniformly from
/// `0..=min(cap, base · 2^attempt)`. Spreading retries over the whole window keeps clients
/// that failed together from retrying together. The defaults are [`DEFAULT_BACKOFF_BASE`],
/// [`DEFAULT_BACKOFF_CAP`] and [`DEFAULT_MAX_RETRY_AFTER`], with a clock-seeded [`Jitter`].
///
/// ```
/// use std::time::Duration;
/// use authos_errors::client::{BackoffPolicy, RetryDecision};
///
/// let policy = BackoffPolicy::default().with_seed(42);
/// // No Retry-After: a jittered backoff, at most 1 s · 2^3 = 8 s.
/// let delay = policy.decide(503, None, 3).delay().unwrap();
/// assert!(delay <= Duration::from_secs(8));
/// // Retry-After is honoured exactly.
/// assert_eq!(policy.decide(429, Some("12"), 3), RetryDecision::RetryAfter(Duration::from_secs(12)));
/// // A final 4xx is never retried.
/// assert_eq!(policy.decide(401, Some("12"), 0), RetryDecision::DoNotRetry);
/// ```
#[derive(Debug, Clone)]
pub struct BackoffPolicy {
    base: Duration,
    cap: Duration,
    max_retry_after: Duration,
    jitter: Jitter,
}

impl Default for BackoffPolicy {
    fn default() -> Self {
        BackoffPolicy {
            base: DEFAULT_BACKOFF_BASE,
            cap: DEFAULT_BACKOFF_CAP,
            max_retry_after: DEFAULT_MAX_RETRY_AFTER,
            jitter: Jitter::from_clock(),
        }
    }
}

impl BackoffPolicy {
    /// Draws jitter from a generator seeded with `seed`: the same seed gives the same delays.
    ///
    /// ```
    /// use authos_errors::client::BackoffPolicy;
    /// let a = BackoffPolicy::default().with_seed(1);
    /// let b = BackoffPolicy::default().with_seed(1);
    /// assert_eq!(a.backoff(5), b.backoff(5));
    /// ```
    #[must_use]
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.jitter = Jitter::from_seed(seed);
        self
    }

    /// Sets the first backoff ceiling (`base`).
    ///
    /// ```
    /// use std::time::Duration;
    /// use authos_errors::client::BackoffPolicy;
    /// let policy = BackoffPolicy::default().with_base(Duration::from_millis(100));
    /// assert_eq!(policy.backoff_ceiling(2), Duration::from_millis(400));
    /// ```
    #[must_use]
    pub fn with_base(mut self, base: Duration) -> Self {
        self.base = base;
        self
    }

    /// Sets the largest backoff ceiling (`cap`).
    ///
    /// ```
    /// use std::time::Duration;
    /// use authos_errors::client::BackoffPolicy;
    /// let policy = BackoffPolicy::default().with_cap(Duration::from_secs(5));
    /// assert_eq!(policy.backoff_ceiling(10), Duration::from_secs(5));
    /// ```
    #[must_use]
    pub fn with_cap(mut self, cap: Duration) -> Self {
        self.cap = cap;
        self
    }

    /// Sets the longest `Retry-After` honoured; a longer one is cut to this.
    ///
    /// ```
    /// use std::time::Duration;
    /// use authos_errors::client::{BackoffPolicy, RetryDecision};
    /// let policy = BackoffPolicy::default().with_max_retry_after(Duration::from_secs(10));
    /// assert_eq!(policy.decide(429, Some("60"), 0), RetryDecision::RetryAfter(Duration::from_secs(10)));
    /// ```
    #[must_use]
    pub fn with_max_retry_after(mut self, max: Duration) -> Self {
        self.max_retry_after = max;
        self
    }

    /// The longest `Retry-After` honoured.
    ///
    /// ```
    /// use authos_errors::client::{BackoffPolicy, DEFAULT_MAX_RETRY_AFTER};
    /// assert_eq!(BackoffPolicy::default().max_retry_after(), DEFAULT_MAX_RETRY_AFTER);
    /// ```
    #[must_use]
    pub fn max_retry_after(&self) -> Duration {
        self.max_retry_after
    }

    /// The window the backoff before retry number `attempt + 1` is drawn from:
    /// `min(cap, base · 2^attempt)`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use authos_errors::client::BackoffPolicy;
    /// let policy = BackoffPolicy::default();
    /// assert_eq!(policy.backoff_ceiling(0), Duration::from_secs(1));
    /// assert_eq!(policy.backoff_ceiling(3), Duration::from_secs(8));
    /// assert_eq!(policy.backoff_ceiling(100), Duration::from_secs(60));
    /// ```
    #[must_use]
    pub fn backoff_ceiling(&self, attempt: u32) -> Duration {
        2u32.checked_pow(attempt)
            .and_then(|factor| self.base.checked_mul(factor))
            .map_or(self.cap, |ceiling| ceiling.min(self.cap))
    }

    /// A backoff before retry number `attempt + 1`, drawn uniformly from
    /// `0..=backoff_ceiling(attempt)` (full jitter).
    ///
    /// ```
    /// use std::time::Duration;
    /// use authos_errors::client::BackoffPolicy;
    /// let policy = BackoffPolicy::default().with_seed(9);
    /// assert!(policy.backoff(2) <= Duration::from_secs(4));
    /// ```
    #[must_use]
    pub fn backoff(&self, attempt: u32) -> Duration {
        self.jitter.up_to(self.backoff_ceiling(attempt))
    }

    /// The decision for a response with HTTP `status` and `Retry-After` value `retry_after`,
    /// after `attempt` earlier retries (0 for the first): as
    /// [`RetryDecision::for_response`], with this policy's timing.
    ///
    /// ```
    /// use authos_errors::client::{BackoffPolicy, RetryDecision};
    /// assert_eq!(BackoffPolicy::default().decide(404, None, 0), RetryDecision::DoNotRetry);
    /// ```
    #[must_use]
    pub fn decide(&self, status: u16, retry_after: Option<&str>, attempt: u32) -> RetryDecision {
        self.decide_at(status, retry_after, attempt, Utc::now())
    }

    /// As [`decide`](Self::decide), measuring an HTTP-date `Retry-After` from `now`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use authos_errors::client::{BackoffPolicy, RetryDecision};
    /// use chrono::{TimeZone, Utc};
    /// let now = Utc.with_ymd_and_hms(2015, 10, 21, 7, 27, 0).unwrap();
    /// assert_eq!(
    ///     BackoffPolicy::default().decide_at(503, Some("Wed, 21 Oct 2015 07:28:00 GMT"), 0, now),
    ///     RetryDecision::RetryAfter(Duration::from_secs(60)),
    /// );
    /// ```
    #[must_use]
    pub fn decide_at(
        &self,
        status: u16,
        retry_after: Option<&str>,
        attempt: u32,
        now: DateTime<Utc>,
    ) -> RetryDecision {
        if !is_retryable_status(status) {
            return RetryDecision::DoNotRetry;
        }
        match retry_after.and_then(|value| parse_retry_after(value, now)) {
            Some(delay) => RetryDecision::RetryAfter(delay.min(self.max_retry_after)),
            None => RetryDecision::Backoff(self.backoff(attempt)),
        }
    }
}

/// Whether the troubleshooting guide says a status is worth retrying unchanged: 429 (rate
/// limited) and 5xx. Every other 4xx is final: the request itself has to change.
///
/// ```
/// use authos_errors::client::is_retryable_status;
/// assert!(is_retryable_status(429) && is_retryable_status(503));
/// assert!(!is_retryable_status(400) && !is_retryable_status(401) && !is_retryable_status(200));
/// ```
#[must_use]
pub const fn is_retryable_status(status: u16) -> bool {
    status == 429 || (status >= 500 && status <= 599)
}

/// The process-wide policy behind [`RetryDecision::for_response`]: defaults, clock-seeded.
pub(crate) fn shared_policy() -> &'static BackoffPolicy {
    static SHARED: OnceLock<BackoffPolicy> = OnceLock::new();
    SHARED.get_or_init(BackoffPolicy::default)
}
