//! The stability check of any catalog (`authos_errors::stability`): each class of change against
//! a recorded snapshot, the exact failure message, and accepting changes by writing the file —
//! explicitly and through `AUTHOS_ERRORS_UPDATE_SNAPSHOTS=1`.

use std::path::Path;
use std::process::Command;

use authos_errors::ErrorCodeInfo;
use authos_errors::oauth::OAuthErrorCode;
use authos_errors::scim::ScimType;
use authos_errors::stability::{
    ChangeClass, Outcome, Snapshot, StabilityCheck, StabilityError, UPDATE_ENV,
};

use super::TempDir;

/// How every failure message says to accept the catalog as it is.
const ACCEPT: &str = "run the tests again with AUTHOS_ERRORS_UPDATE_SNAPSHOTS=1 \
                      (`AUTHOS_ERRORS_UPDATE_SNAPSHOTS=1 cargo test`)";

/// The snapshot a project committed before the changes below.
const RECORDED: &str = r#"
[ACCOUNT_LOCKED]
status = 401
group = "Auth"
description = "Too many failed attempts"
resolution = "Wait or contact support"

[CODE_USED]
status = 400
oauth = "invalid_grant"
group = "OAuth"
description = "Code already used"

[DUPLICATE_USER]
status = 409
scim = "uniqueness"
group = "SCIM"
description = "User exists"

[LOGIN_REQUIRED]
status = 401
group = "Auth"
description = "Log in first"

[PENDING]
status = 400
oauth = "authorization_pending"
group = "OAuth"
description = "Pending"

[RATE_LIMITED]
status = 429
retry_after = 60
group = "General"
description = "Too many requests"

[SLUG_TOO_SHORT]
status = 400
details = ["max", "min"]
group = "Validation"
description = "Slug too short"

[UPSTREAM_DOWN]
status = 503
retry_after = 30
group = "General"
description = "Upstream down"
"#;

fn recorded() -> Snapshot {
    Snapshot::parse(RECORDED).expect("the recorded snapshot parses")
}

/// `class  CODE: what` for each change from [`RECORDED`] to `catalog`.
fn change_lines(catalog: &[ErrorCodeInfo]) -> Vec<String> {
    Snapshot::of(catalog)
        .changes_since(&recorded())
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// Why checking `catalog` against the snapshot at `path` fails.
fn refused(catalog: &[ErrorCodeInfo], path: &Path) -> StabilityError {
    StabilityCheck::new(catalog, path)
        .update(false)
        .run()
        .expect_err("the check fails")
}

/// [`RECORDED`] as a catalog: no change at all.
fn unchanged() -> Vec<ErrorCodeInfo> {
    vec![
        ErrorCodeInfo::new("ACCOUNT_LOCKED", 401, "Too many failed attempts")
            .with_group("Auth")
            .with_resolution("Wait or contact support"),
        ErrorCodeInfo::new("CODE_USED", 400, "Code already used")
            .with_group("OAuth")
            .with_oauth(OAuthErrorCode::InvalidGrant),
        ErrorCodeInfo::new("DUPLICATE_USER", 409, "User exists")
            .with_group("SCIM")
            .with_scim(ScimType::Uniqueness),
        ErrorCodeInfo::new("LOGIN_REQUIRED", 401, "Log in first").with_group("Auth"),
        ErrorCodeInfo::new("PENDING", 400, "Pending")
            .with_group("OAuth")
            .with_oauth(OAuthErrorCode::AuthorizationPending),
        ErrorCodeInfo::new("RATE_LIMITED", 429, "Too many requests")
            .with_group("General")
            .with_retry_after(60),
        ErrorCodeInfo::new("SLUG_TOO_SHORT", 400, "Slug too short")
            .with_group("Validation")
            .with_details(&["min", "max"]),
        ErrorCodeInfo::new("UPSTREAM_DOWN", 503, "Upstream down")
            .with_group("General")
            .with_retry_after(30),
    ]
}

/// `catalog` with the entry of `code` replaced by `edit(entry)`, or removed when `edit` says `None`.
fn edited(
    catalog: Vec<ErrorCodeInfo>,
    code: &str,
    edit: impl Fn(ErrorCodeInfo) -> Option<ErrorCodeInfo>,
) -> Vec<ErrorCodeInfo> {
    catalog
        .into_iter()
        .filter_map(|entry| {
            if entry.code == code {
                edit(entry)
            } else {
                Some(entry)
            }
        })
        .collect()
}

#[test]
fn the_recorded_catalog_has_no_changes() {
    assert_eq!(change_lines(&unchanged()), Vec::<String>::new());
    // Details are a set: declaring them in another order changes nothing.
    let reordered = edited(unchanged(), "SLUG_TOO_SHORT", |e| {
        Some(e.with_details(&["max", "min"]))
    });
    assert_eq!(change_lines(&reordered), Vec::<String>::new());
}

#[test]
fn removed_codes_changed_statuses_and_mappings_and_removed_details_are_breaking() {
    let mut catalog = edited(unchanged(), "ACCOUNT_LOCKED", |_| None);
    catalog = edited(catalog, "DUPLICATE_USER", |mut e| {
        e.status = 400;
        e.scim = None;
        Some(e)
    });
    catalog = edited(catalog, "CODE_USED", |mut e| {
        e.oauth = None;
        Some(e)
    });
    catalog = edited(catalog, "PENDING", |e| {
        Some(e.with_oauth(OAuthErrorCode::SlowDown))
    });
    // Mapped to an `error` other than the fallback it was answered with (`invalid_client`).
    catalog = edited(catalog, "LOGIN_REQUIRED", |e| {
        Some(e.with_oauth(OAuthErrorCode::AccessDenied))
    });
    catalog = edited(catalog, "SLUG_TOO_SHORT", |e| {
        Some(e.with_details(&["min"]))
    });
    catalog = edited(catalog, "UPSTREAM_DOWN", |mut e| {
        e.retry_after = None;
        Some(e)
    });
    assert_eq!(
        change_lines(&catalog),
        [
            "breaking  ACCOUNT_LOCKED: code removed (was 401)",
            "breaking  CODE_USED: OAuth error `invalid_grant` -> none",
            "breaking  DUPLICATE_USER: status 409 -> 400",
            "breaking  DUPLICATE_USER: SCIM scimType `uniqueness` -> none",
            "breaking  LOGIN_REQUIRED: OAuth error none -> `access_denied`",
            "breaking  PENDING: OAuth error `authorization_pending` -> `slow_down`",
            "breaking  SLUG_TOO_SHORT: details member `max` removed",
            "breaking  UPSTREAM_DOWN: Retry-After default `30` -> none",
        ]
    );
}

#[test]
fn added_codes_details_and_mappings_are_additive() {
    let mut catalog = unchanged();
    catalog.push(ErrorCodeInfo::new("CARD_DECLINED", 402, "Card declined").with_group("Billing"));
    catalog = edited(catalog, "SLUG_TOO_SHORT", |e| {
        Some(e.with_details(&["min", "max", "suggestion"]))
    });
    catalog = edited(catalog, "ACCOUNT_LOCKED", |e| {
        Some(e.with_scim(ScimType::Mutability))
    });
    // The `error` a 401 was already answered with on OAuth endpoints.
    catalog = edited(catalog, "LOGIN_REQUIRED", |e| {
        Some(e.with_oauth(OAuthErrorCode::InvalidClient))
    });
    catalog = edited(catalog, "DUPLICATE_USER", |e| Some(e.with_retry_after(5)));
    assert_eq!(
        change_lines(&catalog),
        [
            "additive  ACCOUNT_LOCKED: SCIM scimType none -> `mutability`",
            "additive  CARD_DECLINED: code added (402)",
            "additive  DUPLICATE_USER: Retry-After default none -> `5`",
            "additive  LOGIN_REQUIRED: OAuth error none -> `invalid_client`",
            "additive  SLUG_TOO_SHORT: details member `suggestion` added",
        ]
    );
}

#[test]
fn texts_groups_and_retry_delays_are_cosmetic() {
    let mut catalog = edited(unchanged(), "ACCOUNT_LOCKED", |mut e| {
        e.description = "Account locked";
        e.resolution = None;
        e.group = "Authentication";
        Some(e)
    });
    catalog = edited(catalog, "LOGIN_REQUIRED", |e| {
        Some(e.with_resolution("POST /login"))
    });
    catalog = edited(catalog, "RATE_LIMITED", |e| Some(e.with_retry_after(120)));
    assert_eq!(
        change_lines(&catalog),
        [
            r#"cosmetic  ACCOUNT_LOCKED: group "Auth" -> "Authentication""#,
            r#"cosmetic  ACCOUNT_LOCKED: description "Too many failed attempts" -> "Account locked""#,
            r#"cosmetic  ACCOUNT_LOCKED: resolution "Wait or contact support" -> none"#,
            r#"cosmetic  LOGIN_REQUIRED: resolution none -> "POST /login""#,
            "cosmetic  RATE_LIMITED: Retry-After default `60` -> `120`",
        ]
    );
    let classes: Vec<ChangeClass> = Snapshot::of(&catalog)
        .changes_since(&recorded())
        .iter()
        .map(|change| change.class)
        .collect();
    assert_eq!(classes, [ChangeClass::Cosmetic; 5]);
}

#[test]
fn the_failure_message_lists_each_change_with_its_class_and_how_to_accept() {
    let dir = TempDir::new("stability-message");
    let path = dir.file("errors.snapshot");
    std::fs::write(&path, RECORDED).unwrap();
    let mut catalog = edited(unchanged(), "CODE_USED", |mut e| {
        e.status = 410;
        Some(e)
    });
    catalog = edited(catalog, "PENDING", |mut e| {
        e.description = "Still pending";
        Some(e)
    });
    catalog.push(ErrorCodeInfo::new("NEW_CODE", 422, "New").with_group("General"));

    let error = refused(&catalog, &path);
    assert_eq!(
        error.to_string(),
        format!(
            "the error catalog differs from its snapshot {} (3 changes):\n\
             \x20 breaking  CODE_USED: status 400 -> 410\n\
             \x20 additive  NEW_CODE: code added (422)\n\
             \x20 cosmetic  PENDING: description \"Pending\" -> \"Still pending\"\n\
             Breaking changes fail clients written against the recorded catalog: make them only \
             in a release that may break clients.\n\
             To accept the changes, {ACCEPT} and commit the updated snapshot.",
            path.display()
        )
    );
    // Without a breaking change, the message does not warn about clients.
    let additive_only = {
        let mut catalog = unchanged();
        catalog.push(ErrorCodeInfo::new("NEW_CODE", 422, "New").with_group("General"));
        catalog
    };
    let error = refused(&additive_only, &path);
    assert_eq!(
        error.to_string(),
        format!(
            "the error catalog differs from its snapshot {} (1 change):\n\
             \x20 additive  NEW_CODE: code added (422)\n\
             To accept the changes, {ACCEPT} and commit the updated snapshot.",
            path.display()
        )
    );
    // Failing never touches the committed file.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), RECORDED);
}

#[test]
fn assert_stable_panics_with_the_message() {
    // Unless the variable asks to accept (a developer's run), when the file is rewritten
    // instead (accepting_through_the_environment_variable checks that).
    if std::env::var_os(UPDATE_ENV).is_some() {
        return;
    }
    let dir = TempDir::new("stability-panic");
    let path = dir.file("errors.snapshot");
    std::fs::write(&path, RECORDED).unwrap();
    let catalog = edited(unchanged(), "ACCOUNT_LOCKED", |_| None);
    let panic = std::panic::catch_unwind(|| {
        authos_errors::stability::assert_stable(&catalog, &path);
    })
    .expect_err("a removed code fails");
    let message = panic.downcast_ref::<String>().expect("a formatted message");
    assert!(
        message.contains("\n  breaking  ACCOUNT_LOCKED: code removed (was 401)\n"),
        "{message}"
    );
}

#[test]
fn a_missing_or_foreign_snapshot_says_how_to_create_it() {
    let dir = TempDir::new("stability-missing");
    let path = dir.file("nested/errors.snapshot");
    let error = refused(&unchanged(), &path);
    assert!(matches!(error, StabilityError::Missing { .. }));
    assert_eq!(
        error.to_string(),
        format!(
            "no snapshot of the error catalog at {}: to create it, {ACCEPT} and commit it.",
            path.display()
        )
    );

    let foreign = dir.file("codes.snapshot");
    std::fs::write(&foreign, "ACCOUNT_LOCKED 401\n").unwrap();
    let error = refused(&unchanged(), &foreign);
    assert_eq!(
        error.to_string(),
        format!(
            "{} is not a snapshot of an error catalog (line 1: expected a section header \
             `[CODE]` before `ACCOUNT_LOCKED 401`): to write it anew, {ACCEPT} and commit it.",
            foreign.display()
        )
    );
    // Accepting replaces it.
    let written = StabilityCheck::new(&unchanged(), &foreign)
        .update(true)
        .run()
        .unwrap();
    assert_eq!(written.changes().len(), unchanged().len());
    assert_eq!(
        Snapshot::parse(&std::fs::read_to_string(&foreign).unwrap()).unwrap(),
        recorded()
    );
}

#[test]
fn updating_writes_the_snapshot_and_accepts_every_change() {
    let dir = TempDir::new("stability-update");
    let path = dir.file("errors.snapshot");
    std::fs::write(&path, RECORDED).unwrap();
    let catalog = edited(unchanged(), "ACCOUNT_LOCKED", |_| None);

    let outcome = StabilityCheck::new(&catalog, &path)
        .update(true)
        .run()
        .unwrap();
    let accepted: Vec<String> = outcome.changes().iter().map(ToString::to_string).collect();
    assert_eq!(
        accepted,
        ["breaking  ACCOUNT_LOCKED: code removed (was 401)"]
    );
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, Snapshot::of(&catalog).to_string());
    assert!(!written.contains("ACCOUNT_LOCKED"));

    // The written file is what the next check compares with, and a current file is left as is.
    let checked = StabilityCheck::new(&catalog, &path).update(false).run();
    assert_eq!(checked.unwrap(), Outcome::Unchanged);
    let again = StabilityCheck::new(&catalog, &path).update(true).run();
    assert_eq!(again.unwrap(), Outcome::Unchanged);
}

/// The folder [`accepting_through_the_environment_variable`] hands its child process.
const CHILD_DIR_ENV: &str = "AUTHOS_ERRORS_TEST_STABILITY_DIR";

/// Run by [`accepting_through_the_environment_variable`] in a child process, with the variables
/// it sets; ignored otherwise.
#[test]
#[ignore = "run by accepting_through_the_environment_variable in a child process"]
fn update_child() {
    let Some(dir) = std::env::var_os(CHILD_DIR_ENV) else {
        return;
    };
    let catalog = edited(unchanged(), "ACCOUNT_LOCKED", |_| None);
    authos_errors::stability::assert_stable(&catalog, Path::new(&dir).join("errors.snapshot"));
}

#[test]
fn accepting_through_the_environment_variable() {
    let dir = TempDir::new("stability-env");
    let path = dir.file("errors.snapshot");
    std::fs::write(&path, RECORDED).unwrap();
    // The variable is process-wide: this test binary runs one test again in a child process
    // with it set, rather than setting it under the other tests.
    let run_child = |update: Option<&str>| {
        let mut command = Command::new(std::env::current_exe().expect("the test binary"));
        command
            .args([
                "--exact",
                "reference::stability::update_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DIR_ENV, dir.path())
            .env_remove(UPDATE_ENV);
        if let Some(value) = update {
            command.env(UPDATE_ENV, value);
        }
        command.output().expect("the child test runs")
    };

    let refused = run_child(None);
    assert!(
        !refused.status.success(),
        "a removed code fails without the variable"
    );
    let out = String::from_utf8_lossy(&refused.stderr);
    assert!(
        out.contains("breaking  ACCOUNT_LOCKED: code removed (was 401)"),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), RECORDED);

    let accepted = run_child(Some("1"));
    let err = String::from_utf8_lossy(&accepted.stderr);
    assert!(accepted.status.success(), "the variable accepts: {err}");
    assert!(
        err.contains(&format!(
            "AUTHOS_ERRORS_UPDATE_SNAPSHOTS=1: wrote {} (1 change accepted)\n  breaking  ACCOUNT_LOCKED: code removed (was 401)\n",
            path.display()
        )),
        "{err}"
    );
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(!written.contains("[ACCOUNT_LOCKED]"), "{written}");

    // Now recorded, the catalog passes without the variable.
    assert!(run_child(None).status.success());
}

#[test]
fn any_text_survives_the_snapshot_file() {
    let catalog = [
        ErrorCodeInfo::new(
            "QUOTED",
            400,
            "Say \"hi\" \\ then\nnew line\tand \u{7} bell",
        )
        .with_group("Ünïcode [group] = \"x\"")
        .with_resolution("# not a comment")
        .with_details(&["a\"b", "c, d", "]"]),
        ErrorCodeInfo::new("not a [bare] code", 418, "Teapot"),
    ];
    let snapshot = Snapshot::of(&catalog);
    let text = snapshot.to_string();
    assert_eq!(Snapshot::parse(&text).unwrap(), snapshot);
    assert!(text.contains("\n[\"not a [bare] code\"]\n"), "{text}");
    assert!(
        text.contains(r#"description = "Say \"hi\" \\ then\nnew line\tand \u0007 bell""#),
        "{text}"
    );
    // Windows line endings, as a checkout may have them, read the same.
    assert_eq!(
        Snapshot::parse(&text.replace('\n', "\r\n")).unwrap(),
        snapshot
    );
}

#[test]
fn a_snapshot_file_is_read_strictly() {
    let error = |text: &str| Snapshot::parse(text).unwrap_err().to_string();
    assert_eq!(
        error("[A]\nstatus = 400\nstatus = 401\n"),
        "line 3: `status` is set twice"
    );
    assert_eq!(
        error("[A]\nstatus = 400\ngroup = \"\"\ndescription = \"\"\n[A]\n"),
        "line 5: `A` is recorded twice"
    );
    assert_eq!(
        error("[A]\nstatus = 400\ngroup = \"\"\n"),
        "line 1: `A` has no `description`"
    );
    assert_eq!(
        error("[A]\ncolour = \"red\"\n"),
        "line 2: unknown key `colour`"
    );
    assert_eq!(
        error("[A]\noauth = \"nope\"\n"),
        "line 2: `oauth`: `nope` is not a registered OAuth 2.0 error code"
    );
    assert_eq!(
        error("[A]\ndetails = [\"min\" \"max\"]\n"),
        "line 2: expected `,` or `]` before `\"max\"`"
    );
    assert_eq!(
        error("[A]\ndescription = \"open\n"),
        "line 2: unterminated string `\"open`"
    );
}
