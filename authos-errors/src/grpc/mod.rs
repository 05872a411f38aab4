//! gRPC: the status code each catalog entry is answered with ([`GrpcCode`]), and with the
//! `tonic` feature every derived error as a `tonic::Status` carrying the AIP-193 details
//! (`ErrorInfo`, `BadRequest`, `RetryInfo`, `Help`, `RequestInfo`, `LocalizedMessage`), a tower
//! layer for tonic servers ([`GrpcErrorLayer`]), and the client side
//! ([`client::grpc`](crate::client::grpc)).
//!
//! The code of an entry is the one its HTTP status maps to by `google/rpc/code.proto`
//! ([`GrpcCode::from_http_status`]), unless the variant names another:
//!
//! ```
//! use authos_errors::{ApiErrorCode, grpc::GrpcCode};
//!
//! #[derive(Debug, ApiErrorCode)]
//! enum OrgError {
//!     /// Organization not active
//!     #[code("ORGANIZATION_NOT_ACTIVE", status = 403, grpc = "failed_precondition")]
//!     NotActive,
//!     /// Not a member
//!     #[code("NOT_ORGANIZATION_MEMBER", status = 403)]
//!     NotMember,
//! }
//!
//! assert_eq!(OrgError::NotActive.info().grpc_code(), GrpcCode::FailedPrecondition);
//! assert_eq!(OrgError::NotMember.info().grpc_code(), GrpcCode::PermissionDenied);
//! ```

pub use crate::contract::grpc_code::{GrpcCode, UnknownGrpcCode};

#[cfg(feature = "tonic")]
pub(crate) mod field_path;
#[cfg(feature = "tonic")]
mod layer;
#[cfg(feature = "tonic")]
mod status;

#[cfg(feature = "tonic")]
pub use layer::{GrpcErrorFuture, GrpcErrorLayer, GrpcErrorService, Tonic};
#[cfg(feature = "tonic")]
pub use status::{__status, status, status_of_field_errors};
