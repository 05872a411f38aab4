//! What a server can put in a status that the client must survive: details that do not
//! decode, a request id that could forge a log line, an unknown code number.

use authos_errors::catalog::AuthOsError;
use authos_errors::client::grpc::GrpcErrorResponse;
use authos_errors::grpc::GrpcCode;
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

#[test]
fn details_that_do_not_decode_leave_the_code_and_message() {
    let status = Status::with_details(Code::NotFound, "gone", vec![0xff, 0xff, 0x01, 0x02].into());
    let response: GrpcErrorResponse<AuthOsError> = GrpcErrorResponse::from_status(&status);
    assert_eq!(
        (response.grpc_code(), response.message()),
        (GrpcCode::NotFound, "gone")
    );
    assert_eq!((response.code(), response.error()), (None, None));
    assert!(response.field_errors().is_empty() && response.metadata().is_empty());
}

#[test]
fn a_request_id_that_is_not_visible_ascii_is_dropped_and_display_escapes_the_message() {
    let mut details = ErrorDetails::with_request_info("r-1\nERROR forged", "");
    details.set_error_info(
        "NOT_FOUND\r\nINFO forged",
        "authos.dev",
        std::collections::HashMap::new(),
    );
    let status = Status::with_error_details(Code::NotFound, "no\u{202e}user", details);
    let response: GrpcErrorResponse<AuthOsError> = status.into();
    assert_eq!(response.request_id(), None);
    assert_eq!(response.error(), None, "an unknown code stays untyped");
    assert_eq!(
        response.to_string(),
        r"NOT_FOUND\r\nINFO forged: no\u{202e}user"
    );
}

#[test]
fn an_unknown_code_number_reads_as_unknown() {
    let status = Status::new(Code::from_i32(99), "from the future");
    let response: GrpcErrorResponse<AuthOsError> = status.into();
    assert_eq!(response.grpc_code(), GrpcCode::Unknown);
}
