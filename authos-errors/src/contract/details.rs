//! Machine-readable details: the `#[detail]` fields of a variant, written next to the message.
//!
//! The derive writes [`ApiErrorCode::serialize_details`] for enums that mark fields; everything
//! here works from that one method, so no value is boxed or erased on the way to the wire.

use std::fmt;

use serde::Serialize;
use serde::ser::{self, Impossible, SerializeStruct, Serializer};

use crate::ApiErrorCode;
use crate::contract::body::AuthOsBody;

/// Whether `error` has details to send, found without writing them ([`Probe`] fails at the
/// first call). A 5xx never sends any, whatever a hand-written `serialize_details` says: the
/// derive refuses `#[detail]` there, and this keeps other impls to the same rule.
pub(crate) fn has_details<E: ApiErrorCode + ?Sized>(error: &E) -> bool {
    !error.info().is_server_error() && error.serialize_details(Probe).is_some()
}

/// The body of `error` (stamped now): the three AuthOS keys, then `details` when it has any.
pub(crate) fn serialize_body<E, S>(error: &E, serializer: S) -> Result<S::Ok, S::Error>
where
    E: ApiErrorCode + ?Sized,
    S: Serializer,
{
    let body = error.to_body();
    AuthOsBody::of(&body)
        .with_details(has_details(error).then_some(DetailsOf(error)))
        .serialize(serializer)
}

/// The details of an error as a `Serialize` value; only made once [`has_details`] said yes.
pub(crate) struct DetailsOf<'a, E: ?Sized>(pub(crate) &'a E);

impl<E: ApiErrorCode + ?Sized> Serialize for DetailsOf<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_details(serializer).unwrap_or_else(|| {
            Err(ser::Error::custom(
                "serialize_details answered None after announcing details",
            ))
        })
    }
}

/// The details of `error` as a JSON value, when it has any (what HTTP responses capture).
#[cfg(feature = "field-errors")]
pub(crate) fn details_value<E: ApiErrorCode + ?Sized>(error: &E) -> Option<serde_json::Value> {
    if error.info().is_server_error() {
        return None;
    }
    // A value that fails to serialise (a custom impl's own error) is left out, not sent broken.
    error
        .serialize_details(serde_json::value::Serializer)
        .and_then(Result::ok)
}

/// What the derive's `serialize_details` calls: one struct named `details` of `len` fields,
/// written by `fields`.
pub fn details_struct<S, F>(serializer: S, len: usize, fields: F) -> Option<Result<S::Ok, S::Error>>
where
    S: Serializer,
    F: FnOnce(&mut S::SerializeStruct) -> Result<(), S::Error>,
{
    let write = || {
        let mut out = serializer.serialize_struct("details", len)?;
        fields(&mut out)?;
        out.end()
    };
    Some(write())
}

/// A `#[detail]` field's value: any `Serialize` type. The derive names it at the field's type,
/// so a type that cannot be serialised is reported on that field.
#[diagnostic::on_unimplemented(
    message = "a #[detail] field must be serializable, and `{Self}` does not implement `serde::Serialize`",
    label = "this #[detail] field's type is not `Serialize`",
    note = "derive or implement `serde::Serialize` for `{Self}`, or remove #[detail] from the field (its value then stays out of the body)"
)]
pub trait DetailValue: Serialize {}

impl<T: Serialize + ?Sized> DetailValue for T {}

/// Writes one `#[detail]` field into the struct [`details_struct`] opened.
pub fn detail_field<S, T>(out: &mut S, name: &'static str, value: &T) -> Result<(), S::Error>
where
    S: SerializeStruct,
    T: DetailValue + ?Sized,
{
    out.serialize_field(name, value)
}

/// A serializer that refuses everything: calling `serialize_details` with it tells whether
/// the value has details without writing them.
struct Probe;

/// The one error of [`Probe`].
#[derive(Debug)]
struct Probed;

impl fmt::Display for Probed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("probed")
    }
}

impl std::error::Error for Probed {}

impl ser::Error for Probed {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Probed
    }
}

macro_rules! refuse {
    ($($name:ident($($ty:ty),*);)*) => {
        $(fn $name(self, $(_: $ty),*) -> Result<(), Probed> { Err(Probed) })*
    };
}

impl Serializer for Probe {
    type Ok = ();
    type Error = Probed;
    type SerializeSeq = Impossible<(), Probed>;
    type SerializeTuple = Impossible<(), Probed>;
    type SerializeTupleStruct = Impossible<(), Probed>;
    type SerializeTupleVariant = Impossible<(), Probed>;
    type SerializeMap = Impossible<(), Probed>;
    type SerializeStruct = Impossible<(), Probed>;
    type SerializeStructVariant = Impossible<(), Probed>;

    refuse! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_char(char);
        serialize_str(&str);
        serialize_bytes(&[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Probed> {
        Err(Probed)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Probed> {
        Err(Probed)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Probed> {
        Err(Probed)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Probed> {
        Err(Probed)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Probed> {
        Err(Probed)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Probed> {
        Err(Probed)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Probed> {
        Err(Probed)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Probed> {
        Err(Probed)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Probed> {
        Err(Probed)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Probed> {
        Err(Probed)
    }
}
