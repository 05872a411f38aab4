use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
#[code("BILLING", status = 402)]
enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402)]
    CardDeclined,
}

fn main() {}
