use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402, doc = "/errors#CARD_DECLINED")]
    CardDeclined,

    /// Card expired
    #[code("CARD_EXPIRED", status = 402, doc = "ftp://docs.example.com/errors")]
    CardExpired,

    /// Card unknown
    #[code("CARD_UNKNOWN", status = 404, doc = "https://docs.example.com/card unknown")]
    CardUnknown,

    /// Card stolen
    #[code("CARD_STOLEN", status = 402, doc = "https://")]
    CardStolen,
}

fn main() {}
