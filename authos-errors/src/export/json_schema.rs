//! The JSON Schema of a catalog's bodies.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::by_code;
use crate::ErrorCodeInfo;
use crate::oauth::OAuthErrorCode;
use crate::scim::{ERROR_SCHEMA, ScimType};

/// The dialect of the schema.
const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// A JSON Schema (draft 2020-12) of the AuthOS error body of a catalog, written by
/// [`Serialize`] (e.g. `serde_json::to_string_pretty`).
///
/// The root validates the AuthOS body (`application/json`): `error`, `error_code` (the `enum`
/// of the catalog's codes, `$defs/ErrorCode`), `timestamp`, and the optional `request_id`,
/// `details` and `errors` (field errors, `$defs/FieldError`); no other member. `$defs` also
/// describes the other formats' bodies, to validate with a `$ref` to them:
/// `ProblemDetails` (RFC 9457 with the AuthOS extension members), `OAuthErrorBody`
/// (RFC 6749 §5.2) and `ScimErrorBody` (RFC 7644 §3.12, its `error_code` and `timestamp`
/// extension members optional).
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::MfaError, export::JsonSchema};
///
/// let schema = serde_json::to_value(JsonSchema::new(MfaError::CATALOG)).unwrap();
/// assert_eq!(schema["properties"]["error_code"]["$ref"], "#/$defs/ErrorCode");
/// assert_eq!(schema["$defs"]["ErrorCode"]["enum"][0], "INVALID_MFA_CODE");
/// assert_eq!(schema["required"], serde_json::json!(["error", "error_code", "timestamp"]));
/// assert_eq!(schema["additionalProperties"], false);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct JsonSchema<'a> {
    catalog: &'a [ErrorCodeInfo],
}

impl<'a> JsonSchema<'a> {
    /// The schema of `catalog`'s bodies.
    ///
    /// ```
    /// use authos_errors::{ErrorCodeInfo, export::JsonSchema};
    /// const MINE: &[ErrorCodeInfo] = &[ErrorCodeInfo::new("GONE", 410, "Gone")];
    /// let schema = serde_json::to_value(JsonSchema::new(MINE)).unwrap();
    /// assert_eq!(schema["$defs"]["ErrorCode"]["enum"], serde_json::json!(["GONE"]));
    /// ```
    pub const fn new(catalog: &'a [ErrorCodeInfo]) -> Self {
        JsonSchema { catalog }
    }

    fn document(&self) -> Node<'a> {
        let codes: Vec<Node<'a>> = by_code(self.catalog).into_keys().map(Node::Str).collect();
        let mut root = vec![
            ("$schema", Node::Str(DRAFT_2020_12)),
            ("title", Node::Str("ErrorBody")),
        ];
        root.extend(error_body());
        root.push((
            "$defs",
            Node::Object(vec![
                (
                    "ErrorCode",
                    Node::Object(vec![
                        (
                            "description",
                            Node::Str("A machine-readable code of the catalog"),
                        ),
                        ("type", Node::Str("string")),
                        ("enum", Node::Array(codes)),
                    ]),
                ),
                ("Timestamp", timestamp()),
                (
                    "Details",
                    Node::Object(vec![
                        (
                            "description",
                            Node::Str("Machine-readable values behind the message"),
                        ),
                        ("type", Node::Str("object")),
                    ]),
                ),
                ("FieldError", field_error()),
                ("ProblemDetails", problem_details()),
                ("OAuthErrorBody", oauth_error_body()),
                ("ScimErrorBody", scim_error_body()),
            ]),
        ));
        Node::Object(root)
    }
}

impl Serialize for JsonSchema<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.document().serialize(serializer)
    }
}

/// The members of the AuthOS body's schema (the root of the document).
fn error_body() -> Vec<(&'static str, Node<'static>)> {
    closed_object(
        "An AuthOS error response body (`application/json`)",
        vec![
            ("error", text("Human-readable message")),
            ("error_code", reference("ErrorCode")),
            ("timestamp", reference("Timestamp")),
            (
                "request_id",
                text("The request's `x-request-id`, when it carried one and the server opted in"),
            ),
            ("details", reference("Details")),
            ("errors", field_errors()),
        ],
        &["error", "error_code", "timestamp"],
    )
}

fn field_errors() -> Node<'static> {
    Node::Object(vec![
        (
            "description",
            Node::Str("One entry per invalid value, in the order they were found"),
        ),
        ("type", Node::Str("array")),
        ("items", reference("FieldError")),
    ])
}

fn field_error() -> Node<'static> {
    Node::Object(closed_object(
        "One invalid value of the request",
        vec![
            ("error_code", reference("ErrorCode")),
            ("error", text("Human-readable message")),
            (
                "pointer",
                text(
                    "RFC 6901 JSON pointer of the value in the request (`\"\"` for the whole document)",
                ),
            ),
            ("details", reference("Details")),
        ],
        &["error_code", "error", "pointer"],
    ))
}

fn problem_details() -> Node<'static> {
    Node::Object(closed_object(
        "An RFC 9457 problem document (`application/problem+json`) with the AuthOS extension members",
        vec![
            (
                "type",
                Node::Object(vec![
                    (
                        "description",
                        Node::Str("Documentation URI of the code, or `about:blank`"),
                    ),
                    ("type", Node::Str("string")),
                    ("format", Node::Str("uri-reference")),
                ]),
            ),
            ("title", text("The catalog description of the code")),
            (
                "status",
                Node::Object(vec![
                    ("description", Node::Str("The HTTP status")),
                    ("type", Node::Str("integer")),
                    ("minimum", Node::Int(400)),
                    ("maximum", Node::Int(599)),
                ]),
            ),
            ("detail", text("Human-readable message")),
            (
                "instance",
                text_matching(
                    "`urn:request:<id>`: the request's `x-request-id`, when it carried one",
                    "^urn:request:",
                ),
            ),
            ("error_code", reference("ErrorCode")),
            (
                "resolution",
                text("What the caller can do about it, when the catalog says"),
            ),
            ("timestamp", reference("Timestamp")),
            ("details", reference("Details")),
            ("errors", field_errors()),
        ],
        &[
            "type",
            "title",
            "status",
            "detail",
            "error_code",
            "timestamp",
        ],
    ))
}

fn oauth_error_body() -> Node<'static> {
    Node::Object(closed_object(
        "An OAuth 2.0 error response (RFC 6749 §5.2) of a token or device authorization endpoint",
        vec![
            (
                "error",
                one_of(OAuthErrorCode::ALL.iter().map(|code| code.as_str())),
            ),
            (
                "error_description",
                text_matching(
                    "Human-readable text, in the characters RFC 6749 allows",
                    "^[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]+$",
                ),
            ),
            ("error_code", reference("ErrorCode")),
            ("timestamp", reference("Timestamp")),
        ],
        &["error", "error_code", "timestamp"],
    ))
}

fn scim_error_body() -> Node<'static> {
    Node::Object(closed_object(
        "A SCIM 2.0 error response (RFC 7644 §3.12, `application/scim+json`)",
        vec![
            (
                "schemas",
                Node::Object(vec![
                    ("type", Node::Str("array")),
                    (
                        "prefixItems",
                        Node::Array(vec![Node::Object(vec![("const", Node::Str(ERROR_SCHEMA))])]),
                    ),
                    ("minItems", Node::Int(1)),
                    ("items", Node::Bool(false)),
                ]),
            ),
            (
                "status",
                text_matching("The HTTP status, as a string", "^[45][0-9]{2}$"),
            ),
            (
                "scimType",
                one_of(ScimType::ALL.iter().map(|kind| kind.as_str())),
            ),
            ("detail", text("Human-readable message")),
            ("error_code", reference("ErrorCode")),
            ("timestamp", reference("Timestamp")),
        ],
        &["schemas", "status", "detail"],
    ))
}

fn timestamp() -> Node<'static> {
    Node::Object(vec![
        (
            "description",
            Node::Str("When the error happened: UTC, whole seconds, `Z` suffix"),
        ),
        ("type", Node::Str("string")),
        ("format", Node::Str("date-time")),
        (
            "pattern",
            Node::Str("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"),
        ),
    ])
}

/// The members of an object schema with these properties, these required, no other.
fn closed_object(
    description: &'static str,
    properties: Vec<(&'static str, Node<'static>)>,
    required: &[&'static str],
) -> Vec<(&'static str, Node<'static>)> {
    vec![
        ("description", Node::Str(description)),
        ("type", Node::Str("object")),
        ("properties", Node::Object(properties)),
        (
            "required",
            Node::Array(required.iter().map(|&name| Node::Str(name)).collect()),
        ),
        ("additionalProperties", Node::Bool(false)),
    ]
}

/// A string schema with a `pattern`.
fn text_matching(description: &'static str, pattern: &'static str) -> Node<'static> {
    Node::Object(vec![
        ("description", Node::Str(description)),
        ("type", Node::Str("string")),
        ("pattern", Node::Str(pattern)),
    ])
}

/// A string schema of these values only.
fn one_of<'a>(values: impl Iterator<Item = &'a str>) -> Node<'a> {
    Node::Object(vec![
        ("type", Node::Str("string")),
        ("enum", Node::Array(values.map(Node::Str).collect())),
    ])
}

fn text(description: &'static str) -> Node<'static> {
    Node::Object(vec![
        ("description", Node::Str(description)),
        ("type", Node::Str("string")),
    ])
}

fn reference(name: &'static str) -> Node<'static> {
    Node::Object(vec![("$ref", Node::Ref(name))])
}

/// A JSON value of the schema, written through serde alone (the default build has no JSON
/// crate).
enum Node<'a> {
    Str(&'a str),
    /// `#/$defs/<name>`.
    Ref(&'static str),
    Int(i64),
    Bool(bool),
    Array(Vec<Node<'a>>),
    Object(Vec<(&'static str, Node<'a>)>),
}

impl Serialize for Node<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Str(text) => serializer.serialize_str(text),
            Node::Ref(name) => serializer.collect_str(&format_args!("#/$defs/{name}")),
            Node::Int(number) => serializer.serialize_i64(*number),
            Node::Bool(value) => serializer.serialize_bool(*value),
            Node::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (name, value) in members {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }
    }
}
