//! The wire formats: exact bytes and headers of each, field errors, and leak-proofing.

mod disclosure;
mod field_errors;
mod formats;
mod leaks;
