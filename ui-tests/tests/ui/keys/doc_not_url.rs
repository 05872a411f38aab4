// `doc` is an absolute http(s) URL.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402, doc = "/errors/CARD_DECLINED")]
    CardDeclined,

    /// Card expired
    #[code("CARD_EXPIRED", status = 402, doc = "ftp://docs.example.com/CARD_EXPIRED")]
    CardExpired,

    /// Card stolen
    #[code("CARD_STOLEN", status = 402, doc = CARD_STOLEN_DOCS)]
    CardStolen,
}

fn main() {}
