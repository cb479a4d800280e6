//! A small JSON reader, written for size: the first-load module reads the
//! built-in presets with it instead of serde_json (whose generic reader and
//! the derived visitors of every rate-card type cost most of the full
//! module's bytes). It reads any JSON text into a [`Json`] tree; `card.rs`
//! turns the tree into a [`crate::RateCard`]. serde_json stays its test
//! oracle (`tests/lite.rs` reads every preset both ways).
//!
//! Numbers are kept as their text (a rate card has none; amounts are
//! decimal strings). Nesting deeper than [`MAX_DEPTH`] is refused, so no
//! input can exhaust the stack.

use crate::error::{Error, ErrorKind, Result};

/// Deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 64;

/// A JSON value. Objects keep their keys in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Num(String),
    /// A string, unescaped.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object: `(key, value)` in order.
    Obj(Vec<(String, Json)>),
}

/// Reads `text` as one JSON value (whitespace around it allowed).
///
/// # Errors
/// `invalid_rate_card` naming the byte offset of the first problem.
pub fn parse(text: &str) -> Result<Json> {
    let mut r = Reader { bytes: text.as_bytes(), at: 0 };
    let v = r.value(0)?;
    r.space();
    if r.at != r.bytes.len() {
        return Err(r.fail("text after the JSON value"));
    }
    Ok(v)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn fail(&self, what: &str) -> Error {
        Error::new(ErrorKind::InvalidRateCard, format!("$: {what} at byte {}", self.at))
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at = self.at.saturating_add(1);
        Some(b)
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at = self.at.saturating_add(1);
        }
    }

    fn expect(&mut self, word: &[u8]) -> Result<()> {
        let end = self.at.saturating_add(word.len());
        if self.bytes.get(self.at..end) == Some(word) {
            self.at = end;
            Ok(())
        } else {
            Err(self.fail("unexpected token"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json> {
        if depth > MAX_DEPTH {
            return Err(self.fail("nested too deep"));
        }
        self.space();
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::Str),
            Some(b't') => self.expect(b"true").map(|()| Json::Bool(true)),
            Some(b'f') => self.expect(b"false").map(|()| Json::Bool(false)),
            Some(b'n') => self.expect(b"null").map(|()| Json::Null),
            Some(b'-' | b'0'..=b'9') => Ok(self.number()),
            _ => Err(self.fail("expected a value")),
        }
    }

    fn number(&mut self) -> Json {
        let start = self.at;
        while matches!(self.peek(), Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')) {
            self.at = self.at.saturating_add(1);
        }
        Json::Num(String::from_utf8_lossy(self.bytes.get(start..self.at).unwrap_or_default()).into_owned())
    }

    fn array(&mut self, depth: usize) -> Result<Json> {
        self.at = self.at.saturating_add(1);
        let mut items = Vec::new();
        self.space();
        if self.peek() == Some(b']') {
            self.at = self.at.saturating_add(1);
            return Ok(Json::Arr(items));
        }
        loop {
            items.push(self.value(depth.saturating_add(1))?);
            self.space();
            match self.bump() {
                Some(b',') => continue,
                Some(b']') => return Ok(Json::Arr(items)),
                _ => return Err(self.fail("expected , or ]")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json> {
        self.at = self.at.saturating_add(1);
        let mut fields = Vec::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.at = self.at.saturating_add(1);
            return Ok(Json::Obj(fields));
        }
        loop {
            self.space();
            if self.peek() != Some(b'"') {
                return Err(self.fail("expected a key"));
            }
            let key = self.string()?;
            self.space();
            if self.bump() != Some(b':') {
                return Err(self.fail("expected :"));
            }
            fields.push((key, self.value(depth.saturating_add(1))?));
            self.space();
            match self.bump() {
                Some(b',') => continue,
                Some(b'}') => return Ok(Json::Obj(fields)),
                _ => return Err(self.fail("expected , or }")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = self.bump().and_then(|b| char::from(b).to_digit(16)).ok_or_else(|| self.fail("bad \\u escape"))?;
            v = v.saturating_mul(16).saturating_add(d);
        }
        Ok(v)
    }

    fn string(&mut self) -> Result<String> {
        self.at = self.at.saturating_add(1);
        let mut out: Vec<u8> = Vec::new();
        loop {
            match self.bump() {
                None => return Err(self.fail("unterminated string")),
                Some(b'"') => break,
                Some(b'\\') => {
                    let c = match self.bump() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode()?,
                        _ => return Err(self.fail("bad escape")),
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                Some(b) if b < 0x20 => return Err(self.fail("control character in a string")),
                Some(b) => out.push(b),
            }
        }
        // The input is a &str, and escapes are pushed as UTF-8: valid.
        String::from_utf8(out).map_err(|_| self.fail("invalid UTF-8"))
    }

    /// A `\uXXXX` escape, with its low surrogate when it is a high one.
    fn unicode(&mut self) -> Result<char> {
        let hi = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&hi) {
            self.expect(b"\\u")?;
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(self.fail("bad surrogate pair"));
            }
            0x10000u32
                .saturating_add((hi.saturating_sub(0xD800)) << 10)
                .saturating_add(lo.saturating_sub(0xDC00))
        } else {
            hi
        };
        char::from_u32(code).ok_or_else(|| self.fail("bad \\u escape"))
    }
}
