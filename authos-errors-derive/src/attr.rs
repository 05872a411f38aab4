//! Reading our attributes, every one of them in this stage: `#[api_error(...)]` on the enum,
//! `#[code(...)]` and the doc comment on a variant, `#[source]`, `#[from]`, `#[backtrace]` and
//! `#[detail]` on a field, and ours where they are not read (`place`).
//!
//! The grammar of each keyed attribute is one table beside the function that reads it
//! (`attr/api_error.rs`, `attr/code.rs`); both go through the one keyed-argument reader in
//! `attr/args.rs`, which reports unknown keys, repeats, bare words and missing values.

mod api_error;
mod args;
mod code;
mod doc;
mod field;
pub mod lit;
mod place;
mod protocol;
mod status;

pub use api_error::{EnumAttrs, enum_attrs};
pub use code::{Code, Message, Own, code_attr};
pub use field::{FieldAttrs, field_attrs};
pub use place::misplaced_attrs;
