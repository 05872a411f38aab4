//! The rendered reference, the documentation links of problem types, the catalog exported as
//! TypeScript and JSON Schema, and the stability check of any catalog.

mod doc_links;
mod export;
mod markdown;
mod stability;
