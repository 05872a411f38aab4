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
