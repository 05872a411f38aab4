use authos_errors::{ApiErrorCode, ErrorCodeInfo};

#[derive(Debug, ApiErrorCode)]
enum QuotaError {
    /// Quota exhausted
    #[code(
        "QUOTA_EXHAUSTED",
        status = 429,
        retry_after = 60,
        doc = "https://docs.example.com/errors#QUOTA_EXHAUSTED"
    )]
    Exhausted,

    /// Under maintenance
    #[code("MAINTENANCE", retry_after = 600, status = 503)]
    Maintenance,

    /// Card was declined
    #[code("CARD_DECLINED", status = 402, doc = "http://intranet.example/errors/card")]
    CardDeclined,
}

const EXPECTED: &[ErrorCodeInfo] = &[
    ErrorCodeInfo::new("QUOTA_EXHAUSTED", 429, "Quota exhausted")
        .with_group("QuotaError")
        .with_retry_after(60)
        .with_doc_url("https://docs.example.com/errors#QUOTA_EXHAUSTED"),
    ErrorCodeInfo::new("MAINTENANCE", 503, "Under maintenance")
        .with_group("QuotaError")
        .with_retry_after(600),
    ErrorCodeInfo::new("CARD_DECLINED", 402, "Card was declined")
        .with_group("QuotaError")
        .with_doc_url("http://intranet.example/errors/card"),
];

fn main() {
    assert_eq!(QuotaError::CATALOG, EXPECTED);
    assert_eq!(
        QuotaError::Maintenance.retry_after(),
        Some(std::time::Duration::from_secs(600))
    );
    assert_eq!(QuotaError::CardDeclined.retry_after(), None);
}
