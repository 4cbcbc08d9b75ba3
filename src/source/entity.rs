//! Character references (`&amp;`, `&#8217;`, `&eacute`) in HTML text, decoded for the prose
//! view. The decoded character is written where the reference starts, so a reference can only
//! be replaced by something no longer than itself.

use html5gum::{Token, Tokenizer};

/// Enough for the longest named reference, `&CounterClockwiseContourIntegral;`.
const MAX_NAME_LEN: usize = 40;

/// The character reference at the start of `text`: its length in bytes and what it decodes to,
/// or `None` when `text` does not start with one.
///
/// html5gum decodes the candidate (the `&`, the alphanumerics after it and a `;`), so the rules
/// are the HTML spec's, including references without `;` and numeric fix-ups such as `&#150;`.
/// The tokenizer passes whatever follows the reference through unchanged, so the reference is
/// what is left of the candidate once the longest common suffix with the decoded text is taken
/// off both; the decoded text less that suffix is what the reference stands for.
pub(crate) fn decode_reference(text: &str) -> Option<(usize, String)> {
    let rest = text.strip_prefix('&')?;
    let name_len = rest
        .bytes()
        .take(MAX_NAME_LEN)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    if name_len == 0 {
        return None;
    }
    let semicolon = usize::from(rest.as_bytes().get(name_len) == Some(&b';'));
    let candidate = text.get(..1 + name_len + semicolon)?;

    let mut decoded = Vec::with_capacity(candidate.len());
    for token in Tokenizer::new(candidate) {
        let Ok(token) = token;
        if let Token::String(s) = token {
            decoded.extend_from_slice(&s.value);
        }
    }
    if decoded == candidate.as_bytes() {
        return None;
    }
    let common = decoded
        .iter()
        .rev()
        .zip(candidate.bytes().rev())
        .take_while(|(a, b)| **a == *b)
        .count();
    let reference_len = candidate.len() - common;
    decoded.truncate(decoded.len() - common);
    let decoded = String::from_utf8(decoded).ok()?;
    (reference_len > 0).then_some((reference_len, decoded))
}

/// What a decoded character reference reads as in the prose view: a no-break space as a space;
/// anything that is not printable text (a control char, U+FFFD for a bad number) as nothing, so
/// that it is blanked.
pub(crate) fn prose_form(decoded: &str) -> &str {
    match decoded {
        "\u{a0}" => " ",
        s if s
            .chars()
            .any(|c| c.is_control() || c == char::REPLACEMENT_CHARACTER) =>
        {
            ""
        }
        s => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(text: &str) -> Option<(usize, String)> {
        decode_reference(text)
    }

    #[test]
    fn named_and_numeric_references() {
        assert_eq!(decoded("&amp; more"), Some((5, "&".into())));
        assert_eq!(decoded("&eacute;t\u{e9}"), Some((8, "\u{e9}".into())));
        assert_eq!(decoded("&#8217;s"), Some((7, "\u{2019}".into())));
        assert_eq!(decoded("&#x41;"), Some((6, "A".into())));
        assert_eq!(decoded("&#65 x"), Some((4, "A".into())));
        // Windows-1252 fix-up, as the HTML spec has it.
        assert_eq!(decoded("&#150;"), Some((6, "\u{2013}".into())));
    }

    #[test]
    fn references_without_a_semicolon_follow_the_spec() {
        assert_eq!(decoded("&copy 2024"), Some((5, "\u{a9}".into())));
        // `&not` is a legacy reference; the `it;` after it is text.
        assert_eq!(decoded("&notit;"), Some((4, "\u{ac}".into())));
    }

    #[test]
    fn not_references() {
        assert_eq!(decoded("& more"), None);
        assert_eq!(decoded("&"), None);
        assert_eq!(decoded("&foo;"), None);
        assert_eq!(decoded("&#;"), None);
        assert_eq!(decoded("x&amp;"), None);
    }

    #[test]
    fn a_suffix_shared_with_the_decoded_text_stays_text() {
        // `&semi;` is `;`: blanking `&semi` and keeping the `;` reads the same.
        assert_eq!(decoded("&semi;"), Some((5, String::new())));
    }

    #[test]
    fn prose_forms() {
        assert_eq!(prose_form("\u{a0}"), " ");
        assert_eq!(prose_form("\u{fffd}"), "");
        assert_eq!(prose_form("\u{1}"), "");
        assert_eq!(prose_form("\u{2019}"), "\u{2019}");
    }
}
