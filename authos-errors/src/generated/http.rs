//! Support for the HTTP framework impls of derived enums. Not public API.
//!
//! `impl IntoResponse for E` cannot be written once for every `E: ApiErrorCode` (the orphan
//! rule: both the trait and `E` would be foreign to this crate), so the impl must be written
//! per enum, in the crate that declares it. The derive does that by emitting one call of
//! [`__derive_http_impls!`](crate::__derive_http_impls) per enum. A proc macro cannot see which
//! features of this crate are enabled, but a `macro_rules!` defined here can: each framework's
//! macro below exists twice, the real one under its feature and an empty one otherwise, so the
//! derive's call expands to exactly the impls the enabled features provide, and the user's crate
//! needs no dependency on axum-core, actix-web or utoipa of its own.

use std::error::Error;

#[cfg(feature = "actix-web")]
pub use ::actix_web;
#[cfg(feature = "axum")]
pub use ::axum_core;
#[cfg(feature = "tonic")]
pub use ::tonic;
#[cfg(feature = "utoipa")]
pub use ::utoipa;

/// Every framework impl the enabled features provide, for one derived enum.
///
/// Input: `impl [<impl generics>] for [<type>] where [<predicates, each followed by a comma>]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __derive_http_impls {
    ($($input:tt)*) => {
        $crate::__derive_axum_impl! { $($input)* }
        $crate::__derive_actix_impl! { $($input)* }
        $crate::__derive_utoipa_impl! { $($input)* }
        $crate::__derive_tonic_impl! { $($input)* }
    };
}

/// `IntoResponse` for a derived enum (feature `axum`).
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __derive_axum_impl {
    (impl [$($generics:tt)*] for [$ty:ty] where [$($predicates:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__http::axum_core::response::IntoResponse for $ty
        where
            $($predicates)*
        {
            fn into_response(self) -> $crate::__http::axum_core::response::Response {
                #[allow(unused_imports)]
                use $crate::__http::{AsErrorFallback as _, AsErrorProbe as _};
                let as_error = (&$crate::__http::SourceProbe(&self)).as_error();
                $crate::axum::__respond(&self, as_error)
            }
        }
    };
}

/// Nothing: feature `axum` is off.
#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __derive_axum_impl {
    ($($input:tt)*) => {};
}

/// `ResponseError` for a derived enum (feature `actix-web`).
///
/// `ResponseError` requires `Debug + Display`, which the enum may not have (`display = false`,
/// no `#[derive(Debug)]`). The bound is written higher-ranked so that it is not a "trivial" bound
/// the compiler rejects: the impl then simply does not apply to such an enum instead of breaking
/// its build.
#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __derive_actix_impl {
    (impl [$($generics:tt)*] for [$ty:ty] where [$($predicates:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__http::actix_web::ResponseError for $ty
        where
            $($predicates)*
            for<'__authos_errors> $ty: ::core::fmt::Debug + ::core::fmt::Display,
        {
            fn status_code(&self) -> $crate::__http::actix_web::http::StatusCode {
                $crate::actix::__status(self)
            }

            fn error_response(
                &self,
            ) -> $crate::__http::actix_web::HttpResponse<$crate::__http::actix_web::body::BoxBody> {
                #[allow(unused_imports)]
                use $crate::__http::{AsErrorFallback as _, AsErrorProbe as _};
                let as_error = (&$crate::__http::SourceProbe(self)).as_error();
                $crate::actix::__respond(self, as_error)
            }
        }
    };
}

/// Nothing: feature `actix-web` is off.
#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __derive_actix_impl {
    ($($input:tt)*) => {};
}

/// `utoipa::IntoResponses` for a derived enum (feature `utoipa`).
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __derive_utoipa_impl {
    (impl [$($generics:tt)*] for [$ty:ty] where [$($predicates:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__http::utoipa::IntoResponses for $ty
        where
            $($predicates)*
        {
            fn responses() -> $crate::__http::ResponsesMap {
                $crate::openapi::responses::<Self>().responses
            }
        }
    };
}

/// Nothing: feature `utoipa` is off.
#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __derive_utoipa_impl {
    ($($input:tt)*) => {};
}

/// `From<E> for tonic::Status` for a derived enum (feature `tonic`): `?` in a tonic handler.
#[cfg(feature = "tonic")]
#[doc(hidden)]
#[macro_export]
macro_rules! __derive_tonic_impl {
    (impl [$($generics:tt)*] for [$ty:ty] where [$($predicates:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* ::core::convert::From<$ty> for $crate::__http::tonic::Status
        where
            $($predicates)*
        {
            fn from(error: $ty) -> Self {
                #[allow(unused_imports)]
                use $crate::__http::{AsErrorFallback as _, AsErrorProbe as _};
                let as_error = (&$crate::__http::SourceProbe(&error)).as_error();
                $crate::grpc::__status(&error, as_error)
            }
        }
    };
}

/// Nothing: feature `tonic` is off.
#[cfg(not(feature = "tonic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __derive_tonic_impl {
    ($($input:tt)*) => {};
}

/// The map `utoipa::IntoResponses::responses` returns.
#[cfg(feature = "utoipa")]
pub type ResponsesMap = std::collections::BTreeMap<
    String,
    ::utoipa::openapi::RefOr<::utoipa::openapi::response::Response>,
>;

/// Wraps a value so that method resolution can tell whether it implements `Error`
/// (autoref specialisation): [`AsErrorProbe`] applies when it does, [`AsErrorFallback`] otherwise.
/// Inside a generic impl the choice is made from the impl's bounds.
pub struct SourceProbe<'a, T: ?Sized>(pub &'a T);

/// Chosen when `T: Error` (no `'static` needed, so generic enums with borrowed or
/// non-`'static` parameters keep their impls): the value itself, for logging its `source()` chain.
pub trait AsErrorProbe<'a> {
    /// The value as an error.
    fn as_error(&self) -> Option<&'a (dyn Error + 'a)>;
}

impl<'a, T: Error + 'a> AsErrorProbe<'a> for SourceProbe<'a, T> {
    fn as_error(&self) -> Option<&'a (dyn Error + 'a)> {
        Some(self.0)
    }
}

/// Chosen when `T` is not known to implement `Error`: there is no chain to log.
pub trait AsErrorFallback<'a> {
    /// Nothing.
    fn as_error(&self) -> Option<&'a (dyn Error + 'a)> {
        None
    }
}

impl<'a, T: ?Sized> AsErrorFallback<'a> for &SourceProbe<'a, T> {}
