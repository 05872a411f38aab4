//! The catalog sits on top: no module of the runtime crate below `catalog/` names it in code
//! (doc comments may, to show the AuthOS values; a doc example is the user's code).

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable source folder") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The lines of `source` that are code, not comments, naming the catalog module.
fn catalog_uses(source: &str) -> Vec<(usize, &str)> {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter(|(_, line)| {
            [
                "crate::catalog",
                "super::catalog",
                "authos_errors::catalog",
                "self::catalog",
            ]
            .iter()
            .any(|path| line.contains(path))
        })
        .map(|(index, line)| (index + 1, line))
        .collect()
}

#[test]
fn no_module_below_the_catalog_imports_it() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../authos-errors/src");
    let catalog = src.join("catalog");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(
        files.len() > 30,
        "found {} files under {}",
        files.len(),
        src.display()
    );
    let mut offending = Vec::new();
    for file in files.iter().filter(|file| !file.starts_with(&catalog)) {
        let source = std::fs::read_to_string(file).expect("a readable source file");
        for (line, text) in catalog_uses(&source) {
            offending.push(format!("{}:{line}: {}", file.display(), text.trim()));
        }
    }
    assert!(
        offending.is_empty(),
        "generic layers naming the AuthOS catalog:\n{}",
        offending.join("\n")
    );
}

#[test]
fn the_check_sees_an_import_and_skips_a_doc_link() {
    let source = "//! See [`catalog`](crate::catalog).\nuse crate::catalog::GeneralError;\n";
    assert_eq!(
        catalog_uses(source),
        [(2, "use crate::catalog::GeneralError;")]
    );
}
