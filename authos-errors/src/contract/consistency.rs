//! Compile-time checks across composed catalogs.

use crate::ErrorCodeInfo;

/// Fails compilation when one code carries two different HTTP statuses across `parts`.
///
/// The derive runs it for every enum with `#[code(transparent)]` variants, so composing
/// catalogs that disagree is a build error naming the code. Call it yourself (in a `const`)
/// to check catalogs that are composed some other way, or use
/// [`assert_consistent_statuses!`](crate::assert_consistent_statuses!).
///
/// ```
/// use authos_errors::{ApiErrorCode, assert_consistent_statuses, catalog::{GeneralError, ResourceError}};
///
/// // NOT_FOUND is 404 in both groups, so this compiles.
/// const _: () = authos_errors::assert_consistent_statuses(&[GeneralError::CATALOG, ResourceError::CATALOG]);
/// ```
///
/// ```compile_fail
/// use authos_errors::ErrorCodeInfo;
/// const A: ErrorCodeInfo = ErrorCodeInfo::new("GONE", 404, "").with_group("A");
/// const B: ErrorCodeInfo = ErrorCodeInfo::new("GONE", 410, "").with_group("B");
/// const _: () = authos_errors::assert_consistent_statuses(&[&[A], &[B]]);
/// ```
///
/// # Panics
/// At compile time when used in a `const`, with a message naming the code, both statuses and
/// both groups.
pub const fn assert_consistent_statuses(parts: &[&[ErrorCodeInfo]]) {
    let mut p = 0;
    while p < parts.len() {
        let mut i = 0;
        while i < parts[p].len() {
            let first = &parts[p][i];
            // Only later entries: each pair is visited once.
            let mut q = p;
            let mut j = i + 1;
            while q < parts.len() {
                while j < parts[q].len() {
                    let other = &parts[q][j];
                    if other.status != first.status && same(first.code, other.code) {
                        conflict(first, other);
                    }
                    j += 1;
                }
                q += 1;
                j = 0;
            }
            i += 1;
        }
        p += 1;
    }
}

/// Checks at compile time that the catalogs of the given [`ApiErrorCode`](crate::ApiErrorCode)
/// types give every shared code the same status.
///
/// ```
/// use authos_errors::catalog::{AuthenticationError, GeneralError};
/// authos_errors::assert_consistent_statuses!(GeneralError, AuthenticationError);
/// ```
#[macro_export]
macro_rules! assert_consistent_statuses {
    ($($ty:ty),+ $(,)?) => {
        const _: () = $crate::assert_consistent_statuses(
            &[$(<$ty as $crate::ApiErrorCode>::CATALOG),+]
        );
    };
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn conflict(first: &ErrorCodeInfo, other: &ErrorCodeInfo) -> ! {
    let mut msg = Message::new();
    msg.push("error code `");
    msg.push(first.code);
    msg.push("` has HTTP ");
    msg.push_status(first.status);
    msg.push(" in \"");
    msg.push(first.group);
    msg.push("\" but HTTP ");
    msg.push_status(other.status);
    msg.push(" in \"");
    msg.push(other.group);
    msg.push("\": a code must carry one status everywhere; change one of the two `status = ...`");
    match msg.as_str() {
        Some(text) => panic!("{}", text),
        None => panic!("an error code is declared with two different HTTP statuses"),
    }
}

/// A fixed-size buffer for building a panic message in a const context.
struct Message {
    buf: [u8; 512],
    len: usize,
}

impl Message {
    const fn new() -> Self {
        Message {
            buf: [0; 512],
            len: 0,
        }
    }

    const fn push(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() && self.len < self.buf.len() {
            self.buf[self.len] = bytes[i];
            self.len += 1;
            i += 1;
        }
    }

    const fn push_status(&mut self, status: u16) {
        let digits = [
            b'0' + (status / 100 % 10) as u8,
            b'0' + (status / 10 % 10) as u8,
            b'0' + (status % 10) as u8,
        ];
        let mut i = 0;
        while i < digits.len() && self.len < self.buf.len() {
            self.buf[self.len] = digits[i];
            self.len += 1;
            i += 1;
        }
    }

    const fn as_str(&self) -> Option<&str> {
        let (used, _) = self.buf.split_at(self.len);
        match core::str::from_utf8(used) {
            Ok(text) => Some(text),
            Err(_) => None,
        }
    }
}
