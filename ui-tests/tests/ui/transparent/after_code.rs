use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum CardError {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402)]
    Declined,
}

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Card error
    #[code("CARD_ERROR", transparent)]
    Card(CardError),
}

fn main() {}
