//! The example enum of the `authos_errors` crate docs, declared in a crate whose only dependency
//! is `authos-errors`.
#![forbid(unsafe_code)]
#![deny(warnings, clippy::all, clippy::pedantic)]

use authos_errors::{ApiErrorCode, ErrorCodeInfo};
use std::error::Error as _;

#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Billing Errors")]
pub enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402, resolution = "Use another card")]
    CardDeclined { last4: String },

    /// Billing system error
    #[code("STRIPE_ERROR", status = 500, message = "Payment provider unavailable")]
    Stripe(#[source] std::io::Error),

    /// Slug shorter than the minimum
    #[code("SLUG_TOO_SHORT", status = 400, message = "Slug must be at least {min} characters")]
    SlugTooShort { min: usize },

    #[code(transparent)]
    Auth(authos_errors::catalog::AuthenticationError),
}

fn main() {
    let mut checks = 0;
    let mut check = |ok: bool, what: &str| {
        assert!(ok, "downstream check failed: {what}");
        checks += 1;
    };

    let declined = BillingError::CardDeclined {
        last4: "4242".into(),
    };
    check(declined.code() == "CARD_DECLINED", "code");
    check(declined.status() == 402, "status");
    check(declined.resolution() == Some("Use another card"), "resolution");
    check(declined.message() == "Card was declined", "message");

    let stripe = BillingError::Stripe(std::io::Error::other("socket closed by 10.0.0.7"));
    check(stripe.to_string() == "Payment provider unavailable", "5xx message");
    check(
        stripe.source().map(ToString::to_string).as_deref() == Some("socket closed by 10.0.0.7"),
        "source",
    );

    let short = BillingError::SlugTooShort { min: 3 };
    check(
        short.message() == "Slug must be at least 3 characters",
        "template",
    );

    let auth = BillingError::from(authos_errors::catalog::AuthenticationError::TokenExpired);
    check(auth.code() == "TOKEN_EXPIRED" && auth.status() == 401, "transparent");

    let catalog: &[ErrorCodeInfo] = BillingError::CATALOG;
    check(catalog.len() == 3 + 6, "catalog length");
    check(catalog[3].code == "UNAUTHORIZED", "transparent entries in place");
    check(catalog[0].group == "Billing Errors", "group");

    let json = serde_like_json(&short);
    check(
        json.starts_with(r#"{"error":"Slug must be at least 3 characters","error_code":"SLUG_TOO_SHORT","timestamp":""#)
            && json.ends_with(r#"Z"}"#),
        "JSON body",
    );

    println!("downstream: {checks} passed, 0 failed");
}

/// The body as JSON, written without `serde_json` (which this crate does not depend on).
fn serde_like_json(err: &impl ApiErrorCode) -> String {
    let body = err.to_body();
    format!(
        r#"{{"error":"{}","error_code":"{}","timestamp":"{}"}}"#,
        body.error,
        body.error_code,
        body.timestamp_rfc3339()
    )
}
