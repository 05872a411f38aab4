//! The demo API's logic, free of any framework: what the HTTP routes (`lib.rs`) and the gRPC
//! service (`grpc.rs`) both answer, so that both give the same errors with the same rules.

use authos_errors::catalog::{
    AuthOsError, AuthenticationError, AuthorizationError, GeneralError, MfaError, ResourceError,
};
use authos_errors::{ApiErrorCodeExt, Detailed};

use crate::{
    DEMO_EMAIL, DEMO_PASSWORD, DemoState, MAX_EMAIL_LEN, MAX_FAILED_LOGINS, RATE_LIMIT,
    RATE_WINDOW, RateWindow, ReportError, lock,
};

impl DemoState {
    /// A password login's answer, always an error: `MFA_REQUIRED` for the right password;
    /// `INVALID_CREDENTIALS`, then `ACCOUNT_LOCKED` after [`MAX_FAILED_LOGINS`] failures.
    pub(crate) fn login(&self, email: String, password: &str) -> Detailed<AuthOsError> {
        let now = (self.clock)();
        let mut accounts = lock(&self.accounts);
        let failures = accounts
            .failed_logins
            .get(&email, now)
            .copied()
            .unwrap_or(0);
        if failures >= MAX_FAILED_LOGINS {
            return AuthOsError::from(AuthenticationError::AccountLocked).into();
        }
        if email != DEMO_EMAIL || password != DEMO_PASSWORD {
            if email.len() <= MAX_EMAIL_LEN {
                // Expired counters make room before a live one is evicted.
                while accounts.failed_logins.pop_expired(now).is_some() {}
                accounts.failed_logins.insert(email, failures + 1, now);
            }
            return AuthOsError::from(AuthenticationError::InvalidCredentials).into();
        }
        accounts.failed_logins.remove(&email);
        accounts.awaiting_mfa.insert(email);
        AuthOsError::from(MfaError::MfaRequired)
            .with_message("MFA verification needed: POST your one-time code to /api/auth/mfa")
    }

    /// The organization `slug` names, as `(slug, name)`: `acme`; `ORGANIZATION_NOT_ACTIVE` for
    /// `initech`; `NOT_FOUND` otherwise.
    pub(crate) fn organization(
        slug: &str,
    ) -> Result<(&'static str, &'static str), Detailed<AuthOsError>> {
        match slug {
            "acme" => Ok(("acme", "Acme Corp")),
            "initech" => Err(AuthOsError::from(AuthorizationError::OrganizationNotActive).into()),
            _ => Err(AuthOsError::from(ResourceError::NotFound)
                .with_message(format!("No organization `{slug}`"))),
        }
    }

    /// One call of the rate-limited endpoint: the calls left in the window, or
    /// `RATE_LIMIT_EXCEEDED` with the time until the window ends.
    pub(crate) fn limited(&self) -> Result<u32, Detailed<GeneralError>> {
        let now = (self.clock)();
        let mut rate = lock(&self.rate);
        let window = match &mut *rate {
            Some(window) if now.duration_since(window.started) < RATE_WINDOW => window,
            slot => slot.insert(RateWindow {
                started: now,
                served: 0,
            }),
        };
        if window.served >= RATE_LIMIT {
            let wait = RATE_WINDOW.saturating_sub(now.duration_since(window.started));
            return Err(GeneralError::RateLimitExceeded.with_retry_after(wait));
        }
        window.served += 1;
        Ok(RATE_LIMIT - window.served)
    }

    /// The usage report's answer: always `DATABASE_ERROR`, caused by the refused connection
    /// ([`DATABASE_FAILURE`](crate::DATABASE_FAILURE)).
    pub(crate) fn usage_report() -> ReportError {
        let failure = std::io::Error::new(
            std::io::ErrorKind::ConnectionRefused,
            crate::DATABASE_FAILURE,
        );
        ReportError::Database(failure)
    }
}
