//! The rendered reference, the documentation links of problem types, and the stability check
//! of any catalog.

mod doc_links;
mod markdown;
mod stability;
