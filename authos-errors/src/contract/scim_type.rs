//! The SCIM `scimType` values a catalog row may name ([`ErrorCodeInfo::scim`](crate::ErrorCodeInfo::scim)).

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// One `scimType` value of RFC 7644 §3.12 (Table 9).
///
/// ```
/// use authos_errors::scim::ScimType;
///
/// let kind: ScimType = "uniqueness".parse().unwrap();
/// assert_eq!(kind, ScimType::Uniqueness);
/// assert_eq!(kind.to_string(), "uniqueness");
/// assert!("Uniqueness".parse::<ScimType>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScimType {
    /// `invalidFilter`: the filter syntax is invalid, or an operator or attribute is unsupported.
    InvalidFilter,
    /// `tooMany`: the filter yields more results than the server will return.
    TooMany,
    /// `uniqueness`: a value is already in use (a duplicate `userName`).
    Uniqueness,
    /// `mutability`: the change would modify a read-only or immutable attribute.
    Mutability,
    /// `invalidSyntax`: the request body is not valid SCIM.
    InvalidSyntax,
    /// `invalidPath`: the `path` attribute is invalid.
    InvalidPath,
    /// `noTarget`: the `path` matched no attribute or sub-attribute.
    NoTarget,
    /// `invalidValue`: a required value is missing or a value is not compatible.
    InvalidValue,
    /// `invalidVers`: the protocol version is not supported.
    InvalidVers,
    /// `sensitive`: the request cannot be completed because of sensitive information in the URI.
    Sensitive,
}

impl ScimType {
    /// Every value, in the RFC's order.
    ///
    /// ```
    /// use authos_errors::scim::ScimType;
    /// assert_eq!(ScimType::ALL.len(), 10);
    /// ```
    pub const ALL: &'static [ScimType] = &[
        ScimType::InvalidFilter,
        ScimType::TooMany,
        ScimType::Uniqueness,
        ScimType::Mutability,
        ScimType::InvalidSyntax,
        ScimType::InvalidPath,
        ScimType::NoTarget,
        ScimType::InvalidValue,
        ScimType::InvalidVers,
        ScimType::Sensitive,
    ];

    /// The value as it is written in the `scimType` member.
    ///
    /// ```
    /// use authos_errors::scim::ScimType;
    /// assert_eq!(ScimType::NoTarget.as_str(), "noTarget");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ScimType::InvalidFilter => "invalidFilter",
            ScimType::TooMany => "tooMany",
            ScimType::Uniqueness => "uniqueness",
            ScimType::Mutability => "mutability",
            ScimType::InvalidSyntax => "invalidSyntax",
            ScimType::InvalidPath => "invalidPath",
            ScimType::NoTarget => "noTarget",
            ScimType::InvalidValue => "invalidValue",
            ScimType::InvalidVers => "invalidVers",
            ScimType::Sensitive => "sensitive",
        }
    }
}

impl fmt::Display for ScimType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is not a `scimType` of RFC 7644.
///
/// ```
/// use authos_errors::scim::ScimType;
/// let err = "dup".parse::<ScimType>().unwrap_err();
/// assert_eq!(err.to_string(), "`dup` is not a scimType of RFC 7644");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownScimType(pub String);

impl fmt::Display for UnknownScimType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a scimType of RFC 7644", self.0)
    }
}

impl std::error::Error for UnknownScimType {}

impl FromStr for ScimType {
    type Err = UnknownScimType;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        ScimType::ALL
            .iter()
            .copied()
            .find(|kind| kind.as_str() == text)
            .ok_or_else(|| UnknownScimType(text.to_owned()))
    }
}

impl Serialize for ScimType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
