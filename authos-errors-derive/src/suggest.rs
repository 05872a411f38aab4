//! "Did you mean ...?" for misspelt keys.

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|candidate| (edit_distance(word, candidate), *candidate))
        .filter(|(distance, candidate)| *distance <= candidate.len().max(3) / 3 + 1)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

const DIGIT_NAMES: [&str; 10] = [
    "ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE",
];

/// `word` rewritten in SCREAMING_SNAKE_CASE (`cardDeclined` and `card-declined` become
/// `CARD_DECLINED`), for suggesting a valid code.
pub fn screaming_snake(word: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in word.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && previous_lower && !out.ends_with('_') {
                out.push('_');
            }
            // A digit keeps the state of the letter before it: `v2Token` splits before `T`,
            // `2FA` stays whole.
            if !c.is_ascii_digit() {
                previous_lower = c.is_lowercase();
            }
            out.extend(c.to_uppercase());
        } else {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            previous_lower = false;
        }
    }
    let trimmed = out.trim_matches('_');
    let mut result = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        if !(c == '_' && result.ends_with('_')) {
            result.push(c);
        }
    }
    // A code starts with a letter: spell a leading digit out (`2FA` becomes `TWO_FA`).
    let mut chars = result.chars();
    match chars.next().and_then(|first| first.to_digit(10)) {
        Some(digit) => {
            let rest = chars.as_str().trim_start_matches('_');
            let word = DIGIT_NAMES[digit as usize];
            if rest.is_empty() {
                word.to_owned()
            } else {
                format!("{word}_{rest}")
            }
        }
        None => result,
    }
}

/// Whether `code` matches `^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$`.
pub fn is_screaming_snake(code: &str) -> bool {
    let mut chars = code.chars();
    if !matches!(chars.next(), Some('A'..='Z')) {
        return false;
    }
    code.split('_').all(|part| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_keys_only() {
        let keys = ["status", "resolution", "description", "message"];
        assert_eq!(closest("resolutoin", &keys), Some("resolution"));
        assert_eq!(closest("stauts", &keys), Some("status"));
        assert_eq!(closest("msg", &keys), None);
        assert_eq!(closest("colour", &keys), None);
    }

    #[test]
    fn screaming_snake_rules() {
        assert!(is_screaming_snake("CARD_DECLINED"));
        assert!(is_screaming_snake("E2E_FAILED"));
        assert!(!is_screaming_snake("card_declined"));
        assert!(!is_screaming_snake("CARD__DECLINED"));
        assert!(!is_screaming_snake("_CARD"));
        assert!(!is_screaming_snake("CARD_"));
        assert!(!is_screaming_snake("2FA"));
        assert_eq!(screaming_snake("cardDeclined"), "CARD_DECLINED");
        assert_eq!(screaming_snake("card-declined"), "CARD_DECLINED");
        assert_eq!(screaming_snake("Card  declined!"), "CARD_DECLINED");
        assert_eq!(screaming_snake("2fa required"), "TWO_FA_REQUIRED");
        assert_eq!(screaming_snake("2FA_REQUIRED"), "TWO_FA_REQUIRED");
        assert_eq!(screaming_snake("v2Token"), "V2_TOKEN");
        assert_eq!(screaming_snake("e2eFailed"), "E2E_FAILED");
    }
}
