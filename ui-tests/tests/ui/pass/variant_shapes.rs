// Every variant shape: unit, tuple, named, #[source] on a tuple and on a named field, and a
// boxed trait object as the source.
use std::error::Error;

use authos_errors::ApiErrorCode;

type BoxError = Box<dyn Error + Send + Sync>;

#[derive(Debug, ApiErrorCode)]
enum UploadError {
    /// Upload quota exceeded
    #[code("QUOTA_EXCEEDED", status = 429)]
    QuotaExceeded,

    /// File too large
    #[code("FILE_TOO_LARGE", status = 413, message = "{0} bytes is over the {1} byte limit")]
    TooLarge(u64, u64),

    /// Unsupported file type
    #[code("UNSUPPORTED_TYPE", status = 415, message = "Type {mime} is not accepted")]
    UnsupportedType { mime: String },

    /// Storage failed
    #[code("STORAGE_FAILED", status = 500)]
    Storage(#[source] std::io::Error),

    /// Virus scanner failed
    #[code("SCANNER_FAILED", status = 502, resolution = "Retry later")]
    Scanner {
        scanner: &'static str,
        #[source]
        cause: std::io::Error,
    },

    /// Post-processing failed
    #[code("POSTPROCESS_FAILED", status = 500)]
    Postprocess(#[source] BoxError),
}

fn main() {
    assert_eq!(UploadError::QuotaExceeded.message(), "Upload quota exceeded");
    assert!(UploadError::QuotaExceeded.source().is_none());

    let too_large = UploadError::TooLarge(20, 10);
    assert_eq!(too_large.message(), "20 bytes is over the 10 byte limit");

    let mime = UploadError::UnsupportedType { mime: "image/tiff".to_owned() };
    assert_eq!(mime.to_string(), "Type image/tiff is not accepted");

    let storage = UploadError::Storage(std::io::Error::other("disk full"));
    assert_eq!(storage.message(), "Storage failed");
    assert_eq!(storage.source().unwrap().to_string(), "disk full");

    let scanner = UploadError::Scanner {
        scanner: "clamd",
        cause: std::io::Error::other("connection refused"),
    };
    assert_eq!(scanner.resolution(), Some("Retry later"));
    assert_eq!(scanner.source().unwrap().to_string(), "connection refused");

    let boxed: BoxError = "thumbnailer crashed".into();
    let post = UploadError::Postprocess(boxed);
    assert_eq!(post.message(), "Post-processing failed");
    assert_eq!(post.source().unwrap().to_string(), "thumbnailer crashed");

    assert_eq!(UploadError::CATALOG.len(), 6);
}
