//! Reading the members of every error body AuthOS writes (AuthOS JSON, RFC 9457 problem+json,
//! RFC 6749 OAuth, RFC 7644 SCIM) in one pass, then telling which format the body is.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, Datelike, Utc};
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::details::{Extension, Extensions};
use crate::contract::body::Text;
use crate::scim::ERROR_SCHEMA;

/// Every member any of the four formats defines; unknown members are skipped.
#[derive(Default)]
pub(crate) struct Members<'a> {
    pub(crate) error: Option<Cow<'a, str>>,
    pub(crate) error_code: Option<Cow<'a, str>>,
    pub(crate) timestamp: Option<DateTime<Utc>>,
    pub(crate) error_description: Option<Cow<'a, str>>,
    pub(crate) error_uri: Option<Cow<'a, str>>,
    pub(crate) type_uri: Option<Cow<'a, str>>,
    pub(crate) title: Option<Cow<'a, str>>,
    pub(crate) detail: Option<Cow<'a, str>>,
    pub(crate) status: Option<u16>,
    pub(crate) resolution: Option<Cow<'a, str>>,
    pub(crate) scim_error_schema: bool,
    pub(crate) scim_type: Option<Cow<'a, str>>,
    pub(crate) instance: Option<Cow<'a, str>>,
    pub(crate) extensions: Extensions,
}

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MembersVisitor)
    }
}

struct MembersVisitor;

enum Key {
    Error,
    ErrorCode,
    Timestamp,
    ErrorDescription,
    ErrorUri,
    Type,
    Title,
    Detail,
    Status,
    Resolution,
    Schemas,
    ScimType,
    Instance,
    Extension(Extension),
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "error" => Key::Error,
                    "error_code" => Key::ErrorCode,
                    "timestamp" => Key::Timestamp,
                    "error_description" => Key::ErrorDescription,
                    "error_uri" => Key::ErrorUri,
                    "type" => Key::Type,
                    "title" => Key::Title,
                    "detail" => Key::Detail,
                    "status" => Key::Status,
                    "resolution" => Key::Resolution,
                    "schemas" => Key::Schemas,
                    "scimType" => Key::ScimType,
                    "instance" => Key::Instance,
                    _ => Extension::of(key).map_or(Key::Other, Key::Extension),
                })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// An HTTP status member: a number (RFC 9457) or a string of digits (RFC 7644 writes
/// `"status": "409"`), within 100..=599.
struct Status(u16);

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StatusVisitor;
        impl StatusVisitor {
            fn checked<E: de::Error>(value: u64) -> Result<Status, E> {
                match u16::try_from(value) {
                    Ok(status) if (100..=599).contains(&status) => Ok(Status(status)),
                    _ => Err(E::custom(format_args!(
                        "`status` {value} is not an HTTP status (100..=599)"
                    ))),
                }
            }
        }
        impl Visitor<'_> for StatusVisitor {
            type Value = Status;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an HTTP status, as a number or a string of digits")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Status, E> {
                Self::checked(v)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Status, E> {
                Self::checked(u64::try_from(v).unwrap_or(u64::MAX))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Status, E> {
                if v.is_empty() || v.len() > 3 || !v.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(E::custom(format_args!(
                        "`status` {v:?} is not an HTTP status"
                    )));
                }
                Self::checked(v.parse().unwrap_or(u64::MAX))
            }
        }
        deserializer.deserialize_any(StatusVisitor)
    }
}

/// The `schemas` array of a SCIM message: whether it names the error schema.
struct Schemas(bool);

impl<'de> Deserialize<'de> for Schemas {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SchemasVisitor;
        impl<'de> Visitor<'de> for SchemasVisitor {
            type Value = Schemas;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of schema URIs")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Schemas, A::Error> {
                let mut error_schema = false;
                while let Some(uri) = seq.next_element::<Text<'de>>()? {
                    error_schema |= uri.0 == ERROR_SCHEMA;
                }
                Ok(Schemas(error_schema))
            }
        }
        deserializer.deserialize_seq(SchemasVisitor)
    }
}

fn set_once<T, E: de::Error>(slot: &mut Option<T>, name: &str, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::custom(format_args!("`{name}` is given twice")));
    }
    *slot = Some(value);
    Ok(())
}

/// An optional string member: `null` counts as absent.
fn text<'de, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<Cow<'de, str>>,
    name: &str,
) -> Result<(), A::Error> {
    if let Some(Text(value)) = map.next_value::<Option<Text<'de>>>()? {
        set_once(slot, name, value)?;
    }
    Ok(())
}

/// Reads an RFC 3339 timestamp whose UTC year has four digits (so it can be written back).
pub(crate) fn rfc3339<E: de::Error>(text: &str) -> Result<DateTime<Utc>, E> {
    let parsed = DateTime::parse_from_rfc3339(text).map_err(|e| {
        E::custom(format_args!(
            "`timestamp` is not an RFC 3339 date-time ({e}): {text:?}"
        ))
    })?;
    let utc = parsed.with_timezone(&Utc);
    if !(0..=9999).contains(&utc.year()) {
        return Err(E::custom(format_args!(
            "`timestamp` is outside the years 0000..=9999 once converted to UTC: {text:?}"
        )));
    }
    Ok(utc)
}

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = Members<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error object (AuthOS, RFC 9457 problem, OAuth or SCIM)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = Members::default();
        let mut schemas_seen = false;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Error => text(&mut map, &mut members.error, "error")?,
                Key::ErrorCode => text(&mut map, &mut members.error_code, "error_code")?,
                Key::ErrorDescription => text(
                    &mut map,
                    &mut members.error_description,
                    "error_description",
                )?,
                Key::ErrorUri => text(&mut map, &mut members.error_uri, "error_uri")?,
                Key::Type => text(&mut map, &mut members.type_uri, "type")?,
                Key::Title => text(&mut map, &mut members.title, "title")?,
                Key::Detail => text(&mut map, &mut members.detail, "detail")?,
                Key::Resolution => text(&mut map, &mut members.resolution, "resolution")?,
                Key::ScimType => text(&mut map, &mut members.scim_type, "scimType")?,
                Key::Instance => text(&mut map, &mut members.instance, "instance")?,
                Key::Extension(which) => members.extensions.read(which, &mut map)?,
                Key::Timestamp => {
                    if let Some(Text(value)) = map.next_value::<Option<Text<'de>>>()? {
                        set_once(&mut members.timestamp, "timestamp", rfc3339(&value)?)?;
                    }
                }
                Key::Status => {
                    if let Some(Status(status)) = map.next_value::<Option<Status>>()? {
                        set_once(&mut members.status, "status", status)?;
                    }
                }
                Key::Schemas => {
                    if std::mem::replace(&mut schemas_seen, true) {
                        return Err(de::Error::custom("`schemas` is given twice"));
                    }
                    members.scim_error_schema = map.next_value::<Schemas>()?.0;
                }
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(members)
    }
}
