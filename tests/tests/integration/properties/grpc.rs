//! Every catalog entry round-trips server → `tonic::Status` (through the HTTP/2 headers tonic
//! sends: `grpc-status`, `grpc-message`, `grpc-status-details-bin`) → the crate's client, with
//! any message and delay the handler sets.

use std::time::Duration;

use authos_errors::catalog::AuthOsError;
use authos_errors::client::grpc::GrpcErrorResponse;
use authos_errors::{ApiErrorCode, Detailed, FromCode};
use proptest::prelude::*;

/// `status` as the peer reads it: written into response headers and read back.
fn over_the_wire(status: tonic::Status) -> tonic::Status {
    let response = status.into_http::<()>();
    tonic::Status::from_header_map(response.headers()).expect("a status in the headers")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_catalog_entry_round_trips_through_a_status(
        index in 0..AuthOsError::CATALOG.len(),
        message in proptest::option::of(any::<String>()),
        retry in proptest::option::of(1_u64..100_000),
    ) {
        let info = &AuthOsError::CATALOG[index];
        let error = <AuthOsError as FromCode>::from_code(info.code).expect("every code is known");
        let mut detailed = Detailed::new(error);
        if let Some(seconds) = retry {
            detailed = detailed.with_retry_after(Duration::from_secs(seconds));
        }
        if let Some(message) = &message {
            detailed = detailed.with_message(message.clone());
        }
        let expected_retry = detailed.retry_after();
        let expected_message = if info.is_server_error() {
            info.description.to_owned()
        } else {
            message.clone().unwrap_or_else(|| error.message().into_owned())
        };
        let status = over_the_wire(tonic::Status::from(detailed));
        let response: GrpcErrorResponse<AuthOsError> = GrpcErrorResponse::from_status(&status);
        prop_assert_eq!(response.error().map(ApiErrorCode::code), Some(error.code()));
        prop_assert_eq!(response.code(), Some(info.code));
        prop_assert_eq!(response.grpc_code(), error.info().grpc_code());
        prop_assert_eq!(response.message(), expected_message.as_str());
        prop_assert_eq!(response.retry_after(), expected_retry);
        // Outside a layer: the default config, whose domain is unset.
        prop_assert_eq!(response.domain(), Some(""));
        prop_assert!(response.field_errors().is_empty());
    }
}
