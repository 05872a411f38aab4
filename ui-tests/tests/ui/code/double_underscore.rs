use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Card was declined
    #[code("CARD__DECLINED", status = 402)]
    CardDeclined,
}

fn main() {}
