//! The spans of a JSON object's entries, found without parsing their values:
//! a large rate card is read feature by feature ([`super::Loading`]), each
//! feature's text handed to serde on its own. A light scanner (strings,
//! escapes and nesting only); anything it does not understand is `None`, and
//! the caller then reads the text at once, as `fromJson` does.

use std::ops::Range;

/// The index of the first byte at or after `i` that is not JSON whitespace.
fn skip_space(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i = i.saturating_add(1);
    }
    i
}

/// The end (exclusive) of the string starting at `i` (a `"`).
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i.checked_add(1)?;
    loop {
        match b.get(j)? {
            b'\\' => j = j.checked_add(2)?,
            b'"' => return j.checked_add(1),
            _ => j = j.checked_add(1)?,
        }
    }
}

/// The end (exclusive) of the JSON value starting at `i`.
fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => string_end(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match b.get(j)? {
                    b'"' => {
                        j = string_end(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth = depth.checked_add(1)?,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return j.checked_add(1);
                        }
                    }
                    _ => {}
                }
                j = j.checked_add(1)?;
            }
        }
        _ => {
            let mut j = i;
            while !matches!(b.get(j), None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')) {
                j = j.checked_add(1)?;
            }
            (j > i).then_some(j)
        }
    }
}

/// One entry of an object: its key's span (with the quotes) and its value's.
pub(super) type Entry = (Range<usize>, Range<usize>);

/// The entries of the object starting at `i` (a `{`), and the object's end.
pub(super) fn entries(b: &[u8], i: usize) -> Option<(Vec<Entry>, usize)> {
    if b.get(i) != Some(&b'{') {
        return None;
    }
    let mut out = Vec::new();
    let mut j = skip_space(b, i.checked_add(1)?);
    if b.get(j) == Some(&b'}') {
        return Some((out, j.checked_add(1)?));
    }
    loop {
        if b.get(j) != Some(&b'"') {
            return None;
        }
        let key_end = string_end(b, j)?;
        let colon = skip_space(b, key_end);
        if b.get(colon) != Some(&b':') {
            return None;
        }
        let start = skip_space(b, colon.checked_add(1)?);
        let end = value_end(b, start)?;
        out.push((j..key_end, start..end));
        let next = skip_space(b, end);
        match b.get(next)? {
            b',' => j = skip_space(b, next.checked_add(1)?),
            b'}' => return Some((out, next.checked_add(1)?)),
            _ => return None,
        }
    }
}

/// The span of the `features` object of the rate card `text` (an object
/// with one `"features"` key written plainly, nothing after it but
/// whitespace), and the spans of its entries.
pub(super) fn features(text: &str) -> Option<(Range<usize>, Vec<Entry>)> {
    let b = text.as_bytes();
    let (top, end) = entries(b, skip_space(b, 0))?;
    if skip_space(b, end) != b.len() {
        return None;
    }
    let mut found = top.into_iter().filter(|(k, _)| b.get(k.clone()) == Some(b"\"features\"".as_slice()));
    let (_, span) = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let (inner, _) = entries(b, span.start)?;
    Some((span, inner))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_features_and_their_entries() {
        let text = r#" { "id" : "x", "features": { "a\"b": {"rates":[{"when":{"o":["}","{"]}}]}, "c":1 } , "plans":{} } "#;
        let (span, inner) = features(text).unwrap();
        assert!(text[span].starts_with('{'));
        let keys: Vec<&str> = inner.iter().map(|(k, _)| &text[k.clone()]).collect();
        assert_eq!(keys, [r#""a\"b""#, r#""c""#]);
        assert_eq!(&text[inner[1].1.clone()], "1");
        assert!(features(r#"{"features":{}} x"#).is_none());
        assert!(features(r#"{"features":{"a":1},"features":{}}"#).is_none());
        assert!(features(r#"{"features":{"a":1"#).is_none());
        assert!(features(r#"{"feat\u0075res":{"a":1}}"#).is_none());
    }
}
