use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Billing Errors", group = "Payments")]
enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402)]
    CardDeclined,
}

fn main() {}
