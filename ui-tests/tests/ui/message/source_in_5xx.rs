use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Billing system error
    #[code("STRIPE_ERROR", status = 502, message = "Payment provider failed: {source}")]
    Stripe {
        #[source]
        source: std::io::Error,
    },
}

fn main() {}
