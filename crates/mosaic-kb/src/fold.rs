//! Offset-preserving text folding for the alias matcher.
//!
//! `mosaic_core::fold_key` is the comparison key for whole names; it drops a leading "the" and a
//! possessive, so it cannot be used to search running text. Here every original character is folded
//! on its own and each folded byte remembers which original bytes produced it, so a match in the
//! folded text maps back to exact byte offsets in the original.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folded text plus, for every folded byte, the original byte range of the character it came from.
pub(crate) struct Folded {
    pub text: String,
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl Folded {
    /// Original byte offsets of the folded byte range `[s, e)`.
    pub fn original_range(&self, s: usize, e: usize) -> (usize, usize) {
        (self.starts[s], self.ends[e - 1])
    }
}

/// Folds one character into `out`: diacritics stripped (with the Turkish dotless/dotted i mapped
/// explicitly, as NFKD leaves `ı` alone), curly apostrophes straightened, hyphens and dashes inside
/// names read as spaces ("al-Qaeda" = "al Qaeda"), any whitespace read as one space.
fn fold_char(c: char, lower: bool, out: &mut String) {
    match c {
        'ı' | 'İ' => out.push(if lower || c == 'ı' { 'i' } else { 'I' }),
        '’' | '‘' | 'ʼ' | '`' | '´' | '′' => out.push('\''),
        '-' | '‐' | '‑' | '‒' | '–' => out.push(' '),
        c if c.is_whitespace() => out.push(' '),
        c if c.is_ascii() => out.push(if lower { c.to_ascii_lowercase() } else { c }),
        c => {
            for d in std::iter::once(c).nfkd().filter(|d| !is_combining_mark(*d)) {
                if lower {
                    out.extend(d.to_lowercase());
                } else {
                    out.push(d);
                }
            }
        }
    }
}

/// Folds `s` keeping the offset map; runs of spaces collapse into one.
pub(crate) fn fold_with_offsets(s: &str, lower: bool) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut starts = Vec::with_capacity(s.len());
    let mut ends = Vec::with_capacity(s.len());
    let mut buf = String::new();
    // Folded byte range written for the previous original character, so that a lone combining
    // mark (decomposed input) extends that character instead of being cut off a match.
    let mut last_group = 0..0;
    for (i, c) in s.char_indices() {
        // Fast path for the bulk of English text: ASCII letters, digits and punctuation.
        if c.is_ascii_graphic() && c != '-' && c != '`' {
            text.push(if lower { c.to_ascii_lowercase() } else { c });
            starts.push(i);
            ends.push(i + 1);
            last_group = text.len() - 1..text.len();
            continue;
        }
        let end = i + c.len_utf8();
        buf.clear();
        fold_char(c, lower, &mut buf);
        if buf == " " && text.ends_with(' ') {
            continue;
        }
        if buf.is_empty() {
            for e in &mut ends[last_group.clone()] {
                *e = end;
            }
            continue;
        }
        let from = text.len();
        text.push_str(&buf);
        starts.resize(text.len(), i);
        ends.resize(text.len(), end);
        last_group = from..text.len();
    }
    Folded { text, starts, ends }
}

/// Folds a name for use as a matcher pattern: same rules as the text, trimmed.
pub(crate) fn fold_pattern(s: &str, lower: bool) -> String {
    // (The same folding as `fold_with_offsets`, without the offset map.)
    let mut out = String::with_capacity(s.len());
    let mut buf = String::new();
    for c in s.chars() {
        buf.clear();
        fold_char(c, lower, &mut buf);
        for f in buf.chars() {
            if f == ' ' && (out.is_empty() || out.ends_with(' ')) {
                continue;
            }
            out.push(f);
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_survive_multibyte_and_decomposed_input() {
        let s = "MİT’s  Türkiye";
        let f = fold_with_offsets(s, true);
        assert_eq!(f.text, "mit's turkiye");
        let at = f.text.find("turkiye").unwrap();
        let (a, b) = f.original_range(at, at + "turkiye".len());
        assert_eq!(&s[a..b], "Türkiye");
        // "u" followed by a combining diaeresis: the mark belongs to the match.
        let d = "Tu\u{308}rkiye";
        let f = fold_with_offsets(d, true);
        assert_eq!(f.text, "turkiye");
        let (a, b) = f.original_range(0, 2);
        assert_eq!(&d[a..b], "Tu\u{308}");
    }

    #[test]
    fn pattern_fold_is_the_text_fold_trimmed() {
        for s in [
            "MİT’s  Türkiye",
            " al-Qaeda ",
            "U.S.",
            "Tu\u{308}rkiye",
            "a – b",
            "x\t\ny",
            "Ban Ki-moon",
        ] {
            for lower in [true, false] {
                assert_eq!(
                    fold_pattern(s, lower),
                    fold_with_offsets(s, lower).text.trim(),
                    "{s:?}"
                );
            }
        }
    }

    #[test]
    fn case_preserving_fold_keeps_capitals() {
        assert_eq!(fold_pattern("MİT", false), "MIT");
        assert_eq!(fold_pattern("al-Qaeda", true), "al qaeda");
        assert_eq!(fold_pattern("U.S.", false), "U.S.");
    }
}
