//! Error codes are API: clients match on them. `tests/fixtures/authos-catalog.snapshot` records
//! the AuthOS catalog's contract through the public check (`authos_errors::stability`), so
//! removing a code, changing its status, a protocol mapping or a `details` member fails here,
//! and so does any other change until it is accepted with
//! `AUTHOS_ERRORS_UPDATE_SNAPSHOTS=1 cargo test -p authos-errors-tests --test integration catalog::stability`.

use authos_errors::ApiErrorCode;
use authos_errors::catalog::AuthOsError;

#[test]
fn the_authos_catalog_matches_its_committed_snapshot() {
    authos_errors::stability::assert_stable(
        AuthOsError::CATALOG,
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/authos-catalog.snapshot"
        ),
    );
}
