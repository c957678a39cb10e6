//! Data-driven tests: every row of `cases.tsv` and `anchors.tsv` is one case; add rows, not code.

use chrono::NaiveDate;
use mosaic_time::{find_times, infer_anchor, parse_published};

fn rows(file: &str) -> Vec<(usize, Vec<String>)> {
    let path = format!("{}/tests/{file}", env!("CARGO_MANIFEST_DIR"));
    let body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    body.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::to_string).collect()))
        .collect()
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

#[test]
fn find_times_table() {
    let mut failures = Vec::new();
    let all = rows("cases.tsv");
    assert!(all.len() > 50, "the table went missing");
    for (line, cols) in all {
        let [anchor, text, span, value] =
            [0, 1, 2, 3].map(|i| cols.get(i).cloned().unwrap_or_default());
        let found = find_times(&text, date(&anchor));
        let shown: Vec<String> = found
            .iter()
            .map(|m| format!("{:?}={}", m.text, m.value))
            .collect();
        let ok = if span == "*" {
            found.is_empty()
        } else if let Some(words) = span.strip_prefix('!') {
            !found
                .iter()
                .any(|m| m.text.contains(words) || words.contains(m.text.as_str()))
        } else {
            found
                .iter()
                .any(|m| m.text == span && m.value == value && text[m.start..m.end] == m.text)
        };
        if !ok {
            failures.push(format!(
                "line {line}: {text:?} (anchor {anchor}) wanted {span:?}={value}, got {shown:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn anchor_table() {
    let mut failures = Vec::new();
    for (line, cols) in rows("anchors.tsv") {
        let [kind, input, want] = [0, 1, 2].map(|i| cols.get(i).cloned().unwrap_or_default());
        let want = date(&want);
        let got = match kind.as_str() {
            "infer" => infer_anchor(&input).map(|a| a.date),
            "published" => parse_published(&input),
            other => panic!("line {line}: unknown kind {other:?}"),
        };
        if got != want {
            failures.push(format!(
                "line {line}: {kind} {input:?} wanted {want:?}, got {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn matches_are_ordered_and_disjoint() {
    let text = "On Friday, Nov. 1, 2013, between 2016 and 2018, last year and in December of last year, the 1990s.";
    let found = find_times(text, date("2013-11-02"));
    assert!(found.len() >= 4);
    for w in found.windows(2) {
        assert!(w[0].end <= w[1].start, "{:?} overlaps {:?}", w[0], w[1]);
    }
}
