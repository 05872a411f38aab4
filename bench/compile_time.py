#!/usr/bin/env python3
"""Compile-time benchmark: `#[derive(ApiErrorCode)]` vs hand-written impls vs thiserror + strum.

For each size N it generates three crates with the same observable behaviour:

  a  `#[derive(ApiErrorCode)]`
  b  the same impls written by hand (ApiErrorCode with CATALOG and info(), message(), Display,
     Error, Serialize of the body, from_code; for the unit enum also FromStr, TryFrom<&str>,
     AsRef<str>, From<E> for &'static str, Deserialize, ALL and AllValues)
  c  `thiserror::Error` + `strum::{IntoStaticStr, EnumString}` with hand-written
     status / description / resolution matches and a hand-written Serialize of the body

Each crate holds N variants in two enums, like a real catalog: `UnitErrors` (85 %, unit variants,
so `from_code` applies; half have a resolution) and `DetailErrors` (15 %: named and tuple fields
with message templates, fields without a message, and ~1 % of N with a `#[source] io::Error`).

After the dependencies are built, every timed run rewrites `src/edit.rs` (one constant, so
rustc really has something to recompile, as after a one-line edit elsewhere in the crate) and
times `cargo build` / `cargo check` of that crate. Flavours are interleaved (a, b, c, a, b, c,
...) so a burst of load from other processes hits all three alike; the report gives medians and
the ratios a/b and a/c of those medians.

    python3 bench/compile_time.py                      # sizes 100,1000,5000, the full matrix
    python3 bench/compile_time.py --sizes 100 --runs 2 # a quick try

Only cargo and the Python standard library are used. Generated crates and their target
directories live in bench/generated/ (git-ignored); its own target dirs keep the timed builds
from waiting on the lock of a shared target dir.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
GENERATED = BENCH / "generated" / "compile"

FLAVOURS = ["a", "b", "c"]
FLAVOUR_NAMES = {
    "a0": "derive(ApiErrorCode) at --baseline",
    "a": "derive(ApiErrorCode)",
    "b": "hand-written",
    "c": "thiserror + strum",
}

WORDS_1 = ["TOKEN", "USER", "ORG", "SESSION", "INVOICE", "WEBHOOK", "DEVICE", "CLIENT",
           "SCOPE", "TENANT", "POLICY", "KEY", "GRANT", "ROLE", "AUDIT", "EXPORT"]
WORDS_2 = ["EXPIRED", "NOT_FOUND", "REVOKED", "INVALID", "LOCKED", "MISSING", "CONFLICT",
           "DISABLED", "QUOTA_EXCEEDED", "UNVERIFIED", "MALFORMED", "PENDING"]
STATUSES = [400, 401, 403, 404, 409, 410, 422, 429, 500, 502, 503]


# --------------------------------------------------------------------------- catalog model

def camel(code: str) -> str:
    return "".join(part.capitalize() for part in code.split("_"))


def catalog(n: int) -> tuple[list[dict], list[dict]]:
    """The N entries, split into the unit enum and the enum with fields."""
    unit, detail = [], []
    sources_wanted = max(1, n // 100)
    for i in range(n):
        code = f"{WORDS_1[i % len(WORDS_1)]}_{WORDS_2[(i // len(WORDS_1)) % len(WORDS_2)]}_{i}"
        entry = {
            "code": code,
            "ident": camel(code),
            "status": STATUSES[(i * 7) % len(STATUSES)],
            "description": f"The {code.lower().replace('_', ' ')} request could not be completed",
            "resolution": f"Check the request and retry (see error {i})" if i % 2 == 0 else None,
        }
        if i % 20 < 17:
            unit.append(entry)
        else:
            detail.append(entry)
    for j, entry in enumerate(detail):
        if j % 15 == 14 and sources_wanted > 0:
            sources_wanted -= 1
            entry["shape"] = "source"
            entry["message"] = "Storage is unavailable"
        elif j % 3 == 0:
            entry["shape"] = "named"
            entry["message"] = "Item {id} exceeds the limit of {limit}"
        elif j % 3 == 1:
            entry["shape"] = "tuple"
            entry["message"] = "Unknown value {0}"
        else:
            entry["shape"] = "reason"
            entry["message"] = None
    # Small sizes still get one #[source] variant.
    if sources_wanted > 0 and detail:
        detail[-1]["shape"] = "source"
        detail[-1]["message"] = "Storage is unavailable"
    return unit, detail


def fields_decl(entry: dict, source_attr: bool = True) -> str:
    if entry["shape"] == "source" and not source_attr:
        return "(std::io::Error)"
    return {
        "named": " { id: String, limit: u32 }",
        "tuple": "(String)",
        "reason": " { reason: String }",
        "source": "(#[source] std::io::Error)",
    }[entry["shape"]]


def pattern(entry: dict) -> str:
    """A pattern that ignores the fields."""
    return {
        None: f"Self::{entry['ident']}",
        "named": f"Self::{entry['ident']} {{ .. }}",
        "reason": f"Self::{entry['ident']} {{ .. }}",
        "tuple": f"Self::{entry['ident']}(..)",
        "source": f"Self::{entry['ident']}(..)",
    }[entry.get("shape")]


def rust_str(text: str) -> str:
    return json.dumps(text)  # a JSON string literal is a valid Rust string literal here


# --------------------------------------------------------------------------- flavour a

def flavour_a(unit: list[dict], detail: list[dict]) -> str:
    out = ["//! Generated by bench/compile_time.py: flavour a, #[derive(ApiErrorCode)].",
           "#![allow(missing_docs)]", "mod edit;", "pub use edit::EDIT;",
           "use authos_errors::ApiErrorCode;", ""]

    def variant(entry: dict, with_fields: bool) -> list[str]:
        keys = [rust_str(entry["code"]), f"status = {entry['status']}"]
        if entry["resolution"]:
            keys.append(f"resolution = {rust_str(entry['resolution'])}")
        if with_fields and entry["message"]:
            keys.append(f"message = {rust_str(entry['message'])}")
        decl = fields_decl(entry) if with_fields else ""
        return [f"    /// {entry['description']}",
                f"    #[code({', '.join(keys)})]",
                f"    {entry['ident']}{decl},"]

    out += ["#[derive(Debug, Clone, Copy, PartialEq, Eq, ApiErrorCode)]",
            '#[api_error(group = "Unit Errors")]', "pub enum UnitErrors {"]
    for entry in unit:
        out += variant(entry, False)
    out += ["}", "", "#[derive(Debug, ApiErrorCode)]", '#[api_error(group = "Detail Errors")]',
            "pub enum DetailErrors {"]
    for entry in detail:
        out += variant(entry, True)
    out += ["}", ""]
    return "\n".join(out)


# --------------------------------------------------------------------------- flavour b

def info_literal(entry: dict, group: str) -> str:
    resolution = f"Some({rust_str(entry['resolution'])})" if entry["resolution"] else "None"
    # The derive records a variant's message template (localisation reads it): so does b.
    message = entry.get("message")
    template = f"Some({rust_str(message)})" if message else "None"
    # And its placeholders' names, each once in order of first appearance.
    names = []
    for name in re.findall(r"\{([^{}:]+)(?::[^{}]*)?\}", (message or "").replace("{{", "")):
        if name.strip() not in names:
            names.append(name.strip())
    args = ", ".join(rust_str(name) for name in names)
    return (f"        ErrorCodeInfo {{ code: {rust_str(entry['code'])}, status: {entry['status']}, "
            f"description: {rust_str(entry['description'])}, resolution: {resolution}, "
            f"group: {rust_str(group)}, oauth: None, scim: None, retry_after: None, "
            f"doc_url: None, message_template: {template}, message_args: &[{args}], "
            f"details: &[] }},")


def flavour_b(unit: list[dict], detail: list[dict]) -> str:
    out = ["//! Generated by bench/compile_time.py: flavour b, the same impls written by hand.",
           "#![allow(missing_docs)]", "mod edit;", "pub use edit::EDIT;",
           "use std::borrow::Cow;", "use std::fmt;",
           "use authos_errors::{ApiErrorCode, ErrorCodeInfo, FromCode};", ""]

    def enum_decl(name: str, derives: str, entries: list[dict], with_fields: bool) -> None:
        out.extend([f"#[derive({derives})]", f"pub enum {name} {{"])
        for entry in entries:
            decl = fields_decl(entry, source_attr=False) if with_fields else ""
            out.extend([f"    /// {entry['description']}", f"    {entry['ident']}{decl},"])
        out.append("}")
        out.append("")

    def api_impl(name: str, group: str, entries: list[dict], message_fn: list[str]) -> None:
        out.extend([f"impl ApiErrorCode for {name} {{",
                    "    const CATALOG: &'static [ErrorCodeInfo] = &["])
        out.extend(info_literal(entry, group) for entry in entries)
        # One bounds-checked index after the match, not one per arm: with an index per arm
        # (`Self::A => &Self::CATALOG[0]`) rustc and LLVM spend 8 s on 5,000 variants.
        out.extend(["    ];", "", "    fn info(&self) -> &'static ErrorCodeInfo {",
                    "        &Self::CATALOG[match self {"])
        out.extend(f"            {pattern(entry)} => {i},"
                   for i, entry in enumerate(entries))
        out.extend(["        }]", "    }"])
        out.extend(message_fn)
        out.extend(["}", ""])

    def common_impls(name: str, source_fn: list[str]) -> None:
        out.extend([f"impl fmt::Display for {name} {{",
                    "    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {",
                    "        f.write_str(&self.message())", "    }", "}", "",
                    f"impl std::error::Error for {name} {{"])
        out.extend(source_fn)
        out.extend(["}", "", f"impl serde::Serialize for {name} {{",
                    "    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {",
                    "        serde::Serialize::serialize(&self.to_body(), serializer)", "    }", "}", ""])

    enum_decl("UnitErrors", "Debug, Clone, Copy, PartialEq, Eq", unit, False)
    api_impl("UnitErrors", "Unit Errors", unit, [])
    common_impls("UnitErrors", [])
    out.extend(["impl UnitErrors {",
                "    /// The variant whose code is `code`.",
                "    pub fn from_code(code: &str) -> Option<Self> {",
                "        match code {"])
    out.extend(f"            {rust_str(entry['code'])} => Some(Self::{entry['ident']}),"
               for entry in unit)
    out.extend(["            _ => None,", "        }", "    }", "}", "",
                "impl FromCode for UnitErrors {",
                "    fn from_code(code: &str) -> Option<Self> {",
                "        Self::from_code(code)", "    }", "}", ""])

    # What the derive also gives an enum with `from_code`: the code parsed from a string and
    # read as a string, `Deserialize` from it, and the list of values.
    out.extend(["impl UnitErrors {", "    pub const ALL: &'static [Self] = &["])
    out.extend(f"        Self::{entry['ident']}," for entry in unit)
    out.extend(["    ];", "}", "",
                "impl std::str::FromStr for UnitErrors {",
                "    type Err = authos_errors::UnknownCode;",
                "    fn from_str(code: &str) -> Result<Self, Self::Err> {",
                "        Self::from_code(code).ok_or_else(|| authos_errors::UnknownCode::new(code, \"UnitErrors\"))",
                "    }", "}", "",
                "impl TryFrom<&str> for UnitErrors {",
                "    type Error = authos_errors::UnknownCode;",
                "    fn try_from(code: &str) -> Result<Self, Self::Error> {", "        code.parse()",
                "    }", "}", "",
                "impl AsRef<str> for UnitErrors {",
                "    fn as_ref(&self) -> &str {", "        self.code()", "    }", "}", "",
                "impl From<UnitErrors> for &'static str {",
                "    fn from(value: UnitErrors) -> &'static str {", "        value.code()", "    }", "}", "",
                "impl<'de> serde::Deserialize<'de> for UnitErrors {",
                "    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {",
                "        let code = String::deserialize(deserializer)?;",
                "        code.parse().map_err(serde::de::Error::custom)", "    }", "}", "",
                "impl authos_errors::AllValues for UnitErrors {",
                "    fn all() -> impl Iterator<Item = Self> {", "        Self::ALL.iter().copied()",
                "    }", "}", ""])

    enum_decl("DetailErrors", "Debug", detail, True)
    message_fn = ["", "    fn message(&self) -> Cow<'_, str> {", "        match self {"]
    for entry in detail:
        ident = entry["ident"]
        if entry["shape"] == "named":
            message_fn.append(f"            Self::{ident} {{ id, limit }} => "
                              "Cow::Owned(format!(\"Item {id} exceeds the limit of {limit}\")),")
        elif entry["shape"] == "tuple":
            message_fn.append(f"            Self::{ident}(value) => "
                              "Cow::Owned(format!(\"Unknown value {value}\")),")
        elif entry["shape"] == "source":
            message_fn.append(f"            Self::{ident}(..) => Cow::Borrowed(\"Storage is unavailable\"),")
    message_fn += ["            _ => Cow::Borrowed(self.description()),", "        }", "    }"]
    api_impl("DetailErrors", "Detail Errors", detail, message_fn)
    source_fn = ["    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {",
                 "        match self {"]
    source_fn += [f"            Self::{entry['ident']}(source) => Some(source),"
                  for entry in detail if entry["shape"] == "source"]
    source_fn += ["            _ => None,", "        }", "    }"]
    common_impls("DetailErrors", source_fn)
    return "\n".join(out)


# --------------------------------------------------------------------------- flavour c

def flavour_c(unit: list[dict], detail: list[dict]) -> str:
    out = ["//! Generated by bench/compile_time.py: flavour c, thiserror + strum.",
           "#![allow(missing_docs)]", "mod edit;", "pub use edit::EDIT;", ""]

    def enum_decl(name: str, derives: str, entries: list[dict], with_fields: bool) -> None:
        out.extend([f"#[derive({derives})]", f"pub enum {name} {{"])
        for entry in entries:
            message = (entry.get("message") if with_fields else None) or entry["description"]
            decl = fields_decl(entry) if with_fields else ""
            out.extend([f"    /// {entry['description']}",
                        f"    #[error({rust_str(message)})]",
                        f"    #[strum(serialize = {rust_str(entry['code'])})]",
                        f"    {entry['ident']}{decl},"])
        out.append("}")
        out.append("")

    def methods(name: str, entries: list[dict], from_code: bool) -> None:
        out.extend([f"impl {name} {{",
                    "    /// The machine-readable code.",
                    "    pub fn code(&self) -> &'static str {", "        self.into()", "    }", "",
                    "    /// The HTTP status.",
                    "    pub fn status(&self) -> u16 {", "        match self {"])
        out.extend(f"            {pattern(e)} => {e['status']}," for e in entries)
        out.extend(["        }", "    }", "", "    /// The catalog description.",
                    "    pub fn description(&self) -> &'static str {", "        match self {"])
        out.extend(f"            {pattern(e)} => {rust_str(e['description'])}," for e in entries)
        out.extend(["        }", "    }", "", "    /// The resolution hint.",
                    "    pub fn resolution(&self) -> Option<&'static str> {", "        match self {"])
        out.extend(f"            {pattern(e)} => Some({rust_str(e['resolution'])}),"
                   for e in entries if e["resolution"])
        out.extend(["            _ => None,", "        }", "    }", "",
                    "    /// The human-readable message.",
                    "    pub fn message(&self) -> String {", "        self.to_string()", "    }"])
        if from_code:
            out.extend(["", "    /// The variant whose code is `code`.",
                        "    pub fn from_code(code: &str) -> Option<Self> {",
                        "        code.parse().ok()", "    }"])
        out.extend(["}", "",
                    f"impl serde::Serialize for {name} {{",
                    "    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {",
                    "        use serde::ser::SerializeStruct;",
                    "        let mut body = serializer.serialize_struct(\"ErrorBody\", 3)?;",
                    "        body.serialize_field(\"error\", &self.to_string())?;",
                    "        body.serialize_field(\"error_code\", self.code())?;",
                    "        let now = chrono::Utc::now().format(\"%Y-%m-%dT%H:%M:%SZ\").to_string();",
                    "        body.serialize_field(\"timestamp\", &now)?;",
                    "        body.end()", "    }", "}", ""])

    enum_decl("UnitErrors",
              "Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, strum::IntoStaticStr, strum::EnumString",
              unit, False)
    methods("UnitErrors", unit, True)
    enum_decl("DetailErrors", "Debug, thiserror::Error, strum::IntoStaticStr", detail, True)
    methods("DetailErrors", detail, False)
    return "\n".join(out)


GENERATORS = {"a0": flavour_a, "a": flavour_a, "b": flavour_b, "c": flavour_c}

DEPENDENCIES = {
    "a0": ['authos-errors = { path = "../../snapshot-baseline/authos-errors" }',
           'serde = { version = "1", default-features = false, features = ["std"] }'],
    "a": ['authos-errors = { path = "../../snapshot/authos-errors" }',
          'serde = { version = "1", default-features = false, features = ["std"] }'],
    "b": ['authos-errors = { path = "../../snapshot/authos-errors" }',
          'serde = { version = "1", default-features = false, features = ["std"] }'],
    "c": ['thiserror = "2"',
          'strum = { version = "0.27", features = ["derive"] }',
          'serde = { version = "1", default-features = false, features = ["std"] }',
          'chrono = { version = "0.4.41", default-features = false, features = ["now"] }'],
}


def crate_name(flavour: str, n: int) -> str:
    return f"catalog_{flavour}_{n}"


def snapshot(worktree: bool, commit: str = "HEAD", dest_name: str = "snapshot") -> None:
    """Copies the repository into bench/generated/snapshot: the committed HEAD by default, so
    colleagues' half-finished edits neither break nor skew a run; the work tree on request;
    `commit` (into `dest_name`) for the baseline of a before/after comparison."""
    dest = BENCH / "generated" / dest_name
    if worktree:
        files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO,
                               capture_output=True, text=True, check=True).stdout.split("\n")
        fresh = {}
        for name in files:
            if name and not name.startswith("bench/") and (REPO / name).is_file():
                fresh[name] = (REPO / name).read_bytes()
    else:
        archive = subprocess.run(["git", "archive", "--format=tar", commit], cwd=REPO,
                                 capture_output=True, check=True).stdout
        fresh = {}
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            for member in tar.getmembers():
                if member.isfile() and not member.name.startswith("bench/"):
                    fresh[member.name] = tar.extractfile(member).read()
    # Rewrite only what changed, so cargo rebuilds only what changed.
    for name, data in fresh.items():
        path = dest / name
        if not path.exists() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    for path in dest.rglob("*"):
        if path.is_file() and str(path.relative_to(dest)) not in fresh:
            path.unlink()


def rename_baseline_version(base: Path = BENCH / "generated" / "snapshot-baseline") -> None:
    """Gives the baseline's crates version 0.0.0, so cargo can hold them beside HEAD's (same
    names, same paths' layout) in one lockfile."""
    for name, old, new in (("Cargo.toml", 'version = "0.1.0"', 'version = "0.0.0"'),
                           ("authos-errors/Cargo.toml", 'version = "=0.1.0"', 'version = "=0.0.0"')):
        path = base / name
        text = path.read_text()
        if old in text:
            path.write_text(text.replace(old, new, 1))


def generate(sizes: list[int], optimised_macros: bool = False) -> None:
    GENERATED.mkdir(parents=True, exist_ok=True)
    members = []
    for n in sizes:
        unit, detail = catalog(n)
        for flavour in FLAVOURS:
            name = crate_name(flavour, n)
            members.append(name)
            src = GENERATED / name / "src"
            src.mkdir(parents=True, exist_ok=True)
            deps = "\n".join(DEPENDENCIES[flavour])
            write_if_changed(GENERATED / name / "Cargo.toml",
                             f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2024"\n'
                             f"publish = false\n\n[dependencies]\n{deps}\n")
            write_if_changed(src / "lib.rs", GENERATORS[flavour](unit, detail))
            edit = src / "edit.rs"
            if not edit.exists():
                edit.write_text(EDIT_TEMPLATE.format(0))
    quoted = ", ".join(f'"{m}"' for m in sorted(set(members) | existing_members()))
    # Proc macros are built without optimisation in the dev profile; this override is what a
    # user can write to run every derive (ours, thiserror's, strum's) optimised instead.
    profile = ('\n[profile.dev.build-override]\nopt-level = 3\n' if optimised_macros else "")
    write_if_changed(GENERATED / "Cargo.toml",
                     f'[workspace]\nresolver = "3"\nmembers = [{quoted}]\n{profile}')


EDIT_TEMPLATE = "//! Rewritten before every timed build.\n\n/// Which timed build this is.\npub const EDIT: u32 = {};\n"


def existing_members() -> set[str]:
    return {p.parent.name for p in GENERATED.glob("catalog_*/Cargo.toml")}


def write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


# --------------------------------------------------------------------------- timing

EDIT_COUNTER = [0]
RUSTC_LOG = BENCH / "generated" / "rustc_times.log"


def cargo(args: list[str], target: Path, incremental: bool) -> float:
    """Runs cargo in the generated workspace; returns its wall-clock seconds."""
    env = dict(os.environ)
    env["CARGO_TARGET_DIR"] = str(target)
    env["CARGO_INCREMENTAL"] = "1" if incremental else "0"
    env["RUSTC_WRAPPER"] = str(BENCH / "rustc_timer.py")
    env["BENCH_RUSTC_LOG"] = str(RUSTC_LOG)
    env.pop("RUSTFLAGS", None)
    command = ["cargo", *args, "--quiet"]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=GENERATED, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"`{' '.join(command)}` failed:\n{result.stderr[-4000:]}")
    return elapsed


def timed_rebuild(command: str, flavour: str, n: int, target: Path,
                  incremental: bool) -> tuple[float, float]:
    """(cargo wall-clock seconds, rustc seconds) of rebuilding one crate after an edit."""
    EDIT_COUNTER[0] += 1
    name = crate_name(flavour, n)
    (GENERATED / name / "src" / "edit.rs").write_text(EDIT_TEMPLATE.format(EDIT_COUNTER[0]))
    RUSTC_LOG.unlink(missing_ok=True)
    wall = cargo([command, "-p", name, "--offline"], target, incremental)
    logged = [line.split() for line in RUSTC_LOG.read_text().splitlines()]
    rustc = [float(seconds) for crate, seconds in logged if crate == name]
    if len(rustc) != 1:
        sys.exit(f"expected one rustc run of {name}, the log says {logged}")
    return wall, rustc[0]


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    rustc = subprocess.run(["rustc", "-V"], capture_output=True, text=True).stdout.strip()
    return {"nproc": os.cpu_count(), "cpu": cpu, "rustc": rustc,
            "os": platform.platform(), "load_before": os.getloadavg()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000",
                        help="comma-separated variant counts (default 100,1000,5000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per cell (default 5)")
    parser.add_argument("--commands", default="build,check", help="cargo commands to time")
    parser.add_argument("--modes", default="incremental,non-incremental",
                        help="incremental (dev default) and/or non-incremental (CARGO_INCREMENTAL=0)")
    parser.add_argument("--worktree", action="store_true",
                        help="benchmark the work tree's authos-errors instead of the committed HEAD")
    parser.add_argument("--optimised-macros", action="store_true",
                        help="build every proc macro with opt-level 3 "
                             "([profile.dev.build-override]), in target dirs of their own")
    parser.add_argument("--baseline", metavar="COMMIT",
                        help="also time flavour a0: the derive at COMMIT, side by side with a")
    parser.add_argument("--generate-only", action="store_true",
                        help="write the crates and stop (to read or diff them)")
    parser.add_argument("--json", type=Path, default=BENCH / "generated" / "compile_time.json",
                        help="where to write every sample")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    commands = args.commands.split(",")
    modes = args.modes.split(",")
    for mode in modes:
        if mode not in ("incremental", "non-incremental"):
            sys.exit(f"unknown mode {mode!r}: write incremental or non-incremental")

    snapshot(args.worktree)
    if args.baseline:
        snapshot(False, args.baseline, "snapshot-baseline")
        rename_baseline_version()
        FLAVOURS.insert(0, "a0")
    generate(sizes, args.optimised_macros)
    if args.generate_only:
        print(f"generated in {GENERATED}")
        return
    info = machine()
    print(f"# {info['cpu']}, {info['nproc']} CPUs, {info['rustc']}, load {info['load_before']}"
          + (", proc macros at opt-level 3" if args.optimised_macros else ""), flush=True)

    samples: dict[str, list[float]] = {}
    for mode in modes:
        incremental = mode == "incremental"
        suffix = "-optimised-macros" if args.optimised_macros else ""
        target = BENCH / "generated" / f"target-{mode}{suffix}"
        # Dependencies and a first build of every crate, untimed.
        for n in sizes:
            for command in commands:
                for flavour in FLAVOURS:
                    cargo([command, "-p", crate_name(flavour, n)], target, incremental)
                    timed_rebuild(command, flavour, n, target, incremental)
        for n in sizes:
            for run in range(args.runs):
                for command in commands:
                    for flavour in FLAVOURS:
                        wall, rustc = timed_rebuild(command, flavour, n, target, incremental)
                        key = f"{mode}/{command}/{n}/{flavour}"
                        samples.setdefault(f"rustc/{key}", []).append(rustc)
                        samples.setdefault(f"cargo/{key}", []).append(wall)
                print(f"  {mode} N={n} run {run + 1}/{args.runs} done", flush=True)

    rows = []
    for mode in modes:
        for command in commands:
            for n in sizes:
                row = {"mode": mode, "command": command, "n": n}
                for clock in ("rustc", "cargo"):
                    med = {f: statistics.median(samples[f"{clock}/{mode}/{command}/{n}/{f}"])
                           for f in FLAVOURS}
                    row[clock] = {**med, "a/b": med["a"] / med["b"], "a/c": med["a"] / med["c"]}
                    if "a0" in med:
                        row[clock]["a0/b"] = med["a0"] / med["b"]
                rows.append(row)
    info["load_after"] = os.getloadavg()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"machine": info, "runs": args.runs, "samples": samples,
                                     "medians": rows}, indent=1))

    print()
    print(f"Median seconds of {args.runs} interleaved rebuilds after a one-line edit "
          "(a = derive, b = hand-written, c = thiserror + strum). rustc = the crate's rustc "
          "process alone; cargo = the whole `cargo` command.")
    print()
    print("| mode | command | variants | rustc a | rustc b | rustc c | a/b | a/c "
          "| cargo a | cargo b | cargo c | a/b | a/c |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        cells = []
        for clock in ("rustc", "cargo"):
            m = row[clock]
            cells.append(f"{m['a']:.2f} | {m['b']:.2f} | {m['c']:.2f} | {m['a/b']:.2f} | {m['a/c']:.2f}")
        print(f"| {row['mode']} | {row['command']} | {row['n']:,} | {cells[0]} | {cells[1]} |")
    if "a0" in FLAVOURS:
        print()
        print(f"Before (a0 = the derive at {args.baseline}) and after (a = HEAD), same run:")
        print()
        print("| mode | command | variants | rustc a0 | rustc a | rustc b | a0/b | a/b "
              "| cargo a0 | cargo a | cargo b | a0/b | a/b |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for row in rows:
            cells = []
            for clock in ("rustc", "cargo"):
                m = row[clock]
                cells.append(f"{m['a0']:.2f} | {m['a']:.2f} | {m['b']:.2f} | "
                             f"{m['a0/b']:.2f} | {m['a/b']:.2f}")
            print(f"| {row['mode']} | {row['command']} | {row['n']:,} | {cells[0]} | {cells[1]} |")
    print(f"\nload average before {info['load_before']}, after {info['load_after']}; "
          f"samples in {args.json}")


if __name__ == "__main__":
    main()
