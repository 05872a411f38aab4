//! A guard against the derive's work growing unnoticed: the number of tokens the expansions of
//! a fixed 1,000-variant catalog emit (the same shapes as `bench/compile_time.py`'s catalog).
//!
//! Tokens are what the derive builds one by one, what crosses into the compiler and what
//! rustc then parses on every rebuild, so their count follows the derive's cost (see
//! BENCHMARKS.md, "Guard"). It is deterministic, unlike a timing. When a change adds tokens
//! on purpose, measure it with `bench/callgrind.py` and raise the limit in the same commit.

use std::fmt::Write as _;

use proc_macro2::{TokenStream, TokenTree};

/// Tokens the expansions of [`catalog`] may emit. Measured: 30,044 after the restructuring
/// (about 30 a variant; the rustdoc table is one token), then 39,018 once the unit enum's value
/// list (`ALL`, 5 tokens a unit variant) and `visit_message_args` (localisation, one arm per
/// templated variant) were added; the limit leaves 3 % for deliberate additions. Each
/// templated entry's placeholder names (`.with_message_args(&[...])`, issue 17) then took it
/// from 38,979 to 39,619, inside the limit.
const MAX_TOKENS: usize = 40_200;

/// A 1,000-variant catalog in two enums, as `bench/compile_time.py` writes it: 850 unit
/// variants (half with a resolution; `from_code` applies) and 150 with fields and message
/// templates, one in ten with a `#[source]`.
fn catalog() -> [TokenStream; 2] {
    let mut unit = String::from("#[api_error(group = \"Unit Errors\")]\nenum UnitErrors {\n");
    let mut detail = String::from("#[api_error(group = \"Detail Errors\")]\nenum DetailErrors {\n");
    for i in 0..1_000 {
        let resolution = if i % 2 == 0 {
            format!(", resolution = \"Check the request and retry (see error {i})\"")
        } else {
            String::new()
        };
        let (out, fields, message) = match i % 20 {
            0..17 => (&mut unit, "", ""),
            17 => (
                &mut detail,
                " { id: String, limit: u32 }",
                ", message = \"Item {id} exceeds the limit of {limit}\"",
            ),
            18 if i % 100 == 18 => (&mut detail, "(#[source] std::io::Error)", ""),
            18 => (&mut detail, "(String)", ", message = \"Unknown value {0}\""),
            _ => (&mut detail, " { reason: String }", ""),
        };
        let _ = writeln!(
            out,
            "    /// The request {i} could not be completed\n    #[code(\"ERROR_{i}\", status = {}{resolution}{message})]\n    Variant{i}{fields},",
            400 + i % 30
        );
    }
    [unit, detail].map(|mut source| {
        source.push('}');
        source.parse().expect("the generated enum lexes")
    })
}

fn count(tokens: TokenStream) -> usize {
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) => 1 + count(group.stream()),
            _ => 1,
        })
        .sum()
}

#[test]
fn expansion_of_a_1000_variant_catalog_stays_small() {
    let mut tokens = 0;
    for input in catalog() {
        let expansion = crate::derive(input);
        assert!(
            !expansion.to_string().contains("compile_error"),
            "the guard's enums must expand without errors"
        );
        tokens += count(expansion);
    }
    assert!(
        tokens <= MAX_TOKENS,
        "the expansion of 1,000 variants grew to {tokens} tokens (limit {MAX_TOKENS}): measure \
         the derive with bench/callgrind.py, and raise MAX_TOKENS only for a change worth it"
    );
    // A guard that a broken expansion would pass is no guard.
    assert!(
        tokens > 15_000,
        "only {tokens} tokens: the expansion lost variants"
    );
}
