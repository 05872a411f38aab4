//! Support for the string conversions of derived enums (`FromStr`, `TryFrom<&str>`,
//! `AsRef<str>`, `From<E> for &'static str`, `Deserialize`, `AllValues`). Not public API.
//!
//! The derive emits one call of [`__derive_code_impls!`](crate::__derive_code_impls) per
//! enum that has `from_code`, naming the impls it wants; they are all written here in terms of
//! `FromCode` and `ApiErrorCode::code`, so the proc macro emits a few dozen tokens per enum
//! instead of every impl's body, and this crate's compile checks those bodies once.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::{FromCode, UnknownCode};

/// The impls named after the header, each one of `from_str`, `as_ref`, `deserialize`,
/// `all_from_const`.
///
/// Header: `[impl [<impl generics>] de [<'de lifetime>] [<impl generics with it>] for [<type>]
/// name [<enum ident>] where [<predicates, each followed by a comma>]]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __derive_code_impls {
    ($header:tt $($impl:ident)*) => {
        $( $crate::__derive_code_impl! { $impl $header } )*
    };
}

/// One impl of [`__derive_code_impls!`](crate::__derive_code_impls).
#[doc(hidden)]
#[macro_export]
macro_rules! __derive_code_impl {
    (from_str [
        impl [$($generics:tt)*] de [$de:lifetime] [$($de_generics:tt)*] for [$ty:ty]
        name [$name:ident] where [$($predicates:tt)*]
    ]) => {
        #[automatically_derived]
        impl $($generics)* ::core::str::FromStr for $ty
        where
            $($predicates)*
        {
            type Err = $crate::UnknownCode;

            #[inline]
            fn from_str(code: &str) -> ::core::result::Result<Self, $crate::UnknownCode> {
                $crate::__codes::parse_code(code, ::core::stringify!($name))
            }
        }

        #[automatically_derived]
        impl $($generics)* ::core::convert::TryFrom<&str> for $ty
        where
            $($predicates)*
        {
            type Error = $crate::UnknownCode;

            #[inline]
            fn try_from(code: &str) -> ::core::result::Result<Self, $crate::UnknownCode> {
                $crate::__codes::parse_code(code, ::core::stringify!($name))
            }
        }
    };
    (as_ref [
        impl [$($generics:tt)*] de [$de:lifetime] [$($de_generics:tt)*] for [$ty:ty]
        name [$name:ident] where [$($predicates:tt)*]
    ]) => {
        #[automatically_derived]
        impl $($generics)* ::core::convert::AsRef<str> for $ty
        where
            $($predicates)*
        {
            #[inline]
            fn as_ref(&self) -> &str {
                $crate::ApiErrorCode::code(self)
            }
        }

        #[automatically_derived]
        impl $($generics)* ::core::convert::From<$ty> for &'static str
        where
            $($predicates)*
        {
            #[inline]
            fn from(value: $ty) -> &'static str {
                $crate::ApiErrorCode::code(&value)
            }
        }
    };
    (deserialize [
        impl [$($generics:tt)*] de [$de:lifetime] [$($de_generics:tt)*] for [$ty:ty]
        name [$name:ident] where [$($predicates:tt)*]
    ]) => {
        #[automatically_derived]
        impl $($de_generics)* $crate::__private::serde::Deserialize<$de> for $ty
        where
            $($predicates)*
        {
            fn deserialize<D>(deserializer: D) -> ::core::result::Result<Self, D::Error>
            where
                D: $crate::__private::serde::Deserializer<$de>,
            {
                $crate::__codes::deserialize_code(deserializer, ::core::stringify!($name))
            }
        }
    };
    (all_from_const [
        impl [$($generics:tt)*] de [$de:lifetime] [$($de_generics:tt)*] for [$ty:ty]
        name [$name:ident] where [$($predicates:tt)*]
    ]) => {
        #[automatically_derived]
        impl $($generics)* $crate::AllValues for $ty
        where
            $($predicates)*
        {
            // Inline: codegen happens only in a crate that lists the values.
            #[inline]
            fn all() -> impl ::core::iter::Iterator<Item = Self> {
                // Codes are unique among an enum's own variants, so each code finds its value.
                Self::ALL.iter().filter_map(|value| {
                    <Self as $crate::FromCode>::from_code($crate::ApiErrorCode::code(value))
                })
            }
        }
    };
}

/// The value of `T` whose code is `code`.
///
/// # Errors
/// [`UnknownCode`] naming `code` and `type_name` when `T` does not declare it.
pub fn parse_code<T: FromCode>(code: &str, type_name: &'static str) -> Result<T, UnknownCode> {
    T::from_code(code).ok_or_else(|| UnknownCode::new(code, type_name))
}

/// `Deserialize` of a derived enum: from its code (`"TOKEN_EXPIRED"`), or from a body it
/// serialised (`{"error_code":"TOKEN_EXPIRED",...}`, other fields ignored), so that
/// `Serialize` followed by `Deserialize` gives the value back.
///
/// # Errors
/// The deserializer's error for an unknown code (with [`UnknownCode`]'s message), a map without
/// `error_code`, or anything that is neither a string nor a map.
pub fn deserialize_code<'de, D, T>(deserializer: D, type_name: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromCode,
{
    deserializer.deserialize_any(CodeVisitor {
        type_name,
        value: PhantomData,
    })
}

struct CodeVisitor<T> {
    type_name: &'static str,
    value: PhantomData<fn() -> T>,
}

impl<'de, T: FromCode> Visitor<'de> for CodeVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "an error code of `{}`, as a string or as the `error_code` of an error body",
            self.type_name
        )
    }

    fn visit_str<E: de::Error>(self, code: &str) -> Result<T, E> {
        parse_code(code, self.type_name).map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut code: Option<String> = None;
        while let Some(key) = map.next_key::<String>()? {
            if key != "error_code" {
                map.next_value::<IgnoredAny>()?;
            } else if code.is_some() {
                return Err(de::Error::duplicate_field("error_code"));
            } else {
                code = Some(map.next_value()?);
            }
        }
        let code = code.ok_or_else(|| de::Error::missing_field("error_code"))?;
        self.visit_str(&code)
    }
}
