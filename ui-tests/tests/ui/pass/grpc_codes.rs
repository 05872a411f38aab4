// `grpc = "..."` takes every error code of google/rpc/code.proto, beside the other protocol keys.
use authos_errors::ApiErrorCode;
use authos_errors::grpc::GrpcCode;

#[derive(Debug, ApiErrorCode)]
enum OrgError {
    /// Organization not active
    #[code("ORGANIZATION_NOT_ACTIVE", status = 403, grpc = "failed_precondition")]
    NotActive,
    /// Organization changed meanwhile
    #[code("ORGANIZATION_CHANGED", status = 409, grpc = "aborted", scim = "mutability")]
    Changed,
    /// Code already used
    #[code("CODE_USED", status = 400, oauth = "invalid_grant", grpc = "out_of_range")]
    CodeUsed,
    /// Not a member
    #[code("NOT_MEMBER", status = 403)]
    NotMember,
}

fn main() {
    let codes: Vec<Option<GrpcCode>> = OrgError::CATALOG.iter().map(|info| info.grpc).collect();
    assert_eq!(
        codes,
        [
            Some(GrpcCode::FailedPrecondition),
            Some(GrpcCode::Aborted),
            Some(GrpcCode::OutOfRange),
            None,
        ]
    );
    assert_eq!(OrgError::NotMember.info().grpc_code(), GrpcCode::PermissionDenied);
}
