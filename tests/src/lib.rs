//! Integration tests of `authos-errors` live in `tests/`.
