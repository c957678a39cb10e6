//! Data-driven clean-up test: `tests/cleanup/NAME.in.txt` is cleaned and compared with
//! `NAME.expected.txt`. Run with `UPDATE_EXPECT=1` to rewrite the expected files (then review
//! the diff). Every case also checks that the offset map is exact on every kept character.

use std::fs;
use std::path::Path;

use mosaic_ingest::{clean, Cleaned};

/// Every character of the cleaned text maps to the same character in the raw text (whitespace to
/// whitespace, since runs of spaces, NBSP and line ends are rewritten), strictly in order.
fn assert_offsets_exact(name: &str, raw: &str, c: &Cleaned) {
    let mut last: Option<usize> = None;
    for (at, ch) in c.text.char_indices() {
        let o = c.offsets.to_original(at);
        assert!(
            raw.is_char_boundary(o) && o < raw.len(),
            "{name}: offset {at} maps outside the raw text ({o})"
        );
        let orig = raw[o..].chars().next().unwrap();
        if ch.is_whitespace() {
            assert!(
                orig.is_whitespace(),
                "{name}: whitespace at {at} maps to {orig:?} at {o}"
            );
        } else {
            assert_eq!(ch, orig, "{name}: char at {at} maps to raw {o}");
        }
        if let Some(l) = last {
            assert!(o > l, "{name}: offsets not increasing at {at}");
        }
        last = Some(o);
    }
    // Whole words map back verbatim when no invisible character sat inside them.
    let mut start = None;
    for (at, ch) in c.text.char_indices().chain([(c.text.len(), ' ')]) {
        match (start, ch.is_whitespace()) {
            (None, false) => start = Some(at),
            (Some(s), true) => {
                let word = &c.text[s..at];
                let o = c.offsets.to_original(s);
                let raw_word = raw[o..].split(char::is_whitespace).next().unwrap();
                let visible: String = raw_word
                    .chars()
                    .filter(|ch| {
                        !matches!(
                            ch,
                            '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}'
                        ) && !ch.is_control()
                    })
                    .collect();
                assert_eq!(word, visible, "{name}: word at {s}");
                start = None;
            }
            _ => {}
        }
    }
}

#[test]
fn cleanup_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cleanup");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut cases: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".in.txt"))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 5,
        "cleanup cases missing in {}",
        dir.display()
    );
    let mut failures = Vec::new();
    for input in cases {
        let name = input
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".in.txt")
            .to_string();
        let raw = fs::read_to_string(&input).unwrap();
        let cleaned = clean(&raw);
        assert_offsets_exact(&name, &raw, &cleaned);
        let expected_path = dir.join(format!("{name}.expected.txt"));
        let got = format!("{}\n", cleaned.text);
        if update {
            fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_else(|_| {
            panic!(
                "{} missing; run with UPDATE_EXPECT=1",
                expected_path.display()
            )
        });
        if expected != got {
            failures.push(format!(
                "--- {name}: expected\n{expected}--- got\n{got}--- notes: {:#?}",
                cleaned.notes
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn offsets_exact_on_generated_messy_text() {
    // Deterministic pseudo-random mixes of words, junk lines, odd whitespace and repeats.
    let pieces = [
        "Turkey’s MİT said",
        "“eleven",
        "people”",
        "were",
        "detained",
        "in",
        "Istanbul.",
        "\u{A0}",
        "\t",
        "  ",
        "\u{200B}",
        "\u{AD}",
        "\u{2003}",
        "Iran",
        "Mossad",
        "network.",
    ];
    let lines = [
        "Share this:",
        "Advertisement",
        "",
        "   ",
        "Print Friendly, PDF & Email",
        "\u{FEFF}",
    ];
    let mut seed: u64 = 0x9E3779B97F4A7C15;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for case in 0..300 {
        let mut raw = String::new();
        let mut paragraphs = Vec::new();
        for _ in 0..next(12) {
            if next(4) == 0 {
                raw.push_str(lines[next(lines.len())]);
            } else if next(6) == 0 && !paragraphs.is_empty() {
                let p: &String = &paragraphs[next(paragraphs.len())];
                raw.push_str(p);
            } else {
                let mut p = String::new();
                for _ in 0..next(20) + 1 {
                    p.push_str(pieces[next(pieces.len())]);
                    p.push(if next(3) == 0 { '\u{A0}' } else { ' ' });
                }
                raw.push_str(&p);
                paragraphs.push(p);
            }
            raw.push_str(["\n", "\r\n", "\n\n", "\r", "\u{2028}"][next(5)]);
        }
        let c = clean(&raw);
        assert_offsets_exact(&format!("case {case}"), &raw, &c);
        assert!(!c.text.starts_with(char::is_whitespace) && !c.text.ends_with(char::is_whitespace));
        assert!(!c.text.contains("\n\n\n") && !c.text.contains("  "));
    }
}
