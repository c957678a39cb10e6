//! CAMEO codes, the code specifications of the verb dictionary, and the CAMEO → PLOVER crosswalk.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use mosaic_core::EventType;

/// A CAMEO code such as "020", "0231", "173", "1823" (2–4 ASCII digits, stored as written).
///
/// Codes are compared as written: "020" and "0200" are different codes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CameoCode {
    /// ASCII digits; only the first `len` bytes are meaningful (the rest are 0).
    digits: [u8; 4],
    len: u8,
}

impl CameoCode {
    /// `"0231"` → `Some`; `"---"`, `""`, `"12345"`, `"ab"` → `None`. No trimming is done.
    pub fn parse(s: &str) -> Option<CameoCode> {
        let bytes = s.as_bytes();
        if !(2..=4).contains(&bytes.len()) || !bytes.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut digits = [0u8; 4];
        digits[..bytes.len()].copy_from_slice(bytes);
        Some(CameoCode {
            digits,
            len: bytes.len() as u8,
        })
    }

    /// The code exactly as written, e.g. `"020"`.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored, so this cannot fail.
        std::str::from_utf8(&self.digits[..self.len as usize]).unwrap_or("")
    }

    /// The first two digits as a number: `"0231"` → 2, `"1823"` → 18.
    pub fn root(&self) -> u8 {
        (self.digits[0] - b'0') * 10 + (self.digits[1] - b'0')
    }

    pub fn starts_with(&self, prefix: &str) -> bool {
        self.as_str().starts_with(prefix)
    }

    /// CAMEO → PLOVER, by the crosswalk table `data/crosswalk.toml` (the PETRARCH2 README's
    /// roots, refined by sub-code after the PLOVER manual's definitions).
    ///
    /// `None` means "no PLOVER event": public statements (01) and, deliberately, 015 "claim
    /// responsibility", because the caller should code the act that was claimed, not the claim.
    pub fn plover(&self) -> Option<EventType> {
        let table = crosswalk();
        (2..=self.len as usize)
            .rev()
            .find_map(|n| table.get(&self.as_str()[..n]))
            .copied()
            .flatten()
    }
}

const CROSSWALK_TOML: &str = include_str!("../data/crosswalk.toml");

/// Prefix → type (`None` for "NONE"), parsed once.
fn crosswalk() -> &'static HashMap<String, Option<EventType>> {
    static TABLE: OnceLock<HashMap<String, Option<EventType>>> = OnceLock::new();
    TABLE.get_or_init(|| parse_crosswalk(CROSSWALK_TOML).expect("data/crosswalk.toml (tested)"))
}

/// Reads `"PREFIX" = "TYPE"` lines; comments and blank lines are skipped.
pub(crate) fn parse_crosswalk(text: &str) -> Result<HashMap<String, Option<EventType>>, String> {
    let mut out = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let bad = || format!("crosswalk line {}: {line:?}", n + 1);
        let (prefix, value) = line.split_once('=').ok_or_else(bad)?;
        let prefix = prefix.trim().trim_matches('"');
        let value = value.trim().trim_matches('"');
        if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let t = match value {
            "NONE" => None,
            v => Some(EventType::parse(v).ok_or_else(bad)?),
        };
        if out.insert(prefix.to_string(), t).is_some() {
            return Err(format!("{}: prefix listed twice", bad()));
        }
    }
    Ok(out)
}

impl fmt::Debug for CameoCode {
    /// `CameoCode("020")` rather than the digit bytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CameoCode({:?})", self.as_str())
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a verb line, block header or pattern codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeSpec {
    /// `[---]`: explicitly no event.
    Null,
    /// `[020]`
    Code(CameoCode),
    /// `[042:043]`: the subject does the first, the object the second (reciprocal);
    /// `[:173]`: only the reverse (object acts on subject); `[a:---]` possible too.
    Pair {
        forward: Option<CameoCode>,
        reverse: Option<CameoCode>,
    },
}

impl CodeSpec {
    /// Parses what stands between `[` and `]`: `"---"`, `"020"`, `"042:043"`, `":173"`,
    /// `"042:---"`. Surrounding blanks are ignored; anything else (`"080!"`, `""`) is `None`.
    pub fn parse(inner: &str) -> Option<CodeSpec> {
        let inner = inner.trim();
        if let Some((fwd, rev)) = inner.split_once(':') {
            return Some(CodeSpec::Pair {
                forward: side(fwd)?,
                reverse: side(rev)?,
            });
        }
        match side(inner)? {
            None if inner.is_empty() => None,
            None => Some(CodeSpec::Null),
            Some(c) => Some(CodeSpec::Code(c)),
        }
    }

    /// The code the subject's act gets: `Code(c)` → `c`, `Pair` → its forward code, `Null` → none.
    pub fn forward(&self) -> Option<CameoCode> {
        match *self {
            CodeSpec::Null => None,
            CodeSpec::Code(c) => Some(c),
            CodeSpec::Pair { forward, .. } => forward,
        }
    }

    /// The code of the object's act on the subject, only present in `Pair`s.
    pub fn reverse(&self) -> Option<CameoCode> {
        match *self {
            CodeSpec::Pair { reverse, .. } => reverse,
            _ => None,
        }
    }
}

/// One side of a code: `Ok(None)` for an empty side or `---`, `Ok(Some)` for a code.
/// The outer `Option` is `None` when the side is unreadable.
fn side(s: &str) -> Option<Option<CameoCode>> {
    let s = s.trim();
    if s.is_empty() || s == "---" {
        return Some(None);
    }
    CameoCode::parse(s).map(Some)
}

impl fmt::Display for CodeSpec {
    /// Writes the code as the dictionary would: `---`, `020`, `042:043`, `:173`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |c: Option<CameoCode>| c.map_or(String::new(), |c| c.to_string());
        match *self {
            CodeSpec::Null => f.write_str("---"),
            CodeSpec::Code(c) => write!(f, "{c}"),
            CodeSpec::Pair { forward, reverse } => {
                write!(f, "{}:{}", show(forward), show(reverse))
            }
        }
    }
}
