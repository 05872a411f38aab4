//! The demo's SCIM endpoints driven by a strict RFC 7644 client from the package registry:
//! Python's `scim2-client` on `scim2-models`, which refuses any member the Error message schema
//! does not define. `tests/scim_client/check.py` runs six provisioning scenarios (create, find,
//! duplicate create, unknown user, unsupported filter, no token) against the demo served by axum
//! and by actix-web on a loopback port; this test asserts the script's exit status and output.
//!
//! The packages are pinned in `tests/scim_client/requirements.txt`; `.ci/run` installs them,
//! and this test installs them with pip when they are missing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::protocol_demo::{Framework, ManualClock, Server, Settings};

const TOKEN: &str = "strict-client-token-51c9";

/// What the script prints when every scenario passes, in order.
const SCENARIOS: [&str; 7] = [
    "ok strict: scim2-models refuses an Error with an unknown member",
    "ok create: 201 User ",
    "ok find_by_user_name: ListResponse of 1, then User ",
    "ok duplicate_create: 409 uniqueness: userName \"alice@example.com\" is already taken",
    "ok get_missing: 404: Resource \"2819c223\" not found",
    "ok bad_filter: 400 invalidFilter: Unsupported filter",
    "ok unauthorized: 401: ",
];

fn scim_client_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scim_client")
}

fn python(args: &[&str]) -> Output {
    Command::new("python3")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("python3 must be installed to run the strict SCIM client: {e}"))
}

fn importable() -> bool {
    python(&["-c", "import scim2_client, scim2_models, httpx2"])
        .status
        .success()
}

/// Makes sure the pinned client is importable, installing it with pip once when it is not.
fn ensure_client() {
    static READY: OnceLock<()> = OnceLock::new();
    READY.get_or_init(|| {
        if importable() {
            return;
        }
        let requirements = scim_client_dir().join("requirements.txt");
        let requirements = requirements.to_str().expect("a UTF-8 path");
        let install = python(&["-m", "pip", "install", "--quiet", "-r", requirements]);
        assert!(
            install.status.success() && importable(),
            "the strict SCIM client could not be installed: \
             `python3 -m pip install -r {requirements}` said:\n{}{}",
            String::from_utf8_lossy(&install.stdout),
            String::from_utf8_lossy(&install.stderr),
        );
    });
}

#[test]
fn a_strict_scim_client_passes_every_provisioning_scenario() {
    ensure_client();
    let script = scim_client_dir().join("check.py");
    for framework in [Framework::Axum, Framework::Actix] {
        let settings = Settings {
            scim_token: TOKEN.to_owned(),
            ..Settings::default()
        };
        let server = Server::start(framework, &ManualClock::new(), settings);
        let base_url = server.base_url();
        let run = python(&[script.to_str().expect("a UTF-8 path"), &base_url, TOKEN]);
        let stdout = String::from_utf8_lossy(&run.stdout);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(
            run.status.success(),
            "{framework:?}: the strict client failed ({}):\n{stdout}{stderr}",
            run.status
        );
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(lines.len(), SCENARIOS.len(), "{framework:?}:\n{stdout}");
        for (line, expected) in lines.iter().zip(SCENARIOS) {
            assert!(line.starts_with(expected), "{framework:?}: {line}");
        }
    }
}
