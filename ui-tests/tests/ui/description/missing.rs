use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    #[code("CARD_DECLINED", status = 402, resolution = "Use another card")]
    CardDeclined,
}

fn main() {}
