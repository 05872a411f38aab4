//! OpenAPI (utoipa) schemas and documented responses for derived errors.
//!
//! - [`ErrorBody`] and [`ProblemDetails`] implement `utoipa::ToSchema`.
//! - [`responses::<E>()`](responses) documents every code of `E::CATALOG`: one response per
//!   status, with a named example per code (codes that share a status share the response, each
//!   keeping its own example), for both `application/json` and `application/problem+json`,
//!   with the `WWW-Authenticate` header on 401 and `Retry-After` on 429 and 503.
//! - [`responses_with_examples`] writes a code's examples from real values of it, so a
//!   `#[detail]` shows its numbers; codes with details list them in the response description
//!   and in the `details` member of both content schemas.
//! - [`framework_responses`] (feature `http`) documents the framework errors an operation
//!   reading a JSON body can answer (400, 413, 415); [`WithJsonBodyErrors<E>`](WithJsonBodyErrors)
//!   adds them to `E`'s responses in `#[utoipa::path(responses(...))]`.
//! - Each response's `error_code` is an `enum` of the codes it documents.
//! - [`FieldErrors`] documents its 400 with the `errors` array and a three-field example.
//! - Examples are written with the default [`ProblemConfig`] (problem `type`s `about:blank`
//!   unless an entry has a `doc_url`); [`ResponseDocs`] writes them with yours, as your service
//!   answers (the AuthOS catalog's: `ResponseDocs::new(&catalog::problem_config())`).
//! - With this feature on, `#[derive(ApiErrorCode)]` also implements `utoipa::IntoResponses`
//!   for each enum (as for axum, through a macro of this crate), and so does
//!   [`Detailed<E>`](crate::Detailed): `#[utoipa::path(responses(LoginError))]` documents them.
//!
//! ```
//! use authos_errors::catalog::MfaError;
//! use authos_errors::openapi;
//!
//! let responses = openapi::responses::<MfaError>();
//! let statuses: Vec<&str> = responses.responses.keys().map(String::as_str).collect();
//! assert_eq!(statuses, ["400", "401"]);
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{DateTime, TimeZone, Utc};
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::response::{ResponseBuilder, Responses};
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::{RefOr, ResponsesBuilder};
use utoipa::{IntoResponses, PartialSchema, ToSchema};

use crate::field_errors::{DEFAULT_SUMMARY, FieldError, FieldErrors};
use crate::problem::{APPLICATION_JSON, APPLICATION_PROBLEM_JSON, ProblemConfig, ProblemDetails};
use crate::{ApiErrorCode, Detailed, ErrorBody, ErrorCodeInfo};

/// The instant the documentation examples are stamped with.
fn example_timestamp() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0)
        .single()
        .unwrap_or_default()
}

fn string_property(description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
}

fn timestamp_property() -> ObjectBuilder {
    string_property("When the error happened: UTC, whole seconds, `Z` suffix")
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
        .examples(["2025-01-15T10:30:00Z"])
}

/// ```
/// use authos_errors::ErrorBody;
/// use utoipa::PartialSchema;
/// let schema = serde_json::to_value(ErrorBody::schema()).unwrap();
/// assert_eq!(schema["required"], serde_json::json!(["error", "error_code", "timestamp"]));
/// ```
impl PartialSchema for ErrorBody<'_> {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some("An AuthOS error response"))
            .property("error", string_property("Human-readable message"))
            .required("error")
            .property(
                "error_code",
                string_property("Machine-readable code").examples(["TOKEN_EXPIRED"]),
            )
            .required("error_code")
            .property("timestamp", timestamp_property())
            .required("timestamp")
            .property("details", details_property())
            .property("request_id", request_id_property())
            .into()
    }
}

/// The optional `details` member of both bodies.
fn details_property() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(
            "Machine-readable values behind the message (the variant's #[detail] fields);              present only for codes that have them, which the response description lists",
        ))
}

/// The opt-in `request_id` member of the AuthOS body.
fn request_id_property() -> ObjectBuilder {
    string_property(
        "The request's `x-request-id`, when the request carried one and the server opted in",
    )
}

/// The `errors` array of a [`FieldErrors`](crate::field_errors::FieldErrors) response.
fn errors_property() -> utoipa::openapi::schema::ArrayBuilder {
    utoipa::openapi::schema::ArrayBuilder::new()
        .description(Some("One entry per invalid value, in the order they were found"))
        .items(
            ObjectBuilder::new()
                .schema_type(Type::Object)
                .property("error_code", string_property("Machine-readable code"))
                .required("error_code")
                .property("error", string_property("Human-readable message"))
                .required("error")
                .property(
                    "pointer",
                    string_property(
                        "RFC 6901 JSON pointer of the value in the request (`\"\"` for the whole document)",
                    )
                    .examples(["/slug"]),
                )
                .required("pointer")
                .property("details", details_property()),
        )
}

/// ```
/// use authos_errors::ErrorBody;
/// use utoipa::ToSchema;
/// assert_eq!(ErrorBody::name(), "ErrorBody");
/// ```
impl ToSchema for ErrorBody<'_> {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ErrorBody")
    }
}

/// ```
/// use authos_errors::problem::ProblemDetails;
/// use utoipa::PartialSchema;
/// let schema = serde_json::to_value(ProblemDetails::schema()).unwrap();
/// assert_eq!(schema["properties"]["status"]["type"], "integer");
/// ```
impl PartialSchema for ProblemDetails<'_> {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(
                "An RFC 9457 problem document with AuthOS extension members",
            ))
            .property(
                "type",
                string_property("Documentation URI of the error code (a URI reference)"),
            )
            .required("type")
            .property(
                "title",
                string_property("The catalog description of the code"),
            )
            .required("title")
            .property(
                "status",
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .description(Some("The HTTP status"))
                    .minimum(Some(400))
                    .maximum(Some(599)),
            )
            .required("status")
            .property("detail", string_property("Human-readable message"))
            .required("detail")
            .property("error_code", string_property("Machine-readable code"))
            .required("error_code")
            .property(
                "resolution",
                string_property("What the caller can do about it, when the catalog says"),
            )
            .property("timestamp", timestamp_property())
            .required("timestamp")
            .property("details", details_property())
            .property(
                "instance",
                string_property(
                    "`urn:request:<id>`: the request's `x-request-id`, when it carried one",
                )
                .format(Some(SchemaFormat::Custom("uri".to_owned()))),
            )
            .into()
    }
}

/// ```
/// use authos_errors::problem::ProblemDetails;
/// use utoipa::ToSchema;
/// assert_eq!(ProblemDetails::name(), "ProblemDetails");
/// ```
impl ToSchema for ProblemDetails<'_> {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ProblemDetails")
    }
}

/// The documented error responses of `E`: see [`responses_for`].
///
/// ```
/// use authos_errors::catalog::GeneralError;
/// let responses = authos_errors::openapi::responses::<GeneralError>();
/// let doc = serde_json::to_value(&responses).unwrap();
/// assert_eq!(
///     doc["429"]["content"]["application/json"]["examples"]["RATE_LIMIT_EXCEEDED"]["value"]["error_code"],
///     "RATE_LIMIT_EXCEEDED"
/// );
/// assert!(doc["429"]["headers"]["Retry-After"].is_object());
/// ```
#[must_use]
pub fn responses<E: ApiErrorCode + ?Sized>() -> Responses {
    responses_for(E::CATALOG)
}

/// The documented error responses of a catalog: one response per status (ascending), whose
/// `application/json` and `application/problem+json` contents carry one example per code, named
/// by the code (a code listed twice keeps its first entry, as `from_code` does), and whose
/// schemas' `error_code` is the `enum` of those codes. A 401 documents the `WWW-Authenticate`
/// header; a 429 or 503 documents `Retry-After`.
///
/// Several catalogs can be documented together by concatenating them:
///
/// ```
/// use authos_errors::ApiErrorCode;
/// use authos_errors::catalog::{AuthenticationError, MfaError};
///
/// let catalog = [AuthenticationError::CATALOG, MfaError::CATALOG].concat();
/// let doc = serde_json::to_value(authos_errors::openapi::responses_for(&catalog)).unwrap();
/// let examples = &doc["401"]["content"]["application/json"]["examples"];
/// assert!(examples["TOKEN_EXPIRED"].is_object() && examples["MFA_REQUIRED"].is_object());
/// assert!(doc["401"]["headers"]["WWW-Authenticate"].is_object());
/// ```
#[must_use]
pub fn responses_for(catalog: &[ErrorCodeInfo]) -> Responses {
    ResponseDocs::new(&ProblemConfig::default()).responses_for(catalog)
}

/// The documented error responses of `E` ([`responses`]), each code's examples written from
/// the value of `examples` with that code, when there is one: its message and its `details`
/// with real numbers (the catalog description otherwise). The first value of a code wins.
///
/// ```
/// use authos_errors::ApiErrorCode;
///
/// #[derive(Debug, ApiErrorCode)]
/// enum SlugError {
///     /// Slug less than 3 characters
///     #[code("SLUG_TOO_SHORT", status = 400, message = "Slug must be at least {min} characters")]
///     TooShort { #[detail] min: usize },
///     /// Slug is reserved
///     #[code("RESERVED_SLUG", status = 400)]
///     Reserved,
/// }
///
/// let responses = authos_errors::openapi::responses_with_examples(&[SlugError::TooShort { min: 3 }]);
/// let doc = serde_json::to_value(responses).unwrap();
/// let examples = &doc["400"]["content"]["application/json"]["examples"];
/// assert_eq!(examples["SLUG_TOO_SHORT"]["value"]["error"], "Slug must be at least 3 characters");
/// assert_eq!(examples["SLUG_TOO_SHORT"]["value"]["details"], serde_json::json!({"min": 3}));
/// assert_eq!(examples["RESERVED_SLUG"]["value"]["error"], "Slug is reserved");
/// let problem = &doc["400"]["content"]["application/problem+json"]["examples"];
/// assert_eq!(problem["SLUG_TOO_SHORT"]["value"]["details"]["min"], 3);
/// ```
#[must_use]
pub fn responses_with_examples<E: ApiErrorCode>(examples: &[E]) -> Responses {
    ResponseDocs::new(&ProblemConfig::default()).responses_with_examples(examples)
}

/// The documented responses written for a service's [`ProblemConfig`]: the problem examples'
/// `type`s as the service sends them, the `WWW-Authenticate` description naming its
/// invalid-token codes. [`responses`], [`responses_for`], [`responses_with_examples`] and
/// `FieldErrors`' `IntoResponses` are these with the default config.
///
/// ```
/// use authos_errors::catalog::{self, AuthenticationError};
/// use authos_errors::openapi::ResponseDocs;
///
/// let config = catalog::problem_config();
/// let doc = serde_json::to_value(ResponseDocs::new(&config).responses::<AuthenticationError>()).unwrap();
/// let example = &doc["401"]["content"]["application/problem+json"]["examples"]["TOKEN_EXPIRED"]["value"];
/// assert_eq!(example["type"], "https://docs.authos.dev/errors#TOKEN_EXPIRED");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ResponseDocs<'a> {
    config: &'a ProblemConfig,
}

impl<'a> ResponseDocs<'a> {
    /// Documentation written for `config`.
    ///
    /// ```
    /// use authos_errors::openapi::ResponseDocs;
    /// use authos_errors::problem::ProblemConfig;
    /// let config = ProblemConfig::default().with_type_base("https://errors.example.com/");
    /// let docs = ResponseDocs::new(&config);
    /// # let _ = docs;
    /// ```
    #[must_use]
    pub const fn new(config: &'a ProblemConfig) -> Self {
        ResponseDocs { config }
    }

    /// [`responses`], for this config.
    ///
    /// ```
    /// use authos_errors::catalog::{self, MfaError};
    /// use authos_errors::openapi::ResponseDocs;
    /// let config = catalog::problem_config();
    /// assert!(ResponseDocs::new(&config).responses::<MfaError>().responses.contains_key("401"));
    /// ```
    #[must_use]
    pub fn responses<E: ApiErrorCode + ?Sized>(&self) -> Responses {
        self.responses_for(E::CATALOG)
    }

    /// [`responses_for`], for this config.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::{self, MfaError}};
    /// use authos_errors::openapi::ResponseDocs;
    /// let config = catalog::problem_config();
    /// assert!(ResponseDocs::new(&config).responses_for(MfaError::CATALOG).responses.contains_key("400"));
    /// ```
    #[must_use]
    pub fn responses_for(&self, catalog: &[ErrorCodeInfo]) -> Responses {
        documented(catalog, &BTreeMap::new(), self.config)
    }

    /// [`responses_with_examples`], for this config.
    ///
    /// ```
    /// use authos_errors::catalog::{self, MfaError};
    /// use authos_errors::openapi::ResponseDocs;
    /// let config = catalog::problem_config();
    /// let responses = ResponseDocs::new(&config).responses_with_examples(&[MfaError::MfaRequired]);
    /// assert!(responses.responses.contains_key("401"));
    /// ```
    #[must_use]
    pub fn responses_with_examples<E: ApiErrorCode>(&self, examples: &[E]) -> Responses {
        let mut by_code: BTreeMap<&'static str, ExampleValue> = BTreeMap::new();
        for error in examples {
            by_code.entry(error.code()).or_insert_with(|| ExampleValue {
                message: crate::disclosure::body_message(error).into_owned(),
                details: crate::contract::details::details_value(error),
            });
        }
        documented(E::CATALOG, &by_code, self.config)
    }

    /// The one response of a [`FieldErrors`] answered as `summary`
    /// ([`FieldErrors::with_summary`]; [`DEFAULT_SUMMARY`] by default): its status, whose
    /// bodies carry the `errors` array, with a three-field signup failure as the example of
    /// each content type.
    ///
    /// ```
    /// use authos_errors::ApiErrorCode;
    /// use authos_errors::catalog::{self, GeneralError};
    /// use authos_errors::openapi::ResponseDocs;
    /// let config = catalog::problem_config();
    /// let doc = serde_json::to_value(ResponseDocs::new(&config).field_errors(GeneralError::BadRequest.info())).unwrap();
    /// let example = &doc["400"]["content"]["application/problem+json"]["examples"]["FIELD_ERRORS"]["value"];
    /// assert_eq!(example["type"], "https://docs.authos.dev/errors#BAD_REQUEST");
    /// ```
    #[must_use]
    pub fn field_errors(
        &self,
        summary: &'static ErrorCodeInfo,
    ) -> BTreeMap<String, RefOr<utoipa::openapi::response::Response>> {
        field_errors_responses(summary, self.config)
    }
}

/// What a documented example shows of one error value.
struct ExampleValue {
    message: String,
    details: Option<serde_json::Value>,
}

fn documented(
    catalog: &[ErrorCodeInfo],
    values: &BTreeMap<&str, ExampleValue>,
    config: &ProblemConfig,
) -> Responses {
    let mut by_status: BTreeMap<u16, Vec<&ErrorCodeInfo>> = BTreeMap::new();
    for info in catalog {
        let entries = by_status.entry(info.status).or_default();
        if !entries.iter().any(|seen| seen.code == info.code) {
            entries.push(info);
        }
    }
    let at = example_timestamp();
    let mut builder = ResponsesBuilder::new();
    for (status, entries) in by_status {
        builder = builder.response(
            status.to_string(),
            status_response(status, &entries, values, config, at),
        );
    }
    builder.build()
}

fn status_response(
    status: u16,
    entries: &[&ErrorCodeInfo],
    values: &BTreeMap<&str, ExampleValue>,
    config: &ProblemConfig,
    at: DateTime<Utc>,
) -> utoipa::openapi::Response {
    let description = entries
        .iter()
        .map(|info| match info.details {
            [] => format!("`{}`: {}", info.code, info.description),
            names => format!(
                "`{}`: {} (details: {})",
                info.code,
                info.description,
                names
                    .iter()
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let value_of = |info: &ErrorCodeInfo| values.get(info.code);
    let message_of = |info: &ErrorCodeInfo| {
        value_of(info).map_or(Cow::Borrowed(info.description), |value| {
            Cow::Borrowed(value.message.as_str())
        })
    };
    let json_examples = entries.iter().map(|info| {
        let body = ErrorBody {
            error: message_of(info),
            error_code: Cow::Borrowed(info.code),
            timestamp: at,
        };
        let written = with_details(serde_json::to_value(&body), value_of(info));
        (info.code, example(info, written))
    });
    let problem_examples = entries.iter().map(|info| {
        let problem = ProblemDetails::from_parts(info, message_of(info), config, at);
        let written = with_details(serde_json::to_value(&problem), value_of(info));
        (info.code, example(info, written))
    });
    let mut response = ResponseBuilder::new()
        .description(description)
        .content(
            APPLICATION_JSON,
            ContentBuilder::new()
                .schema(Some(with_code_enum(
                    with_detail_members(ErrorBody::schema(), entries),
                    entries,
                )))
                .examples_from_iter(json_examples)
                .build(),
        )
        .content(
            APPLICATION_PROBLEM_JSON,
            ContentBuilder::new()
                .schema(Some(with_code_enum(
                    with_detail_members(ProblemDetails::schema(), entries),
                    entries,
                )))
                .examples_from_iter(problem_examples)
                .build(),
        );
    if status == 401 {
        response = response.header(
            "WWW-Authenticate",
            HeaderBuilder::new()
                .schema(ObjectBuilder::new().schema_type(Type::String))
                .description(Some(challenge_description(config)))
                .build(),
        );
    }
    if status == 429 || status == 503 {
        response = response.header(
            "Retry-After",
            HeaderBuilder::new()
                .schema(
                    ObjectBuilder::new()
                        .schema_type(Type::Integer)
                        .minimum(Some(0)),
                )
                .description(Some(
                    "Seconds to wait before retrying, when the server knows",
                ))
                .build(),
        );
    }
    response.build()
}

/// What the documented `WWW-Authenticate` of a 401 says: the codes whose challenge says
/// `invalid_token` under `config`, if any.
fn challenge_description(config: &ProblemConfig) -> String {
    let mut description = String::from("RFC 6750 Bearer challenge");
    if let Some((last, first)) = config.invalid_token_codes().split_last() {
        description.push_str("; `error=\"invalid_token\"` for ");
        if !first.is_empty() {
            description.push_str(&first.join(", "));
            description.push_str(" and ");
        }
        description.push_str(last);
    }
    description
}

/// `schema` with its `details` member listing the members the codes of `entries` send (each
/// described by the codes that send it); `schema` itself when none has details.
fn with_detail_members(schema: RefOr<Schema>, entries: &[&ErrorCodeInfo]) -> RefOr<Schema> {
    let mut members: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for info in entries {
        for name in info.details {
            members.entry(name).or_default().push(info.code);
        }
    }
    if members.is_empty() {
        return schema;
    }
    let RefOr::T(Schema::Object(object)) = schema else {
        return schema;
    };
    let mut details = details_property();
    for (name, codes) in members {
        let sent_by = codes
            .iter()
            .map(|code| format!("`{code}`"))
            .collect::<Vec<_>>()
            .join(", ");
        details = details.property(
            name,
            ObjectBuilder::new().description(Some(format!("Sent by {sent_by}"))),
        );
    }
    let builder: ObjectBuilder = object.into();
    builder.property("details", details).into()
}

/// `schema` with its `error_code` member an `enum` of the codes of `entries`, sorted as the
/// examples are: what a response
/// of this status can carry, so generated clients get the codes as a type.
fn with_code_enum(schema: RefOr<Schema>, entries: &[&ErrorCodeInfo]) -> RefOr<Schema> {
    let RefOr::T(Schema::Object(object)) = schema else {
        return schema;
    };
    let mut codes: Vec<&str> = entries.iter().map(|info| info.code).collect();
    codes.sort_unstable();
    let builder: ObjectBuilder = object.into();
    builder
        .property(
            "error_code",
            string_property("Machine-readable code").enum_values(Some(codes)),
        )
        .into()
}

/// `written` with the example value's `details` member added, when it has one.
fn with_details(
    written: Result<serde_json::Value, serde_json::Error>,
    value: Option<&ExampleValue>,
) -> Result<serde_json::Value, serde_json::Error> {
    let mut written = written?;
    if let (Some(details), Some(members)) = (
        value.and_then(|value| value.details.as_ref()),
        written.as_object_mut(),
    ) {
        members.insert("details".to_owned(), details.clone());
    }
    Ok(written)
}

fn example(
    info: &ErrorCodeInfo,
    value: Result<serde_json::Value, serde_json::Error>,
) -> utoipa::openapi::example::Example {
    ExampleBuilder::new()
        .summary(info.description)
        .value(value.ok())
        .build()
}

/// `#[utoipa::path(responses(Detailed<MfaError>))]` documents the codes of `MfaError`.
///
/// ```
/// use authos_errors::{Detailed, catalog::MfaError};
/// use utoipa::IntoResponses;
/// assert!(Detailed::<MfaError>::responses().contains_key("401"));
/// ```
impl<E: ApiErrorCode> IntoResponses for Detailed<E> {
    fn responses() -> BTreeMap<String, RefOr<utoipa::openapi::response::Response>> {
        responses::<E>().responses
    }
}

/// The one response of [`FieldErrors`]: a 400 whose bodies carry the `errors` array, with a
/// three-field signup failure as the example of each content type.
///
/// ```
/// use authos_errors::field_errors::FieldErrors;
/// use utoipa::IntoResponses;
/// let doc = serde_json::to_value(FieldErrors::responses()).unwrap();
/// let example = &doc["400"]["content"]["application/json"]["examples"]["FIELD_ERRORS"]["value"];
/// assert_eq!(example["errors"][1]["details"]["min"], 3);
/// assert_eq!(doc["400"]["content"]["application/json"]["schema"]["properties"]["errors"]["type"], "array");
/// ```
impl IntoResponses for FieldErrors {
    fn responses() -> BTreeMap<String, RefOr<utoipa::openapi::response::Response>> {
        field_errors_responses(&DEFAULT_SUMMARY, &ProblemConfig::default())
    }
}

fn field_errors_responses(
    summary: &'static ErrorCodeInfo,
    config: &ProblemConfig,
) -> BTreeMap<String, RefOr<utoipa::openapi::response::Response>> {
    let errors = signup_example(summary);
    let at = example_timestamp();
    let example_summary = "A signup form with three invalid fields";
    let json_example = ExampleBuilder::new()
        .summary(example_summary)
        .value(serde_json::to_value(errors.body_at(at)).ok())
        .build();
    let problem_example = ExampleBuilder::new()
        .summary(example_summary)
        .value(serde_json::to_value(errors.problem_at(config, at)).ok())
        .build();
    let with_errors = |schema: RefOr<Schema>| -> RefOr<Schema> {
        match schema {
            RefOr::T(Schema::Object(object)) => {
                let mut builder: ObjectBuilder = object.into();
                builder = builder
                    .property("errors", errors_property())
                    .required("errors");
                builder.into()
            }
            other => other,
        }
    };
    let response = ResponseBuilder::new()
        .description(format!(
            "`{}`: {}; `errors` has one entry per invalid value (`error_code`, `error`, \
             `pointer`, `details`)",
            summary.code, summary.description
        ))
        .content(
            APPLICATION_JSON,
            ContentBuilder::new()
                .schema(Some(with_errors(ErrorBody::schema())))
                .examples_from_iter([("FIELD_ERRORS", json_example)])
                .build(),
        )
        .content(
            APPLICATION_PROBLEM_JSON,
            ContentBuilder::new()
                .schema(Some(with_errors(ProblemDetails::schema())))
                .examples_from_iter([("FIELD_ERRORS", problem_example)])
                .build(),
        )
        .build();
    BTreeMap::from([(summary.status.to_string(), RefOr::T(response))])
}

/// The entries of the documented example: illustrative codes of a signup form, not those of
/// any catalog.
const EXAMPLE_EMAIL: ErrorCodeInfo =
    ErrorCodeInfo::new("INVALID_EMAIL", 400, "Invalid email format");
const EXAMPLE_SLUG: ErrorCodeInfo =
    ErrorCodeInfo::new("SLUG_TOO_SHORT", 400, "Slug less than 3 characters");
const EXAMPLE_PASSWORD: ErrorCodeInfo =
    ErrorCodeInfo::new("WEAK_PASSWORD", 400, "Password requirements not met");

/// The documented example: a bad email, a slug below its minimum, a password below its.
fn signup_example(summary: &'static ErrorCodeInfo) -> FieldErrors {
    let slug = FieldError::of_entry("/slug", &EXAMPLE_SLUG)
        .with_message("Slug must be at least 3 characters")
        .with_details(Some(serde_json::json!({"min": 3})));
    let password = FieldError::of_entry("/password", &EXAMPLE_PASSWORD)
        .with_message("Password must be at least 8 characters")
        .with_details(Some(serde_json::json!({"min": 8})));
    let mut errors = FieldErrors::new().with_summary(summary);
    errors
        .push_entry(FieldError::of_entry("/email", &EXAMPLE_EMAIL))
        .push_entry(slug)
        .push_entry(password);
    errors
}

/// The framework errors an operation that reads a JSON body can answer before its handler runs
/// ([`FrameworkError`](crate::framework::FrameworkError)): `BAD_REQUEST` (400, malformed JSON or
/// a value of the wrong shape), `PAYLOAD_TOO_LARGE` (413) and `UNSUPPORTED_MEDIA_TYPE` (415).
///
/// ```
/// use authos_errors::ApiErrorCode;
/// let codes: Vec<&str> = authos_errors::openapi::JSON_BODY_ERRORS.iter().map(|e| e.code()).collect();
/// assert_eq!(codes, ["BAD_REQUEST", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"]);
/// ```
#[cfg(feature = "http")]
pub const JSON_BODY_ERRORS: &[crate::framework::FrameworkError] = &[
    crate::framework::FrameworkError::BadRequest,
    crate::framework::FrameworkError::PayloadTooLarge,
    crate::framework::FrameworkError::UnsupportedMediaType,
];

/// The catalog rows of [`JSON_BODY_ERRORS`].
#[cfg(feature = "http")]
fn json_body_catalog() -> Vec<ErrorCodeInfo> {
    JSON_BODY_ERRORS.iter().map(|error| *error.info()).collect()
}

/// The documented responses of [`JSON_BODY_ERRORS`], with an example per code in both content
/// types ([`responses_for`]): what to add to an operation that reads a JSON body.
///
/// ```
/// let doc = serde_json::to_value(authos_errors::openapi::framework_responses()).unwrap();
/// let statuses: Vec<&str> = doc.as_object().unwrap().keys().map(String::as_str).collect();
/// assert_eq!(statuses, ["400", "413", "415"]);
/// assert_eq!(
///     doc["415"]["content"]["application/json"]["examples"]["UNSUPPORTED_MEDIA_TYPE"]["value"]["error_code"],
///     "UNSUPPORTED_MEDIA_TYPE"
/// );
/// ```
#[cfg(feature = "http")]
#[must_use]
pub fn framework_responses() -> Responses {
    responses_for(&json_body_catalog())
}

/// The documented responses of `E` ([`responses`]) and of [`JSON_BODY_ERRORS`] together: a
/// status both answer is one response holding every code's example (a code in both is
/// documented once, as `E`'s).
///
/// ```
/// use authos_errors::catalog::AuthenticationError;
/// let doc = serde_json::to_value(
///     authos_errors::openapi::responses_with_framework_errors::<AuthenticationError>(),
/// ).unwrap();
/// let examples = &doc["400"]["content"]["application/json"]["examples"];
/// assert!(examples["BAD_REQUEST"].is_object());
/// assert!(doc["401"].is_object() && doc["413"].is_object() && doc["415"].is_object());
/// ```
#[cfg(feature = "http")]
#[must_use]
pub fn responses_with_framework_errors<E: ApiErrorCode + ?Sized>() -> Responses {
    responses_for(&[E::CATALOG, &json_body_catalog()].concat())
}

/// `#[utoipa::path(responses(WithJsonBodyErrors<LoginError>))]`: the responses of `E` and the
/// framework errors of a JSON body ([`responses_with_framework_errors`]), for an operation that
/// reads one.
///
/// ```
/// use authos_errors::catalog::MfaError;
/// use authos_errors::openapi::WithJsonBodyErrors;
/// use utoipa::IntoResponses;
///
/// let responses = WithJsonBodyErrors::<MfaError>::responses();
/// assert!(["400", "401", "413", "415"].iter().all(|status| responses.contains_key(*status)));
/// ```
#[cfg(feature = "http")]
pub struct WithJsonBodyErrors<E: ?Sized>(std::marker::PhantomData<fn() -> E>);

#[cfg(feature = "http")]
impl<E: ApiErrorCode + ?Sized> IntoResponses for WithJsonBodyErrors<E> {
    fn responses() -> BTreeMap<String, RefOr<utoipa::openapi::response::Response>> {
        responses_with_framework_errors::<E>().responses
    }
}
