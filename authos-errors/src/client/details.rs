//! The structured members a server adds to an error body: `details`, the `errors` array of a
//! many-field failure and the request id (`request_id`, or problem+json's `instance`).
//!
//! These are AuthOS extension members with names other APIs use in other shapes (an
//! ASP.NET problem's `errors` is an object, many APIs send a numeric `request_id`), so a value
//! not of the AuthOS shape is read as absent, never refused: a response that parsed before
//! these members were read still parses. A member given twice is refused, as for every member
//! the client reads.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::Catalog;
use crate::ErrorCodeInfo;

/// The prefix of an `instance` that names a request (`urn:request:<id>`).
const REQUEST_URN: &str = "urn:request:";

/// One entry of a many-field failure's `errors` array:
/// `{"error_code", "error", "pointer", "details"}`, in the order the server sent them.
///
/// `E` is the catalog the entry's code is looked up in, as for [`ErrorResponse`](super::ErrorResponse);
/// an unknown code still parses.
///
/// ```
/// use authos_errors::catalog::{AuthOsError, ValidationError};
/// let response = authos_errors::catalog::client::parse(concat!(
///     r#"{"error":"Invalid request parameters or malformed JSON","error_code":"BAD_REQUEST","#,
///     r#""timestamp":"2025-01-15T10:30:00Z","errors":[{"error_code":"SLUG_TOO_SHORT","#,
///     r#""error":"Slug must be at least 3 characters","pointer":"/slug","details":{"min":3}}]}"#,
/// ))?;
/// let entry = &response.field_errors()[0];
/// assert_eq!((entry.pointer(), entry.code()), ("/slug", "SLUG_TOO_SHORT"));
/// assert_eq!(entry.message(), "Slug must be at least 3 characters");
/// assert_eq!(entry.error(), Some(&AuthOsError::Validation(ValidationError::SlugTooShort)));
/// assert_eq!(entry.details(), Some(&serde_json::json!({"min": 3})));
/// assert_eq!(entry.info().map(|info| info.status), Some(400));
/// # Ok::<(), authos_errors::client::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldErrorEntry<E> {
    code: String,
    message: String,
    pointer: String,
    details: Option<Value>,
    error: Option<E>,
    info: Option<&'static ErrorCodeInfo>,
}

impl<E> FieldErrorEntry<E> {
    /// The entry's `error_code` as sent, known or not.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"x","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z","errors":[{"error_code":"NEWER_RULE","error":"y","pointer":"/a"}]}"#,
    /// )?;
    /// assert_eq!(response.field_errors()[0].code(), "NEWER_RULE");
    /// assert_eq!(response.field_errors()[0].error(), None);
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The entry's human-readable `error` text as sent.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"x","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z","errors":[{"error_code":"INVALID_EMAIL","error":"Invalid email format","pointer":"/email"}]}"#,
    /// )?;
    /// assert_eq!(response.field_errors()[0].message(), "Invalid email format");
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The RFC 6901 JSON Pointer to the invalid part of the request (`/email`, `/items/0/sku`).
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"x","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z","errors":[{"error_code":"INVALID_EMAIL","error":"y","pointer":"/contacts/0/email"}]}"#,
    /// )?;
    /// assert_eq!(response.field_errors()[0].pointer(), "/contacts/0/email");
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The entry's `details` object, `None` when it has none.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"x","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z","errors":[{"error_code":"WEAK_PASSWORD","error":"y","pointer":"/password","details":{"min":8}}]}"#,
    /// )?;
    /// assert_eq!(response.field_errors()[0].details().and_then(|d| d["min"].as_u64()), Some(8));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn details(&self) -> Option<&Value> {
        self.details.as_ref()
    }

    /// The typed error when the entry's code is in the catalog, `None` for a code this client
    /// does not know.
    ///
    /// ```
    /// use authos_errors::catalog::{AuthOsError, GeneralError};
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"x","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z","errors":[{"error_code":"CONFLICT","error":"y","pointer":"/slug"}]}"#,
    /// )?;
    /// assert_eq!(response.field_errors()[0].error(), Some(&AuthOsError::General(GeneralError::Conflict)));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn error(&self) -> Option<&E> {
        self.error.as_ref()
    }
}

impl<E> FieldErrorEntry<E> {
    /// The catalog entry of a known code: status, description, resolution, group.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"x","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z","errors":[{"error_code":"WEAK_PASSWORD","error":"y","pointer":"/password"}]}"#,
    /// )?;
    /// let info = response.field_errors()[0].info().unwrap();
    /// assert_eq!(info.resolution, Some("Use stronger password (min 8 chars)"));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn info(&self) -> Option<&'static ErrorCodeInfo> {
        self.info
    }
}

/// An `errors` entry as read, before its code is looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawEntry {
    code: String,
    message: String,
    pointer: String,
    details: Option<Value>,
}

impl RawEntry {
    /// An entry as a gRPC `FieldViolation` carries it (no details there).
    #[cfg(feature = "tonic")]
    pub(crate) fn new(code: String, message: String, pointer: String) -> Self {
        RawEntry {
            code,
            message,
            pointer,
            details: None,
        }
    }

    pub(crate) fn typed<E: Catalog>(self) -> FieldErrorEntry<E> {
        let (info, error) = E::lookup(&self.code);
        FieldErrorEntry {
            error,
            info,
            code: self.code,
            message: self.message,
            pointer: self.pointer,
            details: self.details,
        }
    }
}

/// The structured members of one body, as read.
#[derive(Debug, Default)]
pub(crate) struct Extensions {
    pub(crate) details: Option<Value>,
    pub(crate) errors: Vec<RawEntry>,
    pub(crate) request_id: Option<String>,
    seen: [bool; 3],
}

/// Which structured member a key names.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Extension {
    Details = 0,
    Errors = 1,
    RequestId = 2,
}

impl Extension {
    pub(crate) fn of(key: &str) -> Option<Extension> {
        match key {
            "details" => Some(Extension::Details),
            "errors" => Some(Extension::Errors),
            "request_id" => Some(Extension::RequestId),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Extension::Details => "details",
            Extension::Errors => "errors",
            Extension::RequestId => "request_id",
        }
    }
}

impl Extensions {
    /// Reads the value of member `which`: a value not of the AuthOS shape is absent.
    pub(crate) fn read<'de, A: MapAccess<'de>>(
        &mut self,
        which: Extension,
        map: &mut A,
    ) -> Result<(), A::Error> {
        if std::mem::replace(&mut self.seen[which as usize], true) {
            return Err(de::Error::custom(format_args!(
                "`{}` is given twice",
                which.name()
            )));
        }
        // serde_json's recursion limit bounds the depth of what is read here.
        let value: Value = map.next_value()?;
        match which {
            Extension::Details => self.details = value.is_object().then_some(value),
            Extension::Errors => self.errors = entries(value),
            Extension::RequestId => {
                if let Value::String(id) = value
                    && crate::request_id::is_usable(&id)
                {
                    self.request_id = Some(id);
                }
            }
        }
        Ok(())
    }
}

/// The entries of an `errors` array that have the AuthOS shape (string `error_code`, `error`
/// and `pointer`): an entry without it is skipped, alone, so one malformed entry never costs
/// the others. A `details` that is not an object reads as absent, as the body's own does.
/// Anything but an array has no entries.
fn entries(value: Value) -> Vec<RawEntry> {
    let Value::Array(items) = value else {
        return Vec::new();
    };
    items
        .into_iter()
        .filter_map(|item| match item {
            Value::Object(mut entry) => Some(RawEntry {
                code: string(&mut entry, "error_code")?,
                message: string(&mut entry, "error")?,
                pointer: string(&mut entry, "pointer")?,
                details: entry.remove("details").filter(Value::is_object),
            }),
            _ => None,
        })
        .collect()
}

fn string(entry: &mut Map<String, Value>, name: &str) -> Option<String> {
    match entry.remove(name) {
        Some(Value::String(text)) => Some(text),
        _ => None,
    }
}

/// The request id an RFC 9457 `instance` names: `urn:request:<id>` with its percent-encoding
/// undone; `None` for any other instance, a malformed escape, or an id the server would not
/// have sent once decoded (empty, longer than `request_id::MAX_LEN`, anything but visible
/// ASCII: a control character, a space, non-ASCII).
pub(crate) fn request_id_of_instance(instance: &str) -> Option<String> {
    let encoded = instance
        .get(..REQUEST_URN.len())
        .filter(|prefix| prefix.eq_ignore_ascii_case(REQUEST_URN))
        .map(|_| &instance[REQUEST_URN.len()..])?;
    let mut bytes = Vec::with_capacity(encoded.len());
    let mut rest = encoded.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let hex = tail
                .get(..2)
                .filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))?;
            let hex = std::str::from_utf8(hex).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    let id = String::from_utf8(bytes).ok()?;
    crate::request_id::is_usable(&id).then_some(id)
}

/// The structured members of an AuthOS body read on their own, every other member skipped:
/// [`parse`](super::parse) reads the three keys with [`ErrorBody`](crate::ErrorBody)'s rules
/// first.
pub(crate) struct ExtensionsOnly(pub(crate) Extensions);

impl<'de> Deserialize<'de> for ExtensionsOnly {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Key(Option<Extension>);
        impl<'de> Deserialize<'de> for Key {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct KeyVisitor;
                impl Visitor<'_> for KeyVisitor {
                    type Value = Key;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a member name")
                    }
                    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                        Ok(Key(Extension::of(key)))
                    }
                }
                deserializer.deserialize_identifier(KeyVisitor)
            }
        }
        struct ExtensionsVisitor;
        impl<'de> Visitor<'de> for ExtensionsVisitor {
            type Value = ExtensionsOnly;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ExtensionsOnly, A::Error> {
                let mut extensions = Extensions::default();
                while let Some(Key(key)) = map.next_key()? {
                    match key {
                        Some(which) => extensions.read(which, &mut map)?,
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(ExtensionsOnly(extensions))
            }
        }
        deserializer.deserialize_map(ExtensionsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::request_id_of_instance;

    #[test]
    fn instances_that_name_a_request() {
        assert_eq!(
            request_id_of_instance("urn:request:a%23b").as_deref(),
            Some("a#b")
        );
        assert_eq!(
            request_id_of_instance("URN:Request:r-1").as_deref(),
            Some("r-1")
        );
        assert_eq!(request_id_of_instance("urn:request:"), None);
        assert_eq!(request_id_of_instance("urn:request:a%2"), None);
        assert_eq!(request_id_of_instance("urn:request:%ZZ"), None);
        assert_eq!(request_id_of_instance("urn:request:%FF"), None);
        assert_eq!(request_id_of_instance("urn:request:%+F"), None);
        assert_eq!(request_id_of_instance("/orders/42"), None);
        assert_eq!(request_id_of_instance("urn:re"), None);
    }

    #[test]
    fn decoded_ids_are_checked_as_the_server_checks_them() {
        let longest = "r".repeat(crate::request_id::MAX_LEN);
        assert_eq!(
            request_id_of_instance(&format!("urn:request:{longest}")),
            Some(longest.clone())
        );
        for hostile in [
            "urn:request:a%0D%0AInjected: yes".to_owned(),
            "urn:request:a%0Ab".to_owned(),
            "urn:request:%1B%5B31mred".to_owned(),
            "urn:request:a%20b".to_owned(),
            "urn:request:a%7Fb".to_owned(),
            "urn:request:%C3%A9".to_owned(),
            format!("urn:request:{longest}r"),
        ] {
            assert_eq!(request_id_of_instance(&hostile), None, "{hostile}");
        }
    }

    #[test]
    fn one_malformed_entry_is_skipped_alone() {
        let entries = super::entries(serde_json::json!([
            {"error_code": "INVALID_EMAIL", "error": "Invalid email format", "pointer": "/email"},
            {"error_code": 42, "error": "not a code", "pointer": "/a"},
            {"error": "no code", "pointer": "/b"},
            "not an object",
            null,
            {"error_code": "WEAK_PASSWORD", "error": "Too short", "pointer": "/password", "details": "min 8"},
            {"error_code": "SLUG_TOO_SHORT", "error": "Too short", "pointer": "/slug", "details": {"min": 3}},
        ]));
        let read: Vec<_> = entries
            .iter()
            .map(|entry| (entry.pointer.as_str(), entry.details.clone()))
            .collect();
        assert_eq!(
            read,
            [
                ("/email", None),
                ("/password", None),
                ("/slug", Some(serde_json::json!({"min": 3}))),
            ]
        );
        assert!(super::entries(serde_json::json!({"email": ["is invalid"]})).is_empty());
    }
}
