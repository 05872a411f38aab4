//! Field paths of `google.rpc.BadRequest.FieldViolation` (AIP-193: `address.street`,
//! `members[0].email`) and the RFC 6901 JSON Pointers field errors carry (`/members/0/email`),
//! each way.

use std::fmt::Write as _;

/// The path of a violation for `pointer`: each segment unescaped (`~1` → `/`, `~0` → `~`),
/// all-digit segments as indices (`[0]`), the others joined with dots.
#[must_use]
pub(crate) fn field_path(pointer: &str) -> String {
    let mut path = String::with_capacity(pointer.len());
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            let _ = write!(path, "[{segment}]");
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(&segment);
        }
    }
    path
}

/// The JSON Pointer for a violation's `path`, the inverse of [`field_path`] for the paths it
/// writes (a path with `.` or `[` inside a segment name is read as several segments).
#[must_use]
pub(crate) fn field_pointer(path: &str) -> String {
    let mut pointer = String::with_capacity(path.len() + 1);
    if path.is_empty() {
        return pointer;
    }
    for part in path.split('.') {
        let mut pieces = part.split('[');
        let name = pieces.next().unwrap_or_default();
        if !name.is_empty() || !part.starts_with('[') {
            pointer.push('/');
            pointer.push_str(&name.replace('~', "~0").replace('/', "~1"));
        }
        for index in pieces {
            pointer.push('/');
            pointer.push_str(index.strip_suffix(']').unwrap_or(index));
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::{field_path, field_pointer};

    #[test]
    fn pointers_and_paths_convert_both_ways() {
        for (pointer, path) in [
            ("/members/0/email", "members[0].email"),
            ("/email", "email"),
            ("/a~1b/c~0d", "a/b.c~d"),
            ("/0/name", "[0].name"),
            ("/grid/1/2", "grid[1][2]"),
            ("", ""),
        ] {
            assert_eq!(field_path(pointer), path, "{pointer}");
            assert_eq!(field_pointer(path), pointer, "{path}");
        }
    }
}
