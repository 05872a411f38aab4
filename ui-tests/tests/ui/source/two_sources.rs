use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Billing system error
    #[code("STRIPE_ERROR", status = 500)]
    Stripe {
        #[source]
        io: std::io::Error,
        #[source]
        parse: std::num::ParseIntError,
    },
}

fn main() {}
