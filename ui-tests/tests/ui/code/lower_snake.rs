use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Card was declined
    #[code("card_declined", status = 402)]
    CardDeclined,
}

fn main() {}
