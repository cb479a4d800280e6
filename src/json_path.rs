//! The JSON path of a parse error: serde_json says *where* (line and column)
//! a request or rate card failed; the text up to there says *which field*
//! (`items[0].seconds`). Reading the path back from the text costs nothing
//! until an error happens, where tracking it during every parse
//! (serde_path_to_error) put a wrapper around every deserializer: 73 KB of
//! the wasm module.

use crate::error::PathSegment;

/// Where the reader is inside one open object or array.
enum Frame {
    /// In an object: the last key read, and whether a key comes next.
    Object { key: Option<String>, expect_key: bool },
    /// In an array: the index of the current element.
    Array { index: usize },
}

/// The byte offset of serde_json's `line` (1-based) and `column` (bytes
/// consumed on that line).
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line.saturating_sub(2))
            .map_or(text.len(), |(i, _)| i.saturating_add(1))
    };
    start.saturating_add(column).min(text.len())
}

/// The path (`items[0].options.mode` as segments, empty at the top level)
/// of the value being read when serde_json stopped at `line`/`column` of `text`.
pub(crate) fn at(text: &str, line: usize, column: usize) -> Vec<PathSegment> {
    let bytes = text.as_bytes();
    let end = offset(text, line, column);
    let mut stack: Vec<Frame> = Vec::new();
    let mut last = b' ';
    let mut i = 0;
    while i < end {
        let Some(&c) = bytes.get(i) else { break };
        match c {
            b'{' => stack.push(Frame::Object {
                key: None,
                expect_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index = index.saturating_add(1),
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                None => {}
            },
            b'"' => {
                // A string: a key when the object expects one.
                let mut j = i.saturating_add(1);
                let mut raw = Vec::new();
                while let Some(&b) = bytes.get(j) {
                    match b {
                        b'\\' => {
                            raw.push(b);
                            j = j.saturating_add(1);
                            if let Some(&e) = bytes.get(j) {
                                raw.push(e);
                            }
                        }
                        b'"' => break,
                        _ => raw.push(b),
                    }
                    j = j.saturating_add(1);
                }
                if let Some(Frame::Object { key, expect_key }) = stack.last_mut() {
                    if *expect_key {
                        let text = String::from_utf8_lossy(&raw);
                        *key = Some(serde_json::from_str(&format!("\"{text}\"")).unwrap_or_else(|_| text.into_owned()));
                        *expect_key = false;
                    }
                }
                i = j;
            }
            _ => {}
        }
        if !c.is_ascii_whitespace() {
            last = c;
        }
        i = i.saturating_add(1);
    }
    // Stopped on an opening bracket: the error is about that value as a
    // whole (an array where a string belongs), so name it, not its inside.
    if last == b'{' || last == b'[' {
        stack.pop();
    }
    stack
        .into_iter()
        .filter_map(|frame| match frame {
            Frame::Object { key: Some(k), .. } => Some(PathSegment::Key(k)),
            Frame::Object { key: None, .. } => None,
            Frame::Array { index } => Some(PathSegment::Index(index)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    /// The path at the end of `text` (serde_json's position after an error
    /// at the last byte).
    fn end(text: &str) -> String {
        text_of(&super::at(text, 1, text.len()))
    }
    fn text_of(path: &[crate::error::PathSegment]) -> String {
        let mut out = String::new();
        crate::error::write_path(path, &mut out);
        out
    }

    #[test]
    fn names_the_field_being_read() {
        assert_eq!(end(r#"{"items":[],"balance":12.5"#), "balance");
        assert_eq!(end(r#"{"items":[{"feature":"a","seconds":"x""#), "items[0].seconds");
        assert_eq!(end(r#"{"items":[{"feature":"a"},{"seconds":-1"#), "items[1].seconds");
        assert_eq!(
            end(r#"{"items":[{"feature":"a","options":{"mode":["#),
            "items[0].options.mode"
        );
        assert_eq!(end(r#"{"items":[{"seconds":1}"#), "items[0]"); // a missing field: the object
        assert_eq!(end(r#"{"plan":"x"}"#), "");
        assert_eq!(end(r#"{"a\"b":{"c":1"#), "a\"b.c");
        assert_eq!(end(r#"{"note":"a,[{","bogus""#), "bogus");
        let multi = "{\n  \"features\": {\n    \"x\": {\n      \"rate\": 0.1\n";
        assert_eq!(text_of(&super::at(multi, 4, 17)), "features.x.rate");
    }
}
