//! The JSON body every error is answered with.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, Datelike, SecondsFormat, Timelike, Utc};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{self, SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

/// The wire format of an AuthOS error:
/// `{"error": "...", "error_code": "...", "timestamp": "2025-01-15T10:30:00Z"}`.
///
/// Serialising writes exactly these keys in this order, the timestamp in UTC with whole
/// seconds and a `Z` suffix. Parsing accepts any RFC 3339 timestamp, ignores unknown keys
/// and accepts codes it does not know, so a newer server never breaks an older client.
///
/// ```
/// use authos_errors::ErrorBody;
/// use chrono::{TimeZone, Utc};
///
/// let body = ErrorBody {
///     error: "JWT has expired".into(),
///     error_code: "TOKEN_EXPIRED".into(),
///     timestamp: Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap(),
/// };
/// let json = serde_json::to_string(&body).unwrap();
/// assert_eq!(
///     json,
///     r#"{"error":"JWT has expired","error_code":"TOKEN_EXPIRED","timestamp":"2025-01-15T10:30:00Z"}"#
/// );
///
/// let parsed: ErrorBody = serde_json::from_str(
///     r#"{"error_code":"NEW_CODE","error":"x","timestamp":"2025-01-15T11:30:00.5+01:00","extra":1}"#,
/// ).unwrap();
/// assert_eq!(parsed.error_code, "NEW_CODE");
/// assert_eq!(parsed.timestamp, Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap()
///     + chrono::Duration::milliseconds(500));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorBody<'a> {
    /// The human-readable message.
    pub error: Cow<'a, str>,
    /// The machine-readable code.
    pub error_code: Cow<'a, str>,
    /// When the error happened.
    pub timestamp: DateTime<Utc>,
}

impl ErrorBody<'_> {
    /// A body that owns its strings, detached from the error or buffer it was made from.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, ErrorBody, catalog::MfaError};
    /// let body: ErrorBody<'static> = MfaError::MfaRequired.to_body().into_owned();
    /// assert_eq!(body.error_code, "MFA_REQUIRED");
    /// ```
    #[must_use]
    pub fn into_owned(self) -> ErrorBody<'static> {
        ErrorBody {
            error: Cow::Owned(self.error.into_owned()),
            error_code: Cow::Owned(self.error_code.into_owned()),
            timestamp: self.timestamp,
        }
    }

    /// The timestamp as the wire writes it: `2025-01-15T10:30:00Z`.
    ///
    /// ```
    /// use authos_errors::ErrorBody;
    /// use chrono::{TimeZone, Utc};
    /// let body = ErrorBody {
    ///     error: "x".into(),
    ///     error_code: "X".into(),
    ///     timestamp: Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap(),
    /// };
    /// assert_eq!(body.timestamp_rfc3339().to_string(), "2025-01-15T10:30:00Z");
    /// ```
    #[must_use]
    pub fn timestamp_rfc3339(&self) -> impl fmt::Display + use<> {
        WireTimestamp(self.timestamp)
    }
}

/// Formats a UTC instant as `YYYY-MM-DDTHH:MM:SSZ` without allocating.
#[derive(Clone, Copy)]
pub(crate) struct WireTimestamp(pub(crate) DateTime<Utc>);

impl WireTimestamp {
    /// The 20 ASCII bytes of `YYYY-MM-DDTHH:MM:SSZ`, or `None` outside RFC 3339's four-digit
    /// years. Written digit by digit: `core::fmt` with padding costs more than the rest of a
    /// body's serialisation.
    fn ascii(self) -> Option<[u8; 20]> {
        // Once: each accessor of `DateTime<Utc>` would redo the conversion to local time.
        let t = self.0.naive_utc();
        let year = u32::try_from(t.year()).ok().filter(|year| *year <= 9999)?;
        let mut out = *b"0000-00-00T00:00:00Z";
        put_digits(&mut out[0..4], year);
        put_digits(&mut out[5..7], t.month());
        put_digits(&mut out[8..10], t.day());
        put_digits(&mut out[11..13], t.hour());
        put_digits(&mut out[14..16], t.minute());
        put_digits(&mut out[17..19], t.second());
        Some(out)
    }
}

/// Writes `value` in decimal into `slot`, right-aligned and zero-padded.
fn put_digits(slot: &mut [u8], mut value: u32) {
    for byte in slot.iter_mut().rev() {
        *byte = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

impl fmt::Display for WireTimestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ascii() {
            Some(bytes) => f.write_str(std::str::from_utf8(&bytes).map_err(|_| fmt::Error)?),
            // Outside RFC 3339's four-digit years chrono's extended form is the least surprising.
            None => f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::Secs, true)),
        }
    }
}

impl Serialize for WireTimestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.ascii() {
            // A plain string: serde_json writes it without running its escaper over fmt pieces.
            Some(bytes) => serializer.serialize_str(
                std::str::from_utf8(&bytes)
                    .map_err(|_| ser::Error::custom("non-ASCII timestamp"))?,
            ),
            None => serializer.collect_str(self),
        }
    }
}

impl Serialize for ErrorBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        AuthOsBody::of(self).serialize(serializer)
    }
}

/// The one writer of the AuthOS body: its three keys, then `request_id`, `details` and
/// `errors`, each only when present. Every AuthOS body is written by it: [`ErrorBody`], a
/// derived enum's `Serialize` (with its `details`), HTTP responses (with the request id and
/// what they captured), field errors (with `errors`). `D` and `F` are the types of the
/// `details` and `errors` values ([`Absent`] when a body never has them).
pub(crate) struct AuthOsBody<'a, D = Absent, F = Absent> {
    error: &'a str,
    error_code: &'a str,
    timestamp: DateTime<Utc>,
    request_id: Option<&'a str>,
    details: Option<D>,
    errors: Option<F>,
}

impl<'a> AuthOsBody<'a> {
    /// The three keys of `body`, nothing after them yet.
    pub(crate) fn of(body: &'a ErrorBody<'_>) -> Self {
        AuthOsBody::new(&body.error, &body.error_code, body.timestamp)
    }

    /// The three keys, nothing after them yet.
    pub(crate) fn new(error: &'a str, error_code: &'a str, timestamp: DateTime<Utc>) -> Self {
        AuthOsBody {
            error,
            error_code,
            timestamp,
            request_id: None,
            details: None,
            errors: None,
        }
    }
}

impl<'a, D: Serialize, F: Serialize> AuthOsBody<'a, D, F> {
    /// This body with `request_id` after `timestamp`, when there is one.
    #[cfg_attr(not(feature = "field-errors"), allow(dead_code))]
    pub(crate) fn with_request_id(mut self, request_id: Option<&'a str>) -> Self {
        self.request_id = request_id;
        self
    }

    /// This body with `details`, when there are any.
    pub(crate) fn with_details<T: Serialize>(self, details: Option<T>) -> AuthOsBody<'a, T, F> {
        AuthOsBody {
            error: self.error,
            error_code: self.error_code,
            timestamp: self.timestamp,
            request_id: self.request_id,
            details,
            errors: self.errors,
        }
    }

    /// This body with `errors` (a field-errors array), when there are any.
    #[cfg_attr(not(feature = "field-errors"), allow(dead_code))]
    pub(crate) fn with_errors<T: Serialize>(self, errors: Option<T>) -> AuthOsBody<'a, D, T> {
        AuthOsBody {
            error: self.error,
            error_code: self.error_code,
            timestamp: self.timestamp,
            request_id: self.request_id,
            details: self.details,
            errors,
        }
    }
}

impl<D: Serialize, F: Serialize> Serialize for AuthOsBody<'_, D, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = 3
            + usize::from(self.request_id.is_some())
            + usize::from(self.details.is_some())
            + usize::from(self.errors.is_some());
        let mut body = serializer.serialize_struct("ErrorBody", len)?;
        body.serialize_field("error", self.error)?;
        body.serialize_field("error_code", self.error_code)?;
        body.serialize_field("timestamp", &WireTimestamp(self.timestamp))?;
        optional_field(&mut body, "request_id", self.request_id.as_ref())?;
        optional_field(&mut body, "details", self.details.as_ref())?;
        optional_field(&mut body, "errors", self.errors.as_ref())?;
        body.end()
    }
}

/// Writes member `name` when `value` is present, else skips it.
pub(crate) fn optional_field<S: SerializeStruct, T: Serialize + ?Sized>(
    out: &mut S,
    name: &'static str,
    value: Option<&T>,
) -> Result<(), S::Error> {
    match value {
        Some(value) => out.serialize_field(name, value),
        None => out.skip_field(name),
    }
}

/// The type of an optional member a body never has (no value of it exists).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Absent {}

impl Serialize for Absent {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        match *self {}
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for ErrorBody<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct(
            "ErrorBody",
            &["error", "error_code", "timestamp"],
            BodyVisitor,
        )
    }
}

struct BodyVisitor;

enum Key {
    Error,
    ErrorCode,
    Timestamp,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "error" => Key::Error,
                    "error_code" => Key::ErrorCode,
                    "timestamp" => Key::Timestamp,
                    _ => Key::Other,
                })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// A string field that borrows from the input when it can.
pub(crate) struct Text<'a>(pub(crate) Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

impl<'de> Visitor<'de> for BodyVisitor {
    type Value = ErrorBody<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(r#"an error body {"error": ..., "error_code": ..., "timestamp": ...}"#)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut error: Option<Cow<'de, str>> = None;
        let mut error_code: Option<Cow<'de, str>> = None;
        let mut timestamp: Option<DateTime<Utc>> = None;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Error => set_once(&mut error, "error", map.next_value::<Text<'de>>()?.0)?,
                Key::ErrorCode => set_once(
                    &mut error_code,
                    "error_code",
                    map.next_value::<Text<'de>>()?.0,
                )?,
                Key::Timestamp => {
                    let text = map.next_value::<Text<'de>>()?.0;
                    let parsed = DateTime::parse_from_rfc3339(&text).map_err(|e| {
                        de::Error::custom(format_args!(
                            "`timestamp` is not an RFC 3339 date-time ({e}): {text:?}"
                        ))
                    })?;
                    let utc = parsed.with_timezone(&Utc);
                    // An offset can push year 9999 past RFC 3339's four digits in UTC; such a
                    // body could not be written back as RFC 3339, so it is refused here.
                    if !(0..=9999).contains(&utc.year()) {
                        return Err(de::Error::custom(format_args!(
                            "`timestamp` is outside the years 0000..=9999 once converted to UTC: {text:?}"
                        )));
                    }
                    set_once(&mut timestamp, "timestamp", utc)?;
                }
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(ErrorBody {
            error: error.ok_or_else(|| de::Error::missing_field("error"))?,
            error_code: error_code.ok_or_else(|| de::Error::missing_field("error_code"))?,
            timestamp: timestamp.ok_or_else(|| de::Error::missing_field("timestamp"))?,
        })
    }
}

fn set_once<T, E: de::Error>(slot: &mut Option<T>, name: &'static str, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(name));
    }
    *slot = Some(value);
    Ok(())
}
