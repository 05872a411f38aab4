// Enums written by `macro_rules!` with every fragment kind: the compiler hands most fragments
// over in invisible groups (an empty `$vis` as an empty one), which the derive reads through.
use std::error::Error as _;

use authos_errors::ApiErrorCode;

// `vis` (given, restricted and empty), `ident`, `meta`, `literal`.
macro_rules! visible {
    ($(#[$meta:meta])* $vis:vis $name:ident, $code:literal) => {
        #[derive(Debug, ApiErrorCode)]
        $(#[$meta])*
        $vis enum $name {
            /// Resource is gone
            #[code($code, status = 410)]
            Gone,
        }
    };
}

visible!(#[api_error(group = "Public Errors")] pub PublicError, "PUBLIC_GONE");
visible!(pub(crate) CrateError, "CRATE_GONE");
visible!(PrivateError, "PRIVATE_GONE");

// `lifetime`, `ident` and `path` in the generics and `ty` in its where-clause, `ty` and `path`
// as field types, `expr` and `literal` in `#[code]` and `#[doc]`, an empty `vis` before a
// field, `tt` for whole variants.
macro_rules! fields {
    (
        $name:ident<$lt:lifetime, $param:ident: $bound:path> where $bounded:ty: $extra:path,
        $field_vis:vis $field:ident: $ty:ty,
        $source:path,
        $code:literal, $status:expr, $message:literal, $doc:expr,
        $($variants:tt)*
    ) => {
        #[derive(Debug, ApiErrorCode)]
        enum $name<$lt, $param: $bound>
        where
            $bounded: $extra,
        {
            #[doc = $doc]
            #[code($code, status = $status, message = $message)]
            Named { $field_vis $field: $ty, borrowed: &$lt str, value: $param },
            /// Upstream failed
            #[code("UPSTREAM_FAILED", status = 502)]
            Upstream(#[source] $source),
            $($variants)*
        }
    };
}

fields!(
    FieldError<'a, T: core::fmt::Display> where Vec<T>: core::fmt::Debug,
    limit: Vec<u32>,
    std::io::Error,
    "OVER_LIMIT", 422, "{borrowed}: {value} is over {limit:?}", "Over the limit",
    /// Not allowed
    #[code("NOT_ALLOWED", status = 403)]
    NotAllowed,
);

// `expr` and `literal` as discriminants.
macro_rules! numbered {
    ($last:literal; $($(#[$meta:meta])* $variant:ident = $value:expr,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, ApiErrorCode)]
        #[repr(u8)]
        enum Numbered {
            $($(#[$meta])* $variant = $value,)*
            /// Last one
            #[code("LAST", status = 400)]
            Last = $last,
        }
    };
}

numbered!(
    9;
    /// First one
    #[code("FIRST", status = 400)]
    First = 1 << 1,
    /// Second one
    #[code("SECOND", status = 400)]
    Second = 2 + 1,
);

// `item`: the whole enum.
macro_rules! item {
    ($item:item) => {
        $item
    };
}

item! {
    #[derive(Debug, ApiErrorCode)]
    #[api_error(group = "Item Errors")]
    pub enum ItemError {
        /// Item conflict
        #[code("ITEM_CONFLICT", status = 409)]
        Conflict,
    }
}

fn main() {
    assert_eq!(PublicError::Gone.code(), "PUBLIC_GONE");
    assert_eq!(PublicError::CATALOG[0].group, "Public Errors");
    assert_eq!(CrateError::Gone.code(), "CRATE_GONE");
    assert_eq!(PrivateError::Gone.code(), "PRIVATE_GONE");
    assert_eq!(PrivateError::Gone.status(), 410);

    let over = FieldError::Named { limit: vec![1, 2], borrowed: "quota", value: 7 };
    assert_eq!(over.code(), "OVER_LIMIT");
    assert_eq!(over.status(), 422);
    assert_eq!(over.description(), "Over the limit");
    assert_eq!(over.message(), "quota: 7 is over [1, 2]");
    let upstream: FieldError<'_, u8> = FieldError::Upstream(std::io::Error::other("reset"));
    assert_eq!(upstream.source().unwrap().to_string(), "reset");
    assert_eq!(FieldError::<'_, u8>::NotAllowed.status(), 403);

    assert_eq!(Numbered::First as u8, 2);
    assert_eq!(Numbered::Second as u8, 3);
    assert_eq!(Numbered::Last as u8, 9);
    assert_eq!(Numbered::from_code("SECOND"), Some(Numbered::Second));
    assert_eq!(Numbered::Last.code(), "LAST");

    assert_eq!(ItemError::Conflict.code(), "ITEM_CONFLICT");
    assert_eq!(ItemError::CATALOG[0].group, "Item Errors");
}
