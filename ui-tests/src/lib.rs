//! Compile-fail and compile-pass cases of the derive live in `tests/ui/`.
