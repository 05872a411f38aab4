//! Compile-fail and compile-pass cases of `#[derive(ApiErrorCode)]`, checked with trybuild.
//!
//! Every file under `tests/ui/<category>/` other than `pass/` holds one misuse; its `.stderr`
//! snapshot is the exact diagnostic a user sees. Regenerate snapshots with
//! `TRYBUILD=overwrite cargo test -p authos-errors-ui-tests --test ui`, then read them.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    for category in [
        "shape",
        "code",
        "status",
        "keys",
        "description",
        "message",
        "transparent",
        "enum_attrs",
        "source",
        "from",
        "detail",
        "client",
        "retry_after",
    ] {
        cases.compile_fail(format!("tests/ui/{category}/*.rs"));
    }
    cases.compile_fail("tests/ui/many_mistakes.rs");
    cases.pass("tests/ui/pass/*.rs");
}

/// The README's sample compile error is a UI case's snapshot, so it cannot go stale.
#[test]
fn readme_sample_error_is_a_ui_snapshot() {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("## Compile errors that say what to write")
        .nth(1)
        .expect("the README has the section");
    let sample = section
        .split("```text\n")
        .nth(1)
        .and_then(|block| block.split("\n```").next())
        .expect("the section opens with a text block");
    let snapshot = include_str!("ui/keys/misspelt.stderr");
    assert_eq!(
        sample.trim_end(),
        snapshot.trim_end(),
        "copy ui-tests/tests/ui/keys/misspelt.stderr into the README's sample"
    );
}
