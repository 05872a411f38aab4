//! Reference documentation rendered from any catalog: Markdown and JSON.
