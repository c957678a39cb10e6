//! CAMEO codes, the code specifications of the verb dictionary, and the CAMEO → PLOVER crosswalk.

use std::fmt;

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

    /// CAMEO → PLOVER, by the crosswalk table of the PETRARCH2 reference README.
    ///
    /// `None` means "no PLOVER event": public statements (01) and, deliberately, 015 "claim
    /// responsibility", because the caller should code the act that was claimed, not the claim.
    pub fn plover(&self) -> Option<EventType> {
        use EventType::*;
        let sub = |p: &str| self.starts_with(p);
        let t = match self.root() {
            1 if sub("016") => Reject,
            1 => return None,
            2 | 10 => Request,
            3 => Agree,
            4 => Consult,
            5 if sub("055") => Concede,
            5 if sub("057") => Agree,
            5 => Support,
            6 => Cooperate,
            7 => Aid,
            8 if sub("087") => Retreat,
            8 => Concede,
            9 => Accuse,
            11 if sub("116") => Coerce,
            11 => Accuse,
            12 => Reject,
            13 => Threaten,
            14 => Protest,
            15 => Mobilize,
            16 => Sanction,
            17 => Coerce,
            18..=20 => Assault,
            _ => return None,
        };
        Some(t)
    }
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
