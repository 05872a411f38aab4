//! The rendered reference and the documentation links of problem types.

mod doc_links;
mod markdown;
