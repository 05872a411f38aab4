// `serialize = false` leaves `serde::Serialize` out, so the user can write their own: the
// derive generating one too would be a conflicting impl and fail this case.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
#[api_error(serialize = false)]
enum QuotaError {
    /// Quota exceeded
    #[code("QUOTA_EXCEEDED", status = 429)]
    Exceeded,
}

impl serde::Serialize for QuotaError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

fn main() {
    assert_eq!(QuotaError::Exceeded.code(), "QUOTA_EXCEEDED");
    assert_eq!(QuotaError::Exceeded.to_string(), "Quota exceeded");
}
