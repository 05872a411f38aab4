//! Each rpc of the demo's service, read by a tonic client with tonic-types' `StatusExt`.

use authos_errors::catalog::{AuthOsError, AuthenticationError, GeneralError};
use authos_errors::client::grpc::GrpcErrorResponse;
use authos_errors::grpc::GrpcCode;
use authos_errors_demo::grpc::proto::{
    GetOrganizationRequest, LimitedRequest, LoginRequest, SignupRequest, UsageReportRequest,
};
use authos_errors_demo::{
    DATABASE_FAILURE, DEMO_EMAIL, DEMO_PASSWORD, MAX_FAILED_LOGINS, RATE_LIMIT, RATE_WINDOW,
};
use tonic::{Code, Request, Status};
use tonic_types::StatusExt;

use super::{connect, start_demo};
use crate::http_support::block_on;

/// `message` with metadata entries.
fn with_metadata<T>(message: T, entries: &[(&'static str, &str)]) -> Request<T> {
    let mut request = Request::new(message);
    for (name, value) in entries {
        request
            .metadata_mut()
            .insert(*name, value.parse().expect("ASCII metadata"));
    }
    request
}

fn login(email: &str, password: &str) -> LoginRequest {
    LoginRequest {
        email: email.to_owned(),
        password: password.to_owned(),
    }
}

/// The `ErrorInfo` of `status`: exactly one, with the AuthOS domain.
fn reason(status: &Status) -> String {
    let details = status.get_error_details_vec();
    let infos = details
        .iter()
        .filter(|detail| matches!(detail, tonic_types::ErrorDetail::ErrorInfo(_)))
        .count();
    assert_eq!(infos, 1, "one ErrorInfo: {details:?}");
    let info = status.get_details_error_info().expect("an ErrorInfo");
    assert_eq!(info.domain, "authos.dev");
    info.reason
}

#[test]
fn login_answers_mfa_then_invalid_credentials_then_account_locked() {
    let server = start_demo();
    block_on(async {
        let mut client = connect(server.addr()).await;
        let status = client
            .login(login(DEMO_EMAIL, DEMO_PASSWORD))
            .await
            .unwrap_err();
        assert_eq!(status.code(), Code::Unauthenticated);
        assert_eq!(reason(&status), "MFA_REQUIRED");
        assert_eq!(
            status.message(),
            "MFA verification needed: POST your one-time code to /api/auth/mfa"
        );
        for _ in 0..MAX_FAILED_LOGINS {
            let status = client
                .login(login("bob@example.com", "guess"))
                .await
                .unwrap_err();
            assert_eq!(
                (status.code(), reason(&status)),
                (Code::Unauthenticated, "INVALID_CREDENTIALS".to_owned())
            );
            assert_eq!(status.message(), "Wrong email or password");
        }
        let status = client
            .login(login("bob@example.com", "guess"))
            .await
            .unwrap_err();
        assert_eq!(reason(&status), "ACCOUNT_LOCKED");
        let response: GrpcErrorResponse<AuthOsError> = GrpcErrorResponse::from_status(&status);
        assert_eq!(
            response.error(),
            Some(&AuthOsError::Authentication(
                AuthenticationError::AccountLocked
            ))
        );
        assert_eq!(
            response.doc_url(),
            Some("https://docs.authos.dev/errors#ACCOUNT_LOCKED")
        );
        let help = status.get_details_help().expect("a Help link");
        assert_eq!(
            help.links[0].url,
            "https://docs.authos.dev/errors#ACCOUNT_LOCKED"
        );
    });
}

#[test]
fn organizations_answer_failed_precondition_and_not_found_with_the_slug_in_the_message() {
    let server = start_demo();
    block_on(async {
        let mut client = connect(server.addr()).await;
        let acme = client
            .get_organization(GetOrganizationRequest {
                slug: "acme".into(),
            })
            .await
            .expect("acme exists")
            .into_inner();
        assert_eq!(
            (acme.slug.as_str(), acme.name.as_str()),
            ("acme", "Acme Corp")
        );
        let status = client
            .get_organization(GetOrganizationRequest {
                slug: "initech".into(),
            })
            .await
            .unwrap_err();
        assert_eq!(status.code(), Code::FailedPrecondition);
        assert_eq!(reason(&status), "ORGANIZATION_NOT_ACTIVE");
        let status = client
            .get_organization(GetOrganizationRequest {
                slug: "globex".into(),
            })
            .await
            .unwrap_err();
        assert_eq!(status.code(), Code::NotFound);
        assert_eq!(status.message(), "No organization `globex`");
        assert_eq!(reason(&status), "NOT_FOUND");
        assert!(status.get_details_retry_info().is_none());
        assert!(
            status.get_details_localized_message().is_none(),
            "no accept-language, no translation"
        );
    });
}

#[test]
fn the_rate_limit_answers_resource_exhausted_with_the_window_left_as_retry_info() {
    let server = start_demo();
    block_on(async {
        let mut client = connect(server.addr()).await;
        for _ in 0..RATE_LIMIT {
            client
                .limited(LimitedRequest {})
                .await
                .expect("within the limit");
        }
        let status = client.limited(LimitedRequest {}).await.unwrap_err();
        assert_eq!(status.code(), Code::ResourceExhausted);
        assert_eq!(reason(&status), "RATE_LIMIT_EXCEEDED");
        // The clock is frozen: the whole window is left.
        let retry = status.get_details_retry_info().expect("a RetryInfo");
        assert_eq!(retry.retry_delay, Some(RATE_WINDOW));
        let response: GrpcErrorResponse<GeneralError> = status.into();
        assert_eq!(response.error(), Some(&GeneralError::RateLimitExceeded));
        assert_eq!(response.retry_after(), Some(RATE_WINDOW));
        assert_eq!(response.grpc_code(), GrpcCode::ResourceExhausted);
    });
}

#[test]
fn the_usage_report_sends_its_description_and_logs_its_source_with_the_request_id() {
    let server = start_demo();
    let status = block_on(async {
        let mut client = connect(server.addr()).await;
        client
            .usage_report(with_metadata(
                UsageReportRequest {},
                &[("x-request-id", "req-500")],
            ))
            .await
            .unwrap_err()
    });
    assert_eq!(status.code(), Code::Internal);
    assert_eq!(status.message(), "Database operation failed");
    assert_eq!(reason(&status), "DATABASE_ERROR");
    assert!(status.get_details_error_info().unwrap().metadata.is_empty());
    assert_eq!(
        status.get_details_request_info().unwrap().request_id,
        "req-500"
    );
    // Nothing of the source anywhere: message, details bytes, metadata (names and values).
    let secrets = ["postgres", "s3cr3t", "10.0.0.7", "refused"];
    let details = String::from_utf8_lossy(status.details()).into_owned();
    let metadata = format!("{:?}", status.metadata());
    for text in [status.message(), &details, &metadata] {
        for secret in secrets {
            assert!(!text.contains(secret), "{secret:?} sent in {text:?}");
        }
    }
    let logs = server.logs().lines();
    let line = logs
        .iter()
        .find(|line| line.contains("error_code=DATABASE_ERROR"))
        .unwrap_or_else(|| panic!("a 5xx line in {logs:?}"));
    assert!(line.contains(DATABASE_FAILURE), "{line}");
    assert!(line.contains("request_id=req-500"), "{line}");
}

#[test]
fn signup_names_every_invalid_field_in_one_bad_request() {
    let server = start_demo();
    let status = block_on(async {
        let mut client = connect(server.addr()).await;
        let ok = client
            .signup(SignupRequest {
                email: "carol@example.com".into(),
                slug: "carol".into(),
                password: "long enough".into(),
            })
            .await
            .expect("a valid signup")
            .into_inner();
        assert_eq!(ok.slug, "carol");
        client
            .signup(SignupRequest {
                email: "not-an-email".into(),
                slug: "ab".into(),
                password: "short".into(),
            })
            .await
            .unwrap_err()
    });
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(reason(&status), "BAD_REQUEST");
    let violations: Vec<(String, String, String)> = status
        .get_details_bad_request()
        .expect("a BadRequest")
        .field_violations
        .into_iter()
        .map(|v| (v.field, v.reason, v.description))
        .collect();
    assert_eq!(
        violations,
        [
            (
                "email".to_owned(),
                "INVALID_EMAIL".to_owned(),
                "Invalid email format".to_owned()
            ),
            (
                "slug".to_owned(),
                "SLUG_TOO_SHORT".to_owned(),
                "Slug must be at least 3 characters".to_owned()
            ),
            (
                "password".to_owned(),
                "WEAK_PASSWORD".to_owned(),
                "Password must be at least 8 characters".to_owned()
            ),
        ]
    );
    let response: GrpcErrorResponse<AuthOsError> = status.into();
    let pointers: Vec<(&str, &str)> = response
        .field_errors()
        .iter()
        .map(|entry| (entry.pointer(), entry.code()))
        .collect();
    assert_eq!(
        pointers,
        [
            ("/email", "INVALID_EMAIL"),
            ("/slug", "SLUG_TOO_SHORT"),
            ("/password", "WEAK_PASSWORD")
        ]
    );
}

#[test]
fn accept_language_fr_adds_a_french_localized_message_and_x_request_id_a_request_info() {
    let server = start_demo();
    let status = block_on(async {
        let mut client = connect(server.addr()).await;
        client
            .get_organization(with_metadata(
                GetOrganizationRequest {
                    slug: "initech".into(),
                },
                &[
                    ("accept-language", "fr-CA, en;q=0.5"),
                    ("x-request-id", "req-fr-1"),
                ],
            ))
            .await
            .unwrap_err()
    });
    let localized = status
        .get_details_localized_message()
        .expect("a LocalizedMessage");
    assert_eq!(localized.locale, "fr");
    assert_ne!(localized.message, status.message(), "translated");
    assert_eq!(
        authos_errors::catalog::localizer()
            .negotiate("fr")
            .unwrap()
            .message(&authos_errors::catalog::AuthorizationError::OrganizationNotActive),
        localized.message
    );
    assert_eq!(
        status.get_details_request_info().unwrap().request_id,
        "req-fr-1"
    );
    let response: GrpcErrorResponse<AuthOsError> = status.into();
    assert_eq!(
        response.localized_message(),
        Some(("fr", localized.message.as_str()))
    );
    assert_eq!(response.request_id(), Some("req-fr-1"));
}

#[test]
fn the_5xx_localized_message_is_the_translated_description_and_a_hostile_request_id_is_not_echoed()
{
    let server = start_demo();
    let status = block_on(async {
        let mut client = connect(server.addr()).await;
        client
            .usage_report(with_metadata(
                UsageReportRequest {},
                &[("accept-language", "fr"), ("x-request-id", "a b")],
            ))
            .await
            .unwrap_err()
    });
    assert!(
        status.get_details_request_info().is_none(),
        "an id with a space is not echoed"
    );
    let localized = status
        .get_details_localized_message()
        .expect("a LocalizedMessage");
    assert_eq!(localized.locale, "fr");
    assert!(!localized.message.contains("postgres"));
}
