//! Writes the 5,000-variant enum of `tests/stress.rs` to `OUT_DIR`, so the repository does not
//! carry a generated file of that size.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::{env, fs};

/// How many variants the stress enum has.
const VARIANTS: u32 = 5_000;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let mut source = String::from(
        "/// 5,000 unit variants, each with its own code, status and description.\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq, ::authos_errors::ApiErrorCode)]\n\
         #[api_error(group = \"Stress Errors\")]\n\
         pub enum StressError {\n",
    );
    for index in 0..VARIANTS {
        let status = 400 + index % 200;
        // Codes of varying length, as in a real catalog.
        writeln!(
            source,
            "    /// Stress error number {index}\n    #[code(\"STRESS_{index}\", status = {status})]\n    Variant{index},"
        )
        .expect("writing to a String cannot fail");
    }
    source.push_str("}\n");
    let out_dir =
        PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts"));
    fs::write(out_dir.join("stress_enum.rs"), source).expect("OUT_DIR is writable");
}
