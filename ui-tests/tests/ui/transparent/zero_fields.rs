use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum CardError {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402)]
    Declined,
}

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    #[code(transparent)]
    Card,
}

fn main() {}
