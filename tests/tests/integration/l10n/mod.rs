//! Localised messages (feature `fluent`).

mod allocations;
mod localizer;
