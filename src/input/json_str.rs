//! Finding a JSON string value in its file: the literal's position and, for each byte of
//! the decoded value, the file byte it was decoded from. serde_json keeps no positions, so
//! after parsing, each string the reader uses is looked for again by its key and checked
//! against the parsed value: a location is given only when it is certain.

/// Decode the JSON string literal whose opening quote is at `src[at]`: the value and one
/// source offset per value byte (`None` for the continuation bytes of an escaped character).
pub fn decode_literal(src: &str, at: usize) -> Option<(String, Vec<Option<usize>>)> {
    let b = src.as_bytes();
    if b.get(at) != Some(&b'"') {
        return None;
    }
    let mut out = String::new();
    let mut offs = Vec::new();
    let mut i = at + 1;
    loop {
        let c = src.get(i..)?.chars().next()?;
        match c {
            '"' => return Some((out, offs)),
            '\\' => {
                let e = *b.get(i + 1)?;
                let (ch, len) = match e {
                    b'"' => ('"', 2),
                    b'\\' => ('\\', 2),
                    b'/' => ('/', 2),
                    b'b' => ('\u{8}', 2),
                    b'f' => ('\u{c}', 2),
                    b'n' => ('\n', 2),
                    b'r' => ('\r', 2),
                    b't' => ('\t', 2),
                    b'u' => {
                        let hi = u32::from_str_radix(src.get(i + 2..i + 6)?, 16).ok()?;
                        if (0xD800..0xDC00).contains(&hi) {
                            let lo = src
                                .get(i + 6..i + 12)
                                .filter(|s| s.starts_with("\\u"))
                                .and_then(|s| u32::from_str_radix(&s[2..], 16).ok())?;
                            let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo.checked_sub(0xDC00)?);
                            (char::from_u32(cp)?, 12)
                        } else {
                            (char::from_u32(hi).unwrap_or('\u{fffd}'), 6)
                        }
                    }
                    _ => return None,
                };
                offs.push(Some(i));
                offs.extend(std::iter::repeat_n(None, ch.len_utf8() - 1));
                out.push(ch);
                i += len;
            }
            c => {
                offs.extend((0..c.len_utf8()).map(|k| Some(i + k)));
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
}

/// Find, within `src[range]`, the string literal of key `key` whose decoded value is
/// `expected`; return its per-byte source offsets (absolute in `src`).
pub fn find_value(
    src: &str,
    range: std::ops::Range<usize>,
    key: &str,
    expected: &str,
) -> Option<Vec<Option<usize>>> {
    let hay = src.get(range.clone())?;
    let needle = format!("\"{key}\"");
    let mut from = 0;
    while let Some(p) = hay[from..].find(&needle) {
        let after = range.start + from + p + needle.len();
        from += p + needle.len();
        let rest = &src[after..range.end];
        let colon = rest.len() - rest.trim_start().len();
        let Some(r) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let ws = r.len() - r.trim_start().len();
        let lit = after + colon + 1 + ws;
        if let Some((v, offs)) = decode_literal(src, lit)
            && v == expected
        {
            return Some(offs);
        }
    }
    None
}

/// The same, for a value that sits in an array or object under `key` at any depth: every
/// string literal in the range is tried (for ninjs 3.x `bodies[].value`, say).
pub fn find_any(
    src: &str,
    range: std::ops::Range<usize>,
    expected: &str,
) -> Option<Vec<Option<usize>>> {
    let b = src.as_bytes();
    let mut i = range.start;
    while i < range.end.min(b.len()) {
        if b[i] == b'"' {
            if let Some((v, offs)) = decode_literal(src, i)
                && v == expected
            {
                return Some(offs);
            }
            // Skip past the literal.
            let mut j = i + 1;
            while j < b.len() {
                match b[j] {
                    b'\\' => j += 2,
                    b'"' => break,
                    _ => j += 1,
                }
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_decode_with_offsets() {
        let src = r#"{"body": "a\nb \u00e9"}"#;
        let at = src.find("\"a").unwrap();
        let (v, offs) = decode_literal(src, at).unwrap();
        assert_eq!(v, "a\nb é");
        assert_eq!(offs[0], Some(at + 1));
        assert_eq!(offs[1], Some(at + 2));
        assert_eq!(offs[2], Some(at + 4));
        assert_eq!(offs.len(), v.len());
    }

    #[test]
    fn values_are_found_by_key_and_checked() {
        let src = r#"{"headline": "Body", "body": "Body"}"#;
        let offs = find_value(src, 0..src.len(), "body", "Body").unwrap();
        assert_eq!(offs[0], Some(src.rfind("Body").unwrap()));
        assert!(find_value(src, 0..src.len(), "body", "Other").is_none());
        let offs = find_any(src, 0..src.len(), "Body").unwrap();
        assert_eq!(offs[0], Some(src.find("Body").unwrap()));
    }
}
