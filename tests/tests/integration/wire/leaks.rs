//! Leak-proofing: a body never carries the text of a `#[source]` error nor of a field the message
//! template does not name, and a 5xx body says only the catalog description or the declared
//! message (`authos_errors` crate docs, "Public contract"). Checked over the serialised bytes,
//! the parsed body and the message, for several enum shapes, every 5xx entry of the AuthOS catalog, and random secrets;
//! then over the RFC 9457 problem document and the bytes and headers of the axum and actix-web
//! responses (built in process; the socket tests are `http/axum_adapter.rs` and `http/actix_adapter.rs`).

use std::error::Error;
use std::fmt;

use authos_errors::catalog::{AuthOsError, InfrastructureError};
use authos_errors::problem::{ProblemConfig, ProblemDetails};
use authos_errors::{ApiErrorCode, ApiErrorCodeExt, ErrorBody};
use chrono::{TimeZone, Utc};
use proptest::prelude::*;

/// The secret every test hides in sources and undeclared fields.
const SECRET: &str = "password=hunter2";

/// An error whose own text and whose source's text both carry secrets.
#[derive(Debug)]
struct ConnectError {
    dsn: String,
    cause: std::io::Error,
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot connect to {}", self.dsn)
    }
}

impl Error for ConnectError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.cause)
    }
}

fn connect_error() -> ConnectError {
    ConnectError {
        dsn: format!("postgres://admin:{SECRET}@db-7"),
        cause: std::io::Error::other(format!("handshake failed for {SECRET}")),
    }
}

#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Leak Errors")]
#[expect(
    dead_code,
    reason = "undeclared fields exist only to prove they stay out of the body"
)]
enum LeakError {
    /// Database unavailable
    #[code("DB_DOWN", status = 500)]
    TupleSource(#[source] std::io::Error),

    /// Storage unavailable
    #[code(
        "STORAGE_DOWN",
        status = 503,
        message = "Storage bucket {bucket} is unavailable"
    )]
    NamedSource {
        bucket: String,
        token: String,
        #[source]
        cause: Box<dyn Error + Send + Sync>,
    },

    /// Upstream failed
    #[code("UPSTREAM_FAILED", status = 502, message = "Upstream failed")]
    ChainedSource(#[source] ConnectError),

    /// Timed out
    #[code("TIMED_OUT", status = 504)]
    UndeclaredFields { query: String, attempt: u32 },

    /// Bad input
    #[code("BAD_INPUT", status = 400, message = "Field {field} is invalid")]
    ClientError {
        field: String,
        submitted: String,
        #[source]
        cause: std::io::Error,
    },

    #[code(transparent)]
    Infrastructure(InfrastructureError),
}

/// Every way a user gets a body out of `err`: serialised bytes (generated `Serialize` and
/// `to_body_at`), the parsed `error` field, and `message()`.
fn all_body_texts(err: &LeakError) -> Vec<String> {
    let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
    let generated = serde_json::to_string(err).expect("serialises");
    let explicit = serde_json::to_string(&err.to_body_at(at)).expect("serialises");
    let parsed = serde_json::from_str::<ErrorBody<'_>>(&explicit)
        .expect("parses back")
        .error
        .into_owned();
    vec![generated, explicit, parsed, err.message().into_owned()]
}

fn assert_no_secret(err: &LeakError, secret: &str) {
    for text in all_body_texts(err) {
        assert!(
            !text.contains(secret),
            "{err:?} leaked {secret:?} in {text}"
        );
    }
}

#[test]
fn tuple_source_stays_out_of_the_body() {
    let err = LeakError::TupleSource(std::io::Error::other(SECRET));
    assert_no_secret(&err, SECRET);
    assert_eq!(err.message(), "Database unavailable");
    // Still reachable for logs.
    assert_eq!(
        err.source().map(ToString::to_string),
        Some(SECRET.to_owned())
    );
}

#[test]
fn named_source_and_undeclared_field_stay_out_of_the_body() {
    let err = LeakError::NamedSource {
        bucket: "avatars".into(),
        token: format!("token {SECRET}"),
        cause: format!("s3 said {SECRET}").into(),
    };
    assert_no_secret(&err, SECRET);
    assert_eq!(err.message(), "Storage bucket avatars is unavailable");
}

#[test]
fn a_source_chain_stays_out_of_the_body() {
    let err = LeakError::ChainedSource(connect_error());
    assert_no_secret(&err, SECRET);
    assert_no_secret(&err, "db-7");
    assert_eq!(err.message(), "Upstream failed");
    let chain: Vec<String> = std::iter::successors(err.source(), |e| (*e).source())
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        chain.len(),
        2,
        "the whole chain stays reachable for logs: {chain:?}"
    );
}

#[test]
fn undeclared_fields_of_a_server_error_stay_out_of_the_body() {
    let err = LeakError::UndeclaredFields {
        query: format!("SELECT * FROM users WHERE {SECRET}"),
        attempt: 987_654_321,
    };
    assert_no_secret(&err, SECRET);
    assert_no_secret(&err, "987654321");
    assert_eq!(err.message(), "Timed out");
}

#[test]
fn client_errors_show_declared_fields_only() {
    let err = LeakError::ClientError {
        field: "email".into(),
        submitted: SECRET.into(),
        cause: std::io::Error::other(format!("parser saw {SECRET}")),
    };
    assert_no_secret(&err, SECRET);
    assert_eq!(err.message(), "Field email is invalid");
}

#[test]
fn transparent_server_errors_show_the_catalog_description() {
    for row in InfrastructureError::CATALOG {
        let inner = InfrastructureError::from_code(row.code).expect("a catalog code");
        let err = LeakError::from(inner);
        assert_eq!(err.message(), row.description);
    }
}

#[test]
fn every_server_error_of_the_catalog_says_only_its_description() {
    let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
    let server_rows: Vec<_> = AuthOsError::CATALOG
        .iter()
        .filter(|row| row.status >= 500)
        .collect();
    assert!(!server_rows.is_empty());
    for row in server_rows {
        let err = AuthOsError::from_code(row.code).expect("a catalog code");
        assert_eq!(err.status(), row.status);
        let text = serde_json::to_string(&err.to_body_at(at)).expect("serialises");
        let expected = format!(
            r#"{{"error":{},"error_code":"{}","timestamp":"2025-01-15T10:30:00Z"}}"#,
            serde_json::to_string(row.description).expect("serialises"),
            row.code
        );
        assert_eq!(text, expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the secret and whatever the declared field holds, only the declared field shows.
    #[test]
    fn random_secrets_never_reach_the_body(
        secret in "[!-~]{1,24}",
        bucket in "[^#]{0,32}",
        attempt in any::<u32>(),
    ) {
        // `#` marks the secret so no declared text or fixed wording can contain it by chance.
        let marked = format!("#{secret}#");
        let named = LeakError::NamedSource {
            bucket: bucket.clone(),
            token: marked.clone(),
            cause: marked.clone().into(),
        };
        let expected = ["Storage bucket ", bucket.as_str(), " is unavailable"].concat();
        prop_assert_eq!(named.message(), expected);
        let tuple = LeakError::TupleSource(std::io::Error::other(marked.clone()));
        let undeclared = LeakError::UndeclaredFields { query: marked.clone(), attempt };
        for err in [named, tuple, undeclared] {
            for text in all_body_texts(&err) {
                // JSON may escape the marker's characters, so look for the escaped form too.
                let escaped = serde_json::to_string(&marked).expect("serialises");
                prop_assert!(!text.contains(&marked), "{:?} leaked in {}", err, text);
                prop_assert!(!text.contains(escaped.trim_matches('"')), "{:?} leaked in {}", err, text);
            }
        }
    }
}

/// One value of every `LeakError` shape, each hiding `SECRET` in a source or an undeclared field.
fn every_shape() -> Vec<LeakError> {
    vec![
        LeakError::TupleSource(std::io::Error::other(SECRET)),
        LeakError::NamedSource {
            bucket: "avatars".into(),
            token: SECRET.into(),
            cause: SECRET.into(),
        },
        LeakError::ChainedSource(connect_error()),
        LeakError::UndeclaredFields {
            query: SECRET.into(),
            attempt: 1,
        },
        LeakError::ClientError {
            field: "email".into(),
            submitted: SECRET.into(),
            cause: std::io::Error::other(SECRET),
        },
    ]
}

/// Whether `secret` appears anywhere in a status: its message or its encoded details.
fn status_contains(status: &tonic::Status, secret: &str) -> bool {
    status.message().contains(secret)
        || status
            .details()
            .windows(secret.len())
            .any(|window| window == secret.as_bytes())
}

#[test]
fn grpc_statuses_follow_the_one_rule_of_what_a_body_shows() {
    // Each shape's declared text (a 5xx's template with its fields filled in), as every HTTP
    // format shows it; no secret in the message or the details.
    let shown = [
        "Database unavailable",
        "Storage bucket avatars is unavailable",
        "Upstream failed",
        "Timed out",
        "Field email is invalid",
    ];
    for (err, shown) in every_shape().into_iter().zip(shown) {
        let status = tonic::Status::from(err);
        assert_eq!(status.message(), shown);
        assert!(!status_contains(&status, SECRET), "{status:?}");
    }
    // A handler's run-time text on a 5xx is withheld (logged), never sent.
    let handler = LeakError::UndeclaredFields {
        query: "q".into(),
        attempt: 1,
    }
    .with_message(format!("pool exhausted, {SECRET}"));
    let status = tonic::Status::from(handler);
    assert_eq!(status.message(), "Timed out");
    assert!(!status_contains(&status, SECRET), "{status:?}");
}

#[test]
fn problem_documents_carry_no_secret() {
    // With a `type` base every title is the catalog description (an `about:blank` problem is
    // titled by its status instead, which could carry nothing at all).
    let config = ProblemConfig::default().with_type_base("https://errors.example.com/");
    for err in every_shape() {
        let document =
            serde_json::to_string(&ProblemDetails::new(&err, &config)).expect("serialises");
        assert!(!document.contains(SECRET), "{err:?} leaked in {document}");
        let value: serde_json::Value = serde_json::from_str(&document).expect("valid JSON");
        assert_eq!(value["detail"], err.message().as_ref());
        assert_eq!(value["title"], err.description());
    }
    for row in AuthOsError::CATALOG.iter().filter(|row| row.status >= 500) {
        let err = AuthOsError::from_code(row.code).expect("a catalog code");
        let document =
            serde_json::to_value(ProblemDetails::new(&err, &config)).expect("serialises");
        assert_eq!(document["detail"], row.description);
        assert_eq!(document["title"], row.description);
    }
}

/// Status, every header value, and the body bytes of an axum response.
fn axum_parts(response: axum::response::Response) -> (u16, Vec<String>, Vec<u8>) {
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .values()
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
        .collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime");
    let body = runtime
        .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
        .expect("an in-memory body");
    (status, headers, body.to_vec())
}

#[test]
fn axum_responses_carry_no_secret() {
    use axum::response::IntoResponse;

    for err in every_shape() {
        let expected_message = err.message().into_owned();
        let expected_status = err.status();
        let debug = format!("{err:?}");
        let (status, headers, body) = axum_parts(err.into_response());
        assert_eq!(status, expected_status);
        let text = String::from_utf8(body).expect("UTF-8 body");
        assert!(!text.contains(SECRET), "{debug} leaked in {text}");
        for header in headers {
            assert!(
                !header.contains(SECRET),
                "{debug} leaked in header {header}"
            );
        }
        let parsed: ErrorBody<'_> = serde_json::from_str(&text).expect("an error body");
        assert_eq!(parsed.error, expected_message);
    }
    for row in AuthOsError::CATALOG.iter().filter(|row| row.status >= 500) {
        let err = AuthOsError::from_code(row.code).expect("a catalog code");
        let (status, _, body) = axum_parts(err.into_response());
        assert_eq!(status, row.status);
        let parsed: ErrorBody<'_> = serde_json::from_slice(&body).expect("an error body");
        assert_eq!(parsed.error, row.description);
    }
    // A `Detailed` wrapper over a source-carrying error keeps the source out too.
    let detailed = LeakError::TupleSource(std::io::Error::other(SECRET))
        .with_retry_after(std::time::Duration::from_secs(5));
    let (_, headers, body) = axum_parts(detailed.into_response());
    assert!(!String::from_utf8_lossy(&body).contains(SECRET));
    assert!(headers.iter().all(|header| !header.contains(SECRET)));
}

#[test]
fn actix_responses_carry_no_secret() {
    use actix_web::ResponseError;

    for err in every_shape() {
        let response = err.error_response();
        assert_eq!(response.status().as_u16(), err.status());
        for (_, value) in response.headers() {
            let header = String::from_utf8_lossy(value.as_bytes());
            assert!(
                !header.contains(SECRET),
                "{err:?} leaked in header {header}"
            );
        }
        let body = actix_web::rt::System::new()
            .block_on(actix_web::body::to_bytes(response.into_body()))
            .expect("an in-memory body");
        let text = String::from_utf8_lossy(&body);
        assert!(!text.contains(SECRET), "{err:?} leaked in {text}");
        let parsed: ErrorBody<'_> = serde_json::from_slice(&body).expect("an error body");
        assert_eq!(parsed.error, err.message());
    }
}

/// A hand-written impl that claims details on a 5xx: the runtime still sends none.
struct ChattyOutage;

impl ApiErrorCode for ChattyOutage {
    const CATALOG: &'static [authos_errors::ErrorCodeInfo] = &[authos_errors::ErrorCodeInfo::new(
        "CHATTY_OUTAGE",
        503,
        "Service unavailable",
    )];

    fn info(&self) -> &'static authos_errors::ErrorCodeInfo {
        &Self::CATALOG[0]
    }

    fn serialize_details<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> Option<Result<S::Ok, S::Error>> {
        Some(serializer.serialize_str(SECRET))
    }
}

/// 4xx variants with details beside a 5xx one, whose own fields cannot be marked.
#[derive(Debug, ApiErrorCode)]
#[expect(
    dead_code,
    reason = "the host exists only to prove it stays out of the body"
)]
enum MixedError {
    /// Quota exceeded
    #[code("QUOTA_EXCEEDED", status = 403)]
    Quota {
        #[detail]
        limit: u32,
    },
    /// Quota store unavailable
    #[code("QUOTA_STORE_DOWN", status = 503)]
    Store { host: String },
}

#[test]
fn no_server_error_shows_details() {
    use authos_errors::field_errors::FieldError;
    use authos_errors::response::{CapturedError, RenderContext};
    use axum::response::IntoResponse;

    let bodies = [
        serde_json::to_string(&ChattyOutage.with_message("down")).unwrap(),
        serde_json::to_string(&FieldError::new("/x", &ChattyOutage)).unwrap(),
        String::from_utf8(
            CapturedError::capture(&ChattyOutage)
                .render(&RenderContext::default())
                .body,
        )
        .unwrap(),
        String::from_utf8(axum_parts(authos_errors::axum::error_response(&ChattyOutage)).2)
            .unwrap(),
        serde_json::to_string(&MixedError::Store {
            host: SECRET.into(),
        })
        .unwrap(),
        String::from_utf8(
            axum_parts(
                MixedError::Store {
                    host: SECRET.into(),
                }
                .into_response(),
            )
            .2,
        )
        .unwrap(),
    ];
    for body in bodies {
        assert!(
            !body.contains(SECRET) && !body.contains("details"),
            "{body}"
        );
    }
    // The 4xx variant of the same enum does carry its details.
    let quota = serde_json::to_string(&MixedError::Quota { limit: 5 }).unwrap();
    assert!(quota.ends_with(r#","details":{"limit":5}}"#), "{quota}");
}
