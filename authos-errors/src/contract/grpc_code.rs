//! The gRPC status codes a catalog row may name ([`ErrorCodeInfo::grpc`](crate::ErrorCodeInfo::grpc)),
//! and the one mapping from an HTTP status to a gRPC code. No gRPC library is needed for either.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// One of the 17 canonical status codes of `google/rpc/code.proto`, numbered as on the wire.
///
/// A catalog entry names one with `grpc = "failed_precondition"` in the derive (or
/// [`ErrorCodeInfo::with_grpc`](crate::ErrorCodeInfo::with_grpc)); without it the code follows
/// from the HTTP status ([`GrpcCode::from_http_status`]).
///
/// ```
/// use authos_errors::grpc::GrpcCode;
///
/// let code: GrpcCode = "failed_precondition".parse().unwrap();
/// assert_eq!(code, GrpcCode::FailedPrecondition);
/// assert_eq!((code.as_str(), code as i32), ("FAILED_PRECONDITION", 9));
/// assert_eq!("FAILED_PRECONDITION".parse::<GrpcCode>(), Ok(code));
/// assert!("Failed_Precondition".parse::<GrpcCode>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(i32)]
pub enum GrpcCode {
    /// `OK` (0): not an error.
    Ok = 0,
    /// `CANCELLED` (1): the caller cancelled the operation.
    Cancelled = 1,
    /// `UNKNOWN` (2): an error with no better code.
    Unknown = 2,
    /// `INVALID_ARGUMENT` (3): the request is wrong whatever the state of the system.
    InvalidArgument = 3,
    /// `DEADLINE_EXCEEDED` (4): the deadline passed before the operation completed.
    DeadlineExceeded = 4,
    /// `NOT_FOUND` (5): a requested entity does not exist.
    NotFound = 5,
    /// `ALREADY_EXISTS` (6): the entity the caller tried to create exists.
    AlreadyExists = 6,
    /// `PERMISSION_DENIED` (7): the caller is known but may not do this.
    PermissionDenied = 7,
    /// `RESOURCE_EXHAUSTED` (8): a quota or rate limit is used up.
    ResourceExhausted = 8,
    /// `FAILED_PRECONDITION` (9): the system is not in the state the operation needs.
    FailedPrecondition = 9,
    /// `ABORTED` (10): the operation was aborted, typically by a concurrency conflict.
    Aborted = 10,
    /// `OUT_OF_RANGE` (11): the operation went past the valid range.
    OutOfRange = 11,
    /// `UNIMPLEMENTED` (12): the operation is not implemented or supported.
    Unimplemented = 12,
    /// `INTERNAL` (13): an invariant of the server is broken.
    Internal = 13,
    /// `UNAVAILABLE` (14): the service is unavailable for now; retrying may help.
    Unavailable = 14,
    /// `DATA_LOSS` (15): unrecoverable data loss or corruption.
    DataLoss = 15,
    /// `UNAUTHENTICATED` (16): the request has no valid credentials.
    Unauthenticated = 16,
}

impl GrpcCode {
    /// Every code, in numeric order (`ALL[n] as i32 == n`).
    ///
    /// ```
    /// use authos_errors::grpc::GrpcCode;
    /// assert_eq!(GrpcCode::ALL.len(), 17);
    /// assert!(GrpcCode::ALL.iter().enumerate().all(|(n, code)| *code as usize == n));
    /// ```
    pub const ALL: &'static [GrpcCode] = &[
        GrpcCode::Ok,
        GrpcCode::Cancelled,
        GrpcCode::Unknown,
        GrpcCode::InvalidArgument,
        GrpcCode::DeadlineExceeded,
        GrpcCode::NotFound,
        GrpcCode::AlreadyExists,
        GrpcCode::PermissionDenied,
        GrpcCode::ResourceExhausted,
        GrpcCode::FailedPrecondition,
        GrpcCode::Aborted,
        GrpcCode::OutOfRange,
        GrpcCode::Unimplemented,
        GrpcCode::Internal,
        GrpcCode::Unavailable,
        GrpcCode::DataLoss,
        GrpcCode::Unauthenticated,
    ];

    /// The name `code.proto` gives the code (`"FAILED_PRECONDITION"`).
    ///
    /// ```
    /// use authos_errors::grpc::GrpcCode;
    /// assert_eq!(GrpcCode::Unauthenticated.as_str(), "UNAUTHENTICATED");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            GrpcCode::Ok => "OK",
            GrpcCode::Cancelled => "CANCELLED",
            GrpcCode::Unknown => "UNKNOWN",
            GrpcCode::InvalidArgument => "INVALID_ARGUMENT",
            GrpcCode::DeadlineExceeded => "DEADLINE_EXCEEDED",
            GrpcCode::NotFound => "NOT_FOUND",
            GrpcCode::AlreadyExists => "ALREADY_EXISTS",
            GrpcCode::PermissionDenied => "PERMISSION_DENIED",
            GrpcCode::ResourceExhausted => "RESOURCE_EXHAUSTED",
            GrpcCode::FailedPrecondition => "FAILED_PRECONDITION",
            GrpcCode::Aborted => "ABORTED",
            GrpcCode::OutOfRange => "OUT_OF_RANGE",
            GrpcCode::Unimplemented => "UNIMPLEMENTED",
            GrpcCode::Internal => "INTERNAL",
            GrpcCode::Unavailable => "UNAVAILABLE",
            GrpcCode::DataLoss => "DATA_LOSS",
            GrpcCode::Unauthenticated => "UNAUTHENTICATED",
        }
    }

    /// The code numbered `value` on the wire (`grpc-status`), `None` outside 0..=16.
    ///
    /// ```
    /// use authos_errors::grpc::GrpcCode;
    /// assert_eq!(GrpcCode::from_i32(5), Some(GrpcCode::NotFound));
    /// assert_eq!(GrpcCode::from_i32(17), None);
    /// ```
    #[must_use]
    pub fn from_i32(value: i32) -> Option<GrpcCode> {
        usize::try_from(value)
            .ok()
            .and_then(|index| GrpcCode::ALL.get(index).copied())
    }

    /// The code an error answered over HTTP with `status` has over gRPC: the HTTP mapping
    /// documented on each code of `google/rpc/code.proto`, read backwards (400 →
    /// `INVALID_ARGUMENT`, 401 → `UNAUTHENTICATED`, 403 → `PERMISSION_DENIED`, 404 → `NOT_FOUND`,
    /// 409 → `ALREADY_EXISTS`, 429 → `RESOURCE_EXHAUSTED`, 499 → `CANCELLED`, 500 →
    /// `INTERNAL`, 501 → `UNIMPLEMENTED`, 503 → `UNAVAILABLE`, 504 → `DEADLINE_EXCEEDED`), with
    /// the statuses it does not name placed by meaning: 408 → `DEADLINE_EXCEEDED`, 410 →
    /// `NOT_FOUND`, 416 → `OUT_OF_RANGE`, 422 → `INVALID_ARGUMENT`, 502 → `UNAVAILABLE`, any
    /// other 4xx → `FAILED_PRECONDITION` (the request cannot succeed in the current state),
    /// any other status → `INTERNAL`. A catalog entry overrides it with `grpc = "..."`.
    ///
    /// ```
    /// use authos_errors::grpc::GrpcCode;
    /// assert_eq!(GrpcCode::from_http_status(401), GrpcCode::Unauthenticated);
    /// assert_eq!(GrpcCode::from_http_status(409), GrpcCode::AlreadyExists);
    /// assert_eq!(GrpcCode::from_http_status(402), GrpcCode::FailedPrecondition);
    /// assert_eq!(GrpcCode::from_http_status(500), GrpcCode::Internal);
    /// ```
    #[must_use]
    pub const fn from_http_status(status: u16) -> GrpcCode {
        match status {
            400 | 422 => GrpcCode::InvalidArgument,
            401 => GrpcCode::Unauthenticated,
            403 => GrpcCode::PermissionDenied,
            404 | 410 => GrpcCode::NotFound,
            408 | 504 => GrpcCode::DeadlineExceeded,
            409 => GrpcCode::AlreadyExists,
            416 => GrpcCode::OutOfRange,
            429 => GrpcCode::ResourceExhausted,
            499 => GrpcCode::Cancelled,
            501 => GrpcCode::Unimplemented,
            502 | 503 => GrpcCode::Unavailable,
            402..=498 => GrpcCode::FailedPrecondition,
            _ => GrpcCode::Internal,
        }
    }

    /// The value `grpc = "..."` takes for this code in the derive: its name in lowercase
    /// (`"failed_precondition"`).
    ///
    /// ```
    /// use authos_errors::grpc::GrpcCode;
    /// assert_eq!(GrpcCode::ResourceExhausted.key(), "resource_exhausted");
    /// ```
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            GrpcCode::Ok => "ok",
            GrpcCode::Cancelled => "cancelled",
            GrpcCode::Unknown => "unknown",
            GrpcCode::InvalidArgument => "invalid_argument",
            GrpcCode::DeadlineExceeded => "deadline_exceeded",
            GrpcCode::NotFound => "not_found",
            GrpcCode::AlreadyExists => "already_exists",
            GrpcCode::PermissionDenied => "permission_denied",
            GrpcCode::ResourceExhausted => "resource_exhausted",
            GrpcCode::FailedPrecondition => "failed_precondition",
            GrpcCode::Aborted => "aborted",
            GrpcCode::OutOfRange => "out_of_range",
            GrpcCode::Unimplemented => "unimplemented",
            GrpcCode::Internal => "internal",
            GrpcCode::Unavailable => "unavailable",
            GrpcCode::DataLoss => "data_loss",
            GrpcCode::Unauthenticated => "unauthenticated",
        }
    }
}

impl fmt::Display for GrpcCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is not the name of a gRPC status code.
///
/// ```
/// use authos_errors::grpc::GrpcCode;
/// let err = "precondition".parse::<GrpcCode>().unwrap_err();
/// assert_eq!(err.to_string(), "`precondition` is not a gRPC status code of google/rpc/code.proto");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownGrpcCode(pub String);

impl fmt::Display for UnknownGrpcCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a gRPC status code of google/rpc/code.proto",
            self.0
        )
    }
}

impl std::error::Error for UnknownGrpcCode {}

impl FromStr for GrpcCode {
    type Err = UnknownGrpcCode;

    /// The code named `text`, as `code.proto` writes it (`FAILED_PRECONDITION`) or as the
    /// derive's key does (`failed_precondition`).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        GrpcCode::ALL
            .iter()
            .copied()
            .find(|code| code.as_str() == text || code.key() == text)
            .ok_or_else(|| UnknownGrpcCode(text.to_owned()))
    }
}

impl Serialize for GrpcCode {
    /// The `code.proto` name (`"NOT_FOUND"`).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
