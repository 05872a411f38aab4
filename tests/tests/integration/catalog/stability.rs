//! Error codes are API: clients match on them. `tests/fixtures/codes.snapshot` records every code
//! with its status; removing a code or changing its status fails here, and a new code passes only
//! once the snapshot records it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use authos_errors::ApiErrorCode;
use authos_errors::catalog::AuthOsError;

const UPDATE_HINT: &str =
    "UPDATE_SNAPSHOTS=1 cargo test -p authos-errors-tests --test integration catalog::stability";

fn snapshot_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/codes.snapshot")
}

/// `CODE STATUS` per line, sorted by code.
fn render(codes: &BTreeMap<&str, u16>) -> String {
    codes.iter().fold(String::new(), |mut out, (code, status)| {
        let _ = writeln!(out, "{code} {status}");
        out
    })
}

fn parse(snapshot: &str) -> BTreeMap<&str, u16> {
    snapshot
        .lines()
        .enumerate()
        .map(|(n, line)| {
            let (code, status) = line
                .split_once(' ')
                .and_then(|(code, status)| Some((code, status.parse().ok()?)))
                .unwrap_or_else(|| {
                    panic!(
                        "codes.snapshot line {}: expected `CODE STATUS`, got {line:?}",
                        n + 1
                    )
                });
            (code, status)
        })
        .collect()
}

/// What changed between the recorded and the current codes.
#[derive(Debug, Default, PartialEq)]
struct Diff<'a> {
    /// Recorded, gone now: breaking.
    removed: Vec<&'a str>,
    /// Recorded with another status: breaking.
    status_changed: Vec<(&'a str, u16, u16)>,
    /// Not recorded yet.
    added: Vec<&'a str>,
}

fn diff<'a>(recorded: &BTreeMap<&'a str, u16>, current: &BTreeMap<&'a str, u16>) -> Diff<'a> {
    let mut diff = Diff::default();
    for (&code, &was) in recorded {
        match current.get(code) {
            None => diff.removed.push(code),
            Some(&now) if now != was => diff.status_changed.push((code, was, now)),
            Some(_) => {}
        }
    }
    diff.added = current
        .keys()
        .copied()
        .filter(|code| !recorded.contains_key(code))
        .collect();
    diff
}

/// The failure message, or `None` when the snapshot is current.
fn problems(diff: &Diff<'_>) -> Option<String> {
    let mut out = String::new();
    if !diff.removed.is_empty() || !diff.status_changed.is_empty() {
        out.push_str(
            "error codes are API: clients match on them, so a code may not disappear or change \
             its HTTP status.\n",
        );
        for code in &diff.removed {
            let _ = writeln!(out, "  removed: {code}");
        }
        for (code, was, now) in &diff.status_changed {
            let _ = writeln!(out, "  status changed: {code} {was} -> {now}");
        }
        out.push_str(
            "Restore them; if this is a deliberate breaking release, edit \
             tests/fixtures/codes.snapshot by hand.\n",
        );
    }
    if !diff.added.is_empty() {
        let _ = writeln!(
            out,
            "new error codes, not yet in tests/fixtures/codes.snapshot: {}\n\
             Once they are final (they become API), record them with\n    {UPDATE_HINT}",
            diff.added.join(", ")
        );
    }
    (!out.is_empty()).then_some(out)
}

#[test]
fn codes_and_statuses_are_stable() {
    let current: BTreeMap<&str, u16> = AuthOsError::CATALOG
        .iter()
        .map(|info| (info.code, info.status))
        .collect();
    let path = snapshot_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "read {}: {e}\nCreate it with\n    {UPDATE_HINT}",
            path.display()
        )
    });
    let recorded = parse(&text);
    let diff = diff(&recorded, &current);

    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1");
    if update && diff.removed.is_empty() && diff.status_changed.is_empty() {
        // Only additions are recorded automatically; breaking changes stay a hand edit.
        if !diff.added.is_empty() {
            std::fs::write(&path, render(&current)).expect("write codes.snapshot");
        }
        return;
    }
    if let Some(message) = problems(&diff) {
        panic!("{message}");
    }
    assert_eq!(
        text,
        render(&current),
        "codes.snapshot is not sorted one `CODE STATUS` per line"
    );
}

fn codes(entries: &[(&'static str, u16)]) -> BTreeMap<&'static str, u16> {
    entries.iter().copied().collect()
}

#[test]
fn a_removed_code_or_changed_status_is_reported_as_breaking() {
    let recorded = codes(&[("GONE", 404), ("KEPT", 400), ("MOVED", 409)]);
    let current = codes(&[("KEPT", 400), ("MOVED", 410)]);
    let diff = diff(&recorded, &current);
    assert_eq!(
        diff,
        Diff {
            removed: vec!["GONE"],
            status_changed: vec![("MOVED", 409, 410)],
            added: vec![]
        }
    );
    let message = problems(&diff).expect("breaking changes fail");
    assert!(message.contains("error codes are API"), "{message}");
    assert!(message.contains("removed: GONE"), "{message}");
    assert!(
        message.contains("status changed: MOVED 409 -> 410"),
        "{message}"
    );
}

#[test]
fn a_new_code_fails_until_recorded() {
    let recorded = codes(&[("KEPT", 400)]);
    let current = codes(&[("KEPT", 400), ("NEW_CODE", 422)]);
    let message = problems(&diff(&recorded, &current)).expect("unrecorded code fails");
    assert!(message.contains("NEW_CODE"), "{message}");
    assert!(message.contains(UPDATE_HINT), "{message}");
    assert!(
        !message.contains("error codes are API: clients"),
        "an addition is not breaking"
    );

    let updated = render(&current);
    assert_eq!(updated, "KEPT 400\nNEW_CODE 422\n");
    assert_eq!(problems(&diff(&parse(&updated), &current)), None);
}
