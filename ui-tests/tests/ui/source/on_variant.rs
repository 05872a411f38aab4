use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Billing system error
    #[source]
    #[code("STRIPE_ERROR", status = 500)]
    Stripe(std::io::Error),
}

fn main() {}
