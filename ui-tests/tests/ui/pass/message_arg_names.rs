// Each catalog entry names its template's placeholders, in order of first appearance and each
// once, so nothing parses a template at run time: the names `visit_message_args` passes.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum ImportError {
    /// Row too long
    #[code("ROW_TOO_LONG", status = 400, message = "Row {row} has {len:>4} cells, {max} at most (row {row})")]
    RowTooLong { row: u32, len: usize, max: usize },

    /// Bad cell
    #[code("BAD_CELL", status = 400, message = "Cell {1} of row {0}: {1:?}")]
    BadCell(u32, String),

    /// Reserved column
    #[code("RESERVED_COLUMN", status = 400, message = "`{r#type}` is reserved")]
    Reserved { r#type: String },

    /// Import paused
    #[code("IMPORT_PAUSED", status = 409, message = "Imports are paused, {{retry}} later")]
    Paused,

    /// Import failed
    #[code("IMPORT_FAILED", status = 500)]
    Failed,
}

#[derive(Debug, ApiErrorCode)]
#[api_error(from_code = false)]
enum AppError {
    #[code(transparent)]
    Import(ImportError),
}

fn main() {
    let names: Vec<&[&str]> = ImportError::CATALOG.iter().map(|info| info.message_args).collect();
    let expected: [&[&str]; 5] = [&["row", "len", "max"], &["1", "0"], &["type"], &[], &[]];
    assert_eq!(names, expected);
    assert_eq!(AppError::CATALOG[1].message_args, ["1", "0"]);

    let err = ImportError::RowTooLong { row: 7, len: 12, max: 10 };
    let mut visited = Vec::new();
    err.visit_message_args(&mut |name, _| visited.push(name));
    assert_eq!(visited, err.info().message_args);
}
