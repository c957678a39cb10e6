//! Bytes → text: BOMs, UTF-16, legacy 8-bit encodings, binary and damaged input.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded from bytes, with the encoding it was read as.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the encoding (`UTF-8`, `UTF-16LE`, `windows-1252` …).
    pub encoding: String,
    /// How the encoding was chosen and any repair made, one line each.
    pub notes: Vec<String>,
}

/// Bytes of the file's start searched for NUL bytes (git's heuristic looks at the same amount).
const NUL_WINDOW: usize = 8000;
/// Above this share of control bytes the input is taken for binary.
const MAX_CONTROL_RATIO: f64 = 0.02;
/// Invalid UTF-8 sequences tolerated (replaced by U+FFFD) regardless of length.
const LOSSY_FREE_ERRORS: usize = 3;
/// Beyond the free ones, invalid sequences tolerated per 1000 characters.
const LOSSY_PER_MILLE: usize = 2;

/// Decodes a file's bytes to text.
///
/// `declared` is a charset label the container declared (an HTML `<meta charset>`); it is used
/// only when the bytes are not valid UTF-8. Errors are one-line reasons: `empty …`, `binary …`,
/// `damaged UTF-8 …`.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file (0 bytes)".into());
    }
    let decoded = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let mut d = decode_utf8_or_legacy(rest, declared)?;
        d.notes.insert(0, "UTF-8 byte-order mark removed".into());
        d
    } else if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err("UTF-32 text is not supported; re-save the file as UTF-8".into());
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        decode_utf16(rest, UTF_16LE, "byte-order mark")?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        decode_utf16(rest, UTF_16BE, "byte-order mark")?
    } else if let Some(enc) = sniff_utf16(bytes) {
        decode_utf16(
            bytes,
            enc,
            "no byte-order mark; sniffed from NUL byte pattern",
        )?
    } else {
        check_binary(bytes)?;
        decode_utf8_or_legacy(bytes, declared)?
    };
    if decoded.text.trim().is_empty() {
        return Err("empty (only whitespace)".into());
    }
    Ok(decoded)
}

fn decode_utf16(body: &[u8], enc: &'static Encoding, how: &str) -> Result<Decoded, String> {
    let (text, had_errors) = enc.decode_without_bom_handling(body);
    let text = text.into_owned();
    let ctrl = text.chars().filter(|c| is_binary_control(*c)).count();
    if ctrl > 0 && ctrl as f64 / text.chars().count().max(1) as f64 > MAX_CONTROL_RATIO {
        return Err(format!(
            "binary content after {} decoding ({ctrl} control characters)",
            enc.name()
        ));
    }
    let mut notes = vec![format!("decoded as {} ({how})", enc.name())];
    if had_errors {
        notes.push("unpaired UTF-16 surrogates replaced with U+FFFD".into());
    }
    Ok(Decoded {
        text,
        encoding: enc.name().to_string(),
        notes,
    })
}

/// UTF-16 without a BOM shows NULs in every other byte for Latin-script text.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let n = bytes.len().min(4096) & !1;
    if n < 8 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in bytes[..n].iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even += 1
            } else {
                odd += 1
            }
        }
    }
    let half = n / 2;
    if odd * 10 >= half * 6 && even * 20 <= half {
        Some(UTF_16LE)
    } else if even * 10 >= half * 6 && odd * 20 <= half {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn is_binary_control(c: char) -> bool {
    (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r' | '\x0C') || c == '\x7F'
}

fn check_binary(bytes: &[u8]) -> Result<(), String> {
    if let Some(at) = bytes[..bytes.len().min(NUL_WINDOW)]
        .iter()
        .position(|b| *b == 0)
    {
        return Err(format!(
            "binary file (NUL byte at offset {at}); not a text format Mosaic reads"
        ));
    }
    let ctrl = bytes
        .iter()
        .filter(|b| is_binary_control(**b as char))
        .count();
    let ratio = ctrl as f64 / bytes.len() as f64;
    if ratio > MAX_CONTROL_RATIO {
        return Err(format!(
            "binary file ({:.1}% control bytes); not a text format Mosaic reads",
            ratio * 100.0
        ));
    }
    Ok(())
}

fn decode_utf8_or_legacy(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, String> {
    let (errors, multibyte) = match std::str::from_utf8(bytes) {
        Ok(s) => {
            return Ok(Decoded {
                text: s.to_string(),
                encoding: "UTF-8".into(),
                notes: Vec::new(),
            });
        }
        Err(_) => utf8_damage(bytes),
    };
    let declared = declared
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE);
    if let Some(enc) = declared {
        let (text, _, _) = enc.decode(bytes);
        let note = format!("decoded as {} (declared by the document)", enc.name());
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name().into(),
            notes: vec![note],
        });
    }
    if multibyte == 0 {
        // Not a single valid multi-byte sequence: a legacy single-/double-byte encoding, not damage.
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        let enc = det.guess(None, chardetng::Utf8Detection::Deny);
        let (text, _, had_errors) = enc.decode(bytes);
        let mut notes = vec![format!(
            "decoded as {} (detected; not valid UTF-8)",
            enc.name()
        )];
        if had_errors {
            notes.push(format!(
                "some bytes not valid in {} replaced with U+FFFD",
                enc.name()
            ));
        }
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name().into(),
            notes,
        });
    }
    let chars = bytes.len() - multibyte; // rough character count; exact enough for a ratio
    if errors <= LOSSY_FREE_ERRORS || errors * 1000 <= chars * LOSSY_PER_MILLE {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let note = format!("{errors} invalid UTF-8 byte sequence(s) replaced with U+FFFD");
        return Ok(Decoded {
            text,
            encoding: "UTF-8".into(),
            notes: vec![note],
        });
    }
    Err(format!(
        "damaged or mixed-encoding UTF-8: {errors} invalid byte sequences beside {multibyte} valid \
         non-ASCII characters; convert the file to one encoding (e.g. iconv -f windows-1252 -t utf-8)"
    ))
}

/// Counts invalid UTF-8 sequences and valid non-ASCII characters.
fn utf8_damage(mut bytes: &[u8]) -> (usize, usize) {
    let (mut errors, mut multibyte) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                return (errors, multibyte);
            }
            Err(e) => {
                let good = e.valid_up_to();
                // Safety of the slice: valid_up_to is a char boundary of valid UTF-8.
                let valid = std::str::from_utf8(&bytes[..good]).unwrap_or_default();
                multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
                errors += 1;
                let skip = e.error_len().unwrap_or(bytes.len() - good);
                bytes = &bytes[good + skip..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_bom() {
        assert_eq!(decode("héllo".as_bytes(), None).unwrap().text, "héllo");
        let d = decode(b"\xEF\xBB\xBFhi", None).unwrap();
        assert_eq!(d.text, "hi");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16_both_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Türkiye’s MİT".encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(&le, None).unwrap().text, "Türkiye’s MİT");
        assert_eq!(decode(&be, None).unwrap().encoding, "UTF-16BE");
        // Without a BOM, sniffed.
        assert_eq!(decode(&le[2..], None).unwrap().text, "Türkiye’s MİT");
    }

    #[test]
    fn latin1_detected() {
        let bytes = b"Le minist\xE8re des Affaires \xE9trang\xE8res a d\xE9clar\xE9 que l'accord \xE9tait sign\xE9.";
        let d = decode(bytes, None).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("ministère"), "{}", d.text);
    }

    #[test]
    fn small_damage_is_lossy_large_is_rejected() {
        let mut ok = "Café ".repeat(400).into_bytes();
        ok.push(0xFF);
        let d = decode(&ok, None).unwrap();
        assert!(d.text.ends_with('\u{FFFD}'));
        let mut mixed = "Café ".repeat(10).into_bytes();
        mixed.extend(b"caf\xE9 ".repeat(50));
        let err = decode(&mixed, None).unwrap_err();
        assert!(err.contains("mixed-encoding"), "{err}");
    }

    #[test]
    fn binary_and_empty() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0", None)
            .unwrap_err()
            .contains("binary"));
        assert!(decode(b"", None).unwrap_err().contains("empty"));
        assert!(decode(b" \n\t\r\n ", None).unwrap_err().contains("empty"));
        let ctrl: Vec<u8> = (0..1000u32)
            .map(|i| if i % 10 == 0 { 0x01 } else { b'a' })
            .collect();
        assert!(decode(&ctrl, None).unwrap_err().contains("control"));
    }
}
