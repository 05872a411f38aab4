//! A 5,000-variant enum (written by `build.rs`) compiles, and its catalog and `from_code`
//! cover every variant.

use authos_errors::ApiErrorCode;

include!(concat!(env!("OUT_DIR"), "/stress_enum.rs"));

#[test]
fn catalog_lists_every_variant_in_order() {
    assert_eq!(StressError::CATALOG.len(), 5_000);
    assert_eq!(StressError::CATALOG[0].code, "STRESS_0");
    assert_eq!(StressError::CATALOG[4_999].code, "STRESS_4999");
    assert_eq!(StressError::CATALOG[4_999].group, "Stress Errors");
}

#[test]
fn from_code_finds_first_and_last() {
    assert_eq!(
        StressError::from_code("STRESS_0"),
        Some(StressError::Variant0)
    );
    assert_eq!(
        StressError::from_code("STRESS_4999"),
        Some(StressError::Variant4999)
    );
    assert_eq!(StressError::from_code("STRESS_5000"), None);
    let last = StressError::Variant4999;
    assert_eq!(last.code(), "STRESS_4999");
    assert_eq!(last.status(), 400 + 4_999 % 200);
    assert_eq!(last.message(), "Stress error number 4999");
}
