//! A deterministic mutation fuzzer for the `authos-errors-fuzz` targets that runs on stable
//! Rust, where libFuzzer (nightly) is not available: it feeds mutations of the seed corpus to
//! each target for a fixed number of executions, and stops at the first panic, writing the
//! input that caused it to `artifacts/stable/<target>/`.
//!
//! Without coverage feedback it cannot steer towards new code paths the way libFuzzer does;
//! it makes up for that with JSON-aware mutations (tokens, keys, numbers, escapes, nesting,
//! huge inputs) and by mutating further the inputs that still parse.
//!
//! ```text
//! cargo run --release -p authos-errors-fuzz-stable -- [--target NAME|all] [--runs N] [--seed N]
//!     [--max-len BYTES] [--timeout-ms MS]
//! ```
#![forbid(unsafe_code)]

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use authos_errors_fuzz::{TARGETS, Target};

/// What to run, from the command line.
struct Options {
    target: Option<String>,
    runs: u64,
    seed: u64,
    max_len: usize,
    timeout: Duration,
}

/// A command line the driver does not understand.
struct UsageError(String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}\nusage: stable-fuzz [--target NAME|all] [--runs N] [--seed N] [--max-len BYTES] [--timeout-ms MS]",
            self.0
        )
    }
}

impl Options {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, UsageError> {
        let mut options = Options {
            target: None,
            runs: 100_000,
            seed: 0x5eed,
            max_len: 4096,
            timeout: Duration::from_secs(1),
        };
        while let Some(flag) = args.next() {
            let mut value = || {
                args.next()
                    .ok_or_else(|| UsageError(format!("`{flag}` needs a value")))
            };
            match flag.as_str() {
                "--target" => {
                    let name = value()?;
                    options.target = (name != "all").then_some(name);
                }
                "--runs" => options.runs = number(&flag, &value()?)?,
                "--seed" => options.seed = number(&flag, &value()?)?,
                "--max-len" => {
                    options.max_len = usize::try_from(number(&flag, &value()?)?)
                        .map_err(|_| UsageError("`--max-len` is too large".into()))?;
                }
                "--timeout-ms" => {
                    options.timeout = Duration::from_millis(number(&flag, &value()?)?)
                }
                "-h" | "--help" => return Err(UsageError("stable-fuzz".into())),
                other => return Err(UsageError(format!("unknown argument `{other}`"))),
            }
        }
        Ok(options)
    }
}

fn number(flag: &str, text: &str) -> Result<u64, UsageError> {
    let digits = text.replace('_', "");
    let parsed = match digits.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => digits.parse(),
    };
    parsed.map_err(|_| UsageError(format!("`{flag}` takes a whole number, not `{text}`")))
}

/// SplitMix64: a tiny, well-distributed, reproducible generator (no dependency needed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform-enough in `0..bound` (`bound` > 0).
    fn below(&mut self, bound: usize) -> usize {
        // The remainder's bias is irrelevant for fuzzing.
        usize::try_from(self.next() % bound as u64).unwrap_or(0)
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Fragments that matter to a JSON error-body parser, spliced into inputs.
const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b",",
    b"\"",
    b"\\",
    b"\\\"",
    b"\\\\",
    b"\\u",
    b"\\u0000",
    b"\\ud83d\\ude00",
    b"\\ud800",
    b"\\udfff",
    b"\\/",
    b"\\b",
    b"\\n",
    b"null",
    b"true",
    b"false",
    b"0",
    b"-0",
    b"1e400",
    b"-1.5e-10",
    b"18446744073709551616",
    b"\"error\"",
    b"\"error_code\"",
    b"\"timestamp\"",
    b"\"error\":",
    b"\"error_code\":",
    b"\"timestamp\":",
    b"\"2025-01-15T10:30:00Z\"",
    b"\"2025-01-15T10:30:00.123456789+23:59\"",
    b"\"0000-01-01T00:00:00+00:01\"",
    b"\"9999-12-31T23:59:59-23:59\"",
    b"\"1990-12-31T23:59:60Z\"",
    b"\"TOKEN_EXPIRED\"",
    b"\"NOT_FOUND\"",
    b"\"RATE_LIMIT_EXCEEDED\"",
    b"\"UNKNOWN_NEW_CODE\"",
    b"\xef\xbb\xbf",
    b"\xc3\xa9",
    b"\xf0\x9f\x98\x80",
    b"\xff",
    b"\xed\xa0\x80",
    b"\x00",
    b" ",
    b"\t",
    b"\r\n",
    b"GMT",
    b"Sun, 06 Nov 1994 08:49:37 GMT",
    b"Sunday, 06-Nov-94 08:49:37 GMT",
    b"Sun Nov  6 08:49:37 1994",
    b"Fri, 31 Dec 9999 23:59:59 GMT",
    b"99999999999999999999",
];

/// Applies one random mutation to `input`, splicing from `donor`.
fn mutate(input: &mut Vec<u8>, donor: &[u8], rng: &mut Rng, max_len: usize) {
    let len = input.len();
    match rng.below(12) {
        // Flip a bit.
        0 if len > 0 => {
            let at = rng.below(len);
            input[at] ^= 1 << rng.below(8);
        }
        // Overwrite a byte with an interesting value.
        1 if len > 0 => {
            let at = rng.below(len);
            input[at] = *rng.pick(&[
                0, b'"', b'\\', b'{', b'}', b'[', b']', b':', b',', 0x7f, 0x80, 0xff,
            ]);
        }
        // Delete a range.
        2 if len > 0 => {
            let start = rng.below(len);
            let end = (start + 1 + rng.below(16)).min(len);
            input.drain(start..end);
        }
        // Insert a token.
        3..=5 => {
            let at = rng.below(len + 1);
            let token = rng.pick(TOKENS);
            input.splice(at..at, token.iter().copied());
        }
        // Duplicate a range in place.
        6 if len > 0 => {
            let start = rng.below(len);
            let end = (start + 1 + rng.below(64)).min(len);
            let copy = input[start..end].to_vec();
            let at = rng.below(input.len() + 1);
            input.splice(at..at, copy);
        }
        // Splice a range from another input.
        7 if !donor.is_empty() => {
            let start = rng.below(donor.len());
            let end = (start + 1 + rng.below(128)).min(donor.len());
            let at = rng.below(len + 1);
            input.splice(at..at, donor[start..end].iter().copied());
        }
        // Truncate.
        8 if len > 0 => input.truncate(rng.below(len)),
        // Wrap in nesting, or repeat a token many times (deep or long input).
        9 => {
            let deepest = if rng.chance(8) { 40_000 } else { 200 };
            let depth = 1 + rng.below(deepest);
            let (open, close): (&[u8], &[u8]) = *rng.pick(&[
                (b"[".as_slice(), b"]".as_slice()),
                (b"{\"x\":", b"}"),
                (b"{\"error\":", b"}"),
            ]);
            let mut wrapped = open.repeat(depth);
            wrapped.extend_from_slice(input);
            wrapped.extend_from_slice(&close.repeat(depth));
            *input = wrapped;
        }
        // Insert an extreme number.
        10 => {
            let at = rng.below(len + 1);
            let digits: Vec<u8> = match rng.below(4) {
                0 => b"9".repeat(40),
                1 => b"0".repeat(30),
                2 => b"-1".to_vec(),
                _ => b"4294967296".to_vec(),
            };
            input.splice(at..at, digits);
        }
        // Random bytes.
        _ => {
            let at = rng.below(len + 1);
            let count = 1 + rng.below(8);
            let bytes: Vec<u8> = (0..count).map(|_| rng.next().to_le_bytes()[0]).collect();
            input.splice(at..at, bytes);
        }
    }
    // Now and then go past the parser's size limit; otherwise stay within --max-len.
    if input.len() > max_len && !rng.chance(16) {
        input.truncate(max_len);
    }
}

/// The seed corpus of `target`: every file of `seeds/<target>/`.
fn load_seeds(dir: &Path) -> Result<Vec<Vec<u8>>, String> {
    let entries = fs::read_dir(dir)
        .map_err(|e| format!("cannot read seed directory {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .collect();
    // Sorted, so a run is reproducible whatever order the file system lists.
    paths.sort();
    let mut seeds = Vec::with_capacity(paths.len());
    for path in paths {
        seeds.push(
            fs::read(&path).map_err(|e| format!("cannot read seed {}: {e}", path.display()))?,
        );
    }
    if seeds.is_empty() {
        return Err(format!("no seeds in {}", dir.display()));
    }
    Ok(seeds)
}

/// FNV-1a, to name a crash file after its content.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What one target's run found.
struct Report {
    executions: u64,
    slowest: Duration,
    slowest_len: usize,
    pool: usize,
    elapsed: Duration,
    /// How many inputs took each path through the target.
    outcomes: BTreeMap<&'static str, u64>,
}

/// How a run of one target ended early.
enum Finding {
    Panic {
        input: Vec<u8>,
        saved: Option<PathBuf>,
    },
    Slow {
        input: Vec<u8>,
        took: Duration,
        saved: Option<PathBuf>,
    },
}

fn save(fuzz_dir: &Path, target: &str, kind: &str, input: &[u8]) -> Option<PathBuf> {
    let dir = fuzz_dir.join("artifacts").join("stable").join(target);
    let path = dir.join(format!("{kind}-{:016x}", fnv1a(input)));
    fs::create_dir_all(&dir)
        .and_then(|()| fs::write(&path, input))
        .ok()
        .map(|()| path)
}

/// Inputs to mutate from, kept apart by the path they took through the target, so a parent is
/// drawn from each path equally often: the rare paths (a body that parses) get as much
/// mutation as the common ones (a syntax error), which stands in for coverage feedback.
#[derive(Default)]
struct Pool {
    by_path: BTreeMap<&'static str, Vec<Vec<u8>>>,
}

impl Pool {
    /// Inputs kept per path: enough variety, flat memory (at most `--max-len` bytes each).
    const PER_PATH: usize = 1024;

    fn len(&self) -> usize {
        self.by_path.values().map(Vec::len).sum()
    }

    /// A random input from a random path (the pool always holds the seeds' paths).
    fn parent(&self, rng: &mut Rng) -> &[u8] {
        let Some(nth) = self
            .by_path
            .len()
            .checked_sub(1)
            .map(|last| rng.below(last + 1))
        else {
            return &[];
        };
        self.by_path
            .values()
            .nth(nth)
            .map_or(&[][..], |inputs| rng.pick(inputs).as_slice())
    }

    /// Keeps `input` under `path` while there is room, then replaces one now and then.
    fn offer(&mut self, path: &'static str, input: Vec<u8>, rng: &mut Rng) {
        let inputs = self.by_path.entry(path).or_default();
        if inputs.len() < Self::PER_PATH {
            inputs.push(input);
        } else if rng.chance(8) {
            let at = rng.below(inputs.len());
            inputs[at] = input;
        }
    }
}

fn run_target(
    target: &Target,
    fuzz_dir: &Path,
    options: &Options,
) -> Result<Result<Report, Finding>, String> {
    let seeds = load_seeds(&fuzz_dir.join("seeds").join(target.name))?;
    let mut rng = Rng(options.seed ^ fnv1a(target.name.as_bytes()));
    let mut pool = Pool::default();
    let started = Instant::now();
    let mut slowest = Duration::ZERO;
    let mut slowest_len = 0;
    let mut outcomes = BTreeMap::new();
    for execution in 0..options.runs {
        // Run every seed as is first, then mutants of stacked mutations (mostly few).
        let input = match usize::try_from(execution).ok().and_then(|i| seeds.get(i)) {
            Some(seed) => seed.clone(),
            None => {
                let mut input = pool.parent(&mut rng).to_vec();
                let stacked = if rng.chance(8) {
                    1 + rng.below(8)
                } else {
                    1 + rng.below(2)
                };
                for _ in 0..stacked {
                    let donor = pool.parent(&mut rng).to_vec();
                    mutate(&mut input, &donor, &mut rng, options.max_len);
                }
                input
            }
        };
        let began = Instant::now();
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| (target.check)(&input)));
        let took = began.elapsed();
        let Ok(path) = outcome else {
            let saved = save(fuzz_dir, target.name, "crash", &input);
            return Ok(Err(Finding::Panic { input, saved }));
        };
        *outcomes.entry(path).or_insert(0) += 1;
        // A slow run may be the scheduler's doing (a loaded machine): it counts only if the
        // input is slow again on each of two more tries.
        let took = if took > options.timeout {
            (0..2)
                .map(|_| {
                    let began = Instant::now();
                    let _ = panic::catch_unwind(AssertUnwindSafe(|| (target.check)(&input)));
                    began.elapsed()
                })
                .fold(took, Duration::min)
        } else {
            took
        };
        if took > options.timeout {
            let saved = save(fuzz_dir, target.name, "slow", &input);
            return Ok(Err(Finding::Slow { input, took, saved }));
        }
        if took > slowest {
            slowest = took;
            slowest_len = input.len();
        }
        if input.len() <= options.max_len {
            pool.offer(path, input, &mut rng);
        }
    }
    Ok(Ok(Report {
        executions: options.runs,
        slowest,
        slowest_len,
        pool: pool.len(),
        elapsed: started.elapsed(),
        outcomes,
    }))
}

/// The input, printable: escaped text, cut at 2 KiB.
fn show(input: &[u8]) -> String {
    let shown: String = input
        .iter()
        .take(2048)
        .flat_map(|&b| std::ascii::escape_default(b))
        .map(char::from)
        .collect();
    if input.len() > 2048 {
        format!("{shown}... ({} bytes)", input.len())
    } else {
        shown
    }
}

fn main() -> ExitCode {
    let options = match Options::parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(usage) => {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    };
    let fuzz_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let targets: Vec<&Target> = TARGETS
        .iter()
        .filter(|t| options.target.as_deref().is_none_or(|name| name == t.name))
        .collect();
    if targets.is_empty() {
        let names: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
        eprintln!(
            "no target named {:?}; the targets are: {}",
            options.target.unwrap_or_default(),
            names.join(", ")
        );
        return ExitCode::from(2);
    }
    let mut failed = false;
    for target in targets {
        match run_target(target, &fuzz_dir, &options) {
            Err(message) => {
                eprintln!("{}: {message}", target.name);
                return ExitCode::from(2);
            }
            Ok(Ok(report)) => {
                let rate = report.executions as f64 / report.elapsed.as_secs_f64().max(1e-9);
                // A closed stdout (`| head`) is not a finding: ignore write errors.
                let mut out = std::io::stdout().lock();
                let _ = writeln!(
                    out,
                    "{}: {} executions (seed {:#x}), 0 panics, slowest input {:.3} ms ({} bytes), {} inputs in the pool, {:.1} s, {:.0} exec/s",
                    target.name,
                    report.executions,
                    options.seed,
                    report.slowest.as_secs_f64() * 1e3,
                    report.slowest_len,
                    report.pool,
                    report.elapsed.as_secs_f64(),
                    rate,
                );
                for (path, count) in &report.outcomes {
                    let share = *count as f64 * 100.0 / report.executions.max(1) as f64;
                    let _ = writeln!(out, "    {share:5.1}%  {path}");
                }
            }
            Ok(Err(Finding::Panic { input, saved })) => {
                failed = true;
                eprintln!("{}: PANIC on input {}", target.name, show(&input));
                if let Some(path) = saved {
                    eprintln!("{}: input saved to {}", target.name, path.display());
                }
            }
            Ok(Err(Finding::Slow { input, took, saved })) => {
                failed = true;
                eprintln!(
                    "{}: input took {:.1} ms, over the {} ms limit: {}",
                    target.name,
                    took.as_secs_f64() * 1e3,
                    options.timeout.as_millis(),
                    show(&input)
                );
                if let Some(path) = saved {
                    eprintln!("{}: input saved to {}", target.name, path.display());
                }
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
