use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum OrgError {
    /// Organization not active
    #[code("ORGANIZATION_NOT_ACTIVE", status = 403, grpc = "failed_precondtion")]
    NotActive,

    /// Organization suspended
    #[code("ORGANIZATION_SUSPENDED", status = 403, grpc = "FAILED_PRECONDITION")]
    Suspended,

    /// Nothing wrong at all
    #[code("ALL_GOOD", status = 400, grpc = "ok")]
    AllGood,

    /// The number instead of the name
    #[code("BY_NUMBER", status = 400, grpc = 9)]
    ByNumber,
}

fn main() {}
