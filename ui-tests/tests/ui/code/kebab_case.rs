use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Card was declined
    #[code("CARD-DECLINED", status = 402)]
    CardDeclined,
}

fn main() {}
