//! The AuthOS catalog: row for row the reference's index, and its codes kept stable.

mod index;
mod layering;
mod stability;
