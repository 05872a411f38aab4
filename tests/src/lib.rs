//! Integration tests of `authos-errors` live in `tests/integration/`: one binary, a module per layer.
