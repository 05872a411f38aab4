// `display = false` leaves Display and Error to thiserror: both derives on one enum, sharing
// #[source], and thiserror's #[from] on a transparent variant and on a source (thiserror writes
// those `From` impls, so ours are left out).
use authos_errors::ApiErrorCode;
use authos_errors::catalog::AuthenticationError;

#[derive(Debug, thiserror::Error, ApiErrorCode)]
#[api_error(display = false, group = "Billing Errors")]
enum BillingError {
    /// Card was declined
    #[error("card ending in {last4} was declined")]
    #[code("CARD_DECLINED", status = 402, message = "Card ending in {last4} was declined")]
    CardDeclined { last4: String },

    /// Billing system error
    #[error("payment provider failed")]
    #[code("STRIPE_ERROR", status = 500)]
    Stripe(#[source] std::io::Error),

    /// Ledger unavailable
    #[error("ledger failed")]
    #[code("LEDGER_ERROR", status = 503)]
    Ledger(#[from] std::fmt::Error),

    #[error(transparent)]
    #[code(transparent)]
    Auth(#[from] AuthenticationError),
}

fn main() {
    let declined = BillingError::CardDeclined { last4: "4242".to_owned() };
    // Display is thiserror's; the API message is ours.
    assert_eq!(declined.to_string(), "card ending in 4242 was declined");
    assert_eq!(declined.message(), "Card ending in 4242 was declined");

    let stripe = BillingError::Stripe(std::io::Error::other("timeout"));
    assert_eq!(stripe.to_string(), "payment provider failed");
    assert_eq!(stripe.message(), "Billing system error");
    assert_eq!(std::error::Error::source(&stripe).unwrap().to_string(), "timeout");

    let ledger = BillingError::from(std::fmt::Error);
    assert_eq!((ledger.code(), ledger.to_string()), ("LEDGER_ERROR", "ledger failed".to_owned()));

    let auth = BillingError::from(AuthenticationError::TokenExpired);
    assert_eq!(auth.code(), "TOKEN_EXPIRED");
    assert_eq!(auth.status(), AuthenticationError::TokenExpired.status());
    assert_eq!(
        BillingError::CATALOG.len(),
        3 + AuthenticationError::CATALOG.len()
    );
}
