//! Reading our attributes: `#[api_error(...)]` on the enum, `#[code(...)]` on a variant,
//! `#[source]` / `#[from]` on a field, and the variant's doc comment.
//!
//! The grammar of each attribute is one table beside the function that reads it
//! (`attr/api_error.rs`, `attr/code.rs`); both go through the one keyed-argument reader in
//! `attr/args.rs`, which reports unknown keys, repeats, bare words and missing values.

mod api_error;
mod args;
mod code;
mod doc;
pub mod lit;
mod protocol;
mod status;

pub use api_error::{EnumAttrs, enum_attrs};
pub use code::{CodeAttr, OwnCode, code_attr};
pub use doc::{doc_summary, from_attr, source_attr};
