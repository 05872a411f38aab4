//! Enums known by their code alone (unit variants, or transparent over such enums) convert to
//! and from their code: `FromStr`, `TryFrom<&str>`, `AsRef<str>`, `From<E> for &'static str`,
//! `Deserialize`, and list every value (`ALL`, `AllValues`). Opt-outs leave room for impls of
//! the user's own.

use std::collections::HashSet;
use std::str::FromStr;

use authos_errors::catalog::{AuthOsError, AuthenticationError, GeneralError};
use authos_errors::{AllValues, ApiErrorCode, UnknownCode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ApiErrorCode)]
enum Gate {
    /// Gate is closed
    #[code("GATE_CLOSED", status = 403)]
    Closed,
    /// Gate is jammed
    #[code("GATE_JAMMED", status = 503)]
    Jammed,
}

#[derive(Debug, PartialEq, ApiErrorCode)]
enum Access {
    /// Badge expired
    #[code("BADGE_EXPIRED", status = 401)]
    BadgeExpired,
    #[code(transparent)]
    Gate(Gate),
    #[code(transparent)]
    Auth(AuthenticationError),
}

#[test]
fn codes_parse_with_from_str_and_try_from() {
    assert_eq!("GATE_JAMMED".parse::<Gate>(), Ok(Gate::Jammed));
    assert_eq!(Gate::try_from("GATE_CLOSED"), Ok(Gate::Closed));
    assert_eq!(
        Access::from_str("TOKEN_EXPIRED"),
        Ok(Access::Auth(AuthenticationError::TokenExpired))
    );
    assert_eq!(
        Access::try_from("GATE_CLOSED"),
        Ok(Access::Gate(Gate::Closed))
    );
    assert_eq!(
        AuthOsError::from_str("SLUG_TOO_SHORT").map(|e| e.status()),
        Ok(400)
    );
}

#[test]
fn an_unknown_code_is_a_typed_error_naming_it_and_the_enum() {
    let err = "gate_closed".parse::<Gate>().unwrap_err();
    assert_eq!(err, UnknownCode::new("gate_closed", "Gate"));
    assert_eq!(err.code(), "gate_closed");
    assert_eq!(err.type_name(), "Gate");
    assert_eq!(
        err.to_string(),
        "`gate_closed` is not an error code of `Gate`"
    );
    let err = Access::try_from("").unwrap_err();
    assert_eq!(err.to_string(), "`` is not an error code of `Access`");
    // A hostile input does not make the message unbounded.
    let long = "X".repeat(10_000);
    let message = long.parse::<Gate>().unwrap_err().to_string();
    assert!(message.len() < 200, "{message}");
    assert_eq!(long.parse::<Gate>().unwrap_err().code(), long);
    let _: &dyn std::error::Error = &err;
}

#[test]
fn values_give_their_code_as_str() {
    assert_eq!(Gate::Closed.as_ref(), "GATE_CLOSED");
    let code: &'static str = Gate::Jammed.into();
    assert_eq!(code, "GATE_JAMMED");
    let code: &'static str = Access::Auth(AuthenticationError::JwtError).into();
    assert_eq!(code, "JWT_ERROR");
    fn takes_str(code: impl AsRef<str>) -> usize {
        code.as_ref().len()
    }
    assert_eq!(takes_str(Access::BadgeExpired), "BADGE_EXPIRED".len());
}

#[test]
fn unit_enums_list_their_values_in_a_const_slice() {
    const VALUES: &[Gate] = Gate::ALL;
    assert_eq!(VALUES, &[Gate::Closed, Gate::Jammed]);
    assert_eq!(Gate::all().collect::<Vec<_>>(), VALUES);
    let codes: Vec<&str> = Gate::ALL.iter().map(ApiErrorCode::code).collect();
    let catalog: Vec<&str> = Gate::CATALOG.iter().map(|info| info.code).collect();
    assert_eq!(codes, catalog);
}

#[test]
fn enums_with_transparent_variants_list_their_values_in_declaration_order() {
    let values: Vec<Access> = Access::all().collect();
    assert_eq!(values.len(), Access::CATALOG.len());
    assert_eq!(values[0], Access::BadgeExpired);
    assert_eq!(values[1], Access::Gate(Gate::Closed));
    assert_eq!(values[2], Access::Gate(Gate::Jammed));
    assert_eq!(values[3], Access::Auth(AuthenticationError::ALL[0]));
    let codes: Vec<&str> = values.iter().map(ApiErrorCode::code).collect();
    let catalog: Vec<&str> = Access::CATALOG.iter().map(|info| info.code).collect();
    assert_eq!(codes, catalog);
}

#[test]
fn the_whole_authos_catalog_is_listed_including_codes_shared_by_two_groups() {
    let values: Vec<AuthOsError> = AuthOsError::all().collect();
    assert_eq!(values.len(), AuthOsError::CATALOG.len());
    for (value, info) in values.iter().zip(AuthOsError::CATALOG) {
        assert_eq!((value.code(), value.info().group), (info.code, info.group));
    }
    let distinct: HashSet<AuthOsError> = values.iter().copied().collect();
    assert_eq!(distinct.len(), values.len(), "every value once");
    assert_eq!(GeneralError::all().count(), GeneralError::ALL.len());
}

#[test]
fn deserialize_reads_the_code_or_a_serialised_body() {
    let gate: Gate = serde_json::from_str(r#""GATE_JAMMED""#).unwrap();
    assert_eq!(gate, Gate::Jammed);
    let access: Access = serde_json::from_str(r#""TOKEN_EXPIRED""#).unwrap();
    assert_eq!(access, Access::Auth(AuthenticationError::TokenExpired));
    let listed: Vec<Gate> = serde_json::from_str(r#"["GATE_CLOSED","GATE_JAMMED"]"#).unwrap();
    assert_eq!(listed, Gate::ALL);

    // Serialize writes the body; Deserialize reads it back by its `error_code`.
    let body = serde_json::to_string(&Access::Gate(Gate::Closed)).unwrap();
    assert!(body.contains(r#""error_code":"GATE_CLOSED""#), "{body}");
    assert_eq!(
        serde_json::from_str::<Access>(&body).unwrap(),
        Access::Gate(Gate::Closed)
    );
}

#[test]
fn deserialize_refuses_what_is_not_a_code_with_a_clear_message() {
    let err = serde_json::from_str::<Gate>(r#""GATE_OPEN""#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("`GATE_OPEN` is not an error code of `Gate`"),
        "{err}"
    );
    let err = serde_json::from_str::<Gate>("42").unwrap_err();
    assert!(
        err.to_string().contains(
            "an error code of `Gate`, as a string or as the `error_code` of an error body"
        ),
        "{err}"
    );
    let err = serde_json::from_str::<Gate>(r#"{"error":"closed"}"#).unwrap_err();
    assert!(
        err.to_string().contains("missing field `error_code`"),
        "{err}"
    );
    let err =
        serde_json::from_str::<Gate>(r#"{"error_code":"GATE_CLOSED","error_code":"GATE_JAMMED"}"#)
            .unwrap_err();
    assert!(
        err.to_string().contains("duplicate field `error_code`"),
        "{err}"
    );
}

/// Every conversion turned off: the enum's own impls of the same traits compile beside the
/// derive (they would conflict with derived ones).
#[derive(Debug, PartialEq, ApiErrorCode)]
#[api_error(
    from_str = false,
    as_ref = false,
    deserialize = false,
    all_values = false
)]
enum Lowercase {
    /// Lamp is off
    #[code("LAMP_OFF", status = 409)]
    LampOff,
}

impl FromStr for Lowercase {
    type Err = ();
    fn from_str(code: &str) -> Result<Self, ()> {
        Lowercase::from_code(&code.to_ascii_uppercase()).ok_or(())
    }
}

impl AsRef<str> for Lowercase {
    fn as_ref(&self) -> &str {
        "lamp_off"
    }
}

impl<'de> serde::Deserialize<'de> for Lowercase {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        code.parse()
            .map_err(|()| serde::de::Error::custom("not a lamp code"))
    }
}

impl AllValues for Lowercase {
    fn all() -> impl Iterator<Item = Self> {
        std::iter::once(Lowercase::LampOff)
    }
}

impl Lowercase {
    const ALL: &'static [Self] = &[];
}

#[test]
fn opt_outs_leave_the_impls_to_the_enum() {
    assert_eq!("lamp_off".parse::<Lowercase>(), Ok(Lowercase::LampOff));
    assert_eq!(Lowercase::LampOff.as_ref(), "lamp_off");
    assert_eq!(
        serde_json::from_str::<Lowercase>(r#""lamp_off""#).unwrap(),
        Lowercase::LampOff
    );
    assert_eq!(Lowercase::all().count(), 1);
    assert!(Lowercase::ALL.is_empty());
    // `from_code` itself stays.
    assert_eq!(Lowercase::from_code("LAMP_OFF"), Some(Lowercase::LampOff));
}

/// An enum with fields has no `from_code`, hence none of the conversions; its own impls compile.
#[derive(Debug, ApiErrorCode)]
enum WithFields {
    /// Too short
    #[code("TOO_SHORT", status = 400, message = "At least {min}")]
    TooShort { min: usize },
}

impl FromStr for WithFields {
    type Err = std::num::ParseIntError;
    fn from_str(min: &str) -> Result<Self, Self::Err> {
        Ok(WithFields::TooShort { min: min.parse()? })
    }
}

impl AsRef<str> for WithFields {
    fn as_ref(&self) -> &str {
        "with fields"
    }
}

#[test]
fn enums_with_fields_get_no_conversions_and_keep_their_own() {
    let err: WithFields = "3".parse().unwrap();
    assert_eq!(err.message(), "At least 3");
    assert_eq!(err.as_ref(), "with fields");
}
