//! Discovery and reading, including every kind of bad input: each case writes its files into a
//! temporary folder.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use mosaic_ingest::{
    discover, discover_report, read, read_iter, read_with, Format, InputFile, ReadOptions,
};

const BODY: &str = "Turkish police detained 11 people suspected of spying for Israel, the state news agency said on Tuesday.\n\
The suspects were accused of collecting information on Iranian nationals living in Istanbul.";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&p, bytes).unwrap();
    p
}

fn input(path: PathBuf, format: Format) -> InputFile {
    InputFile {
        path,
        format,
        sidecar: None,
    }
}

fn only_err(file: &InputFile) -> String {
    let mut r = read(file);
    assert_eq!(r.len(), 1, "{r:?}");
    r.remove(0).expect_err("should be rejected").reason
}

#[test]
fn discovery_is_recursive_sorted_and_pairs_sidecars() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "b/two.txt", BODY.as_bytes());
    write(
        d.path(),
        "b/two.meta.json",
        br#"{"url":"https://x.example/2","outlet":"Daily Sabah","published":"2023-05-30"}"#,
    );
    write(
        d.path(),
        "a/one.html",
        b"<html><body><p>Hello there, this is a page.</p></body></html>",
    );
    write(d.path(), "a/one.gold.json", b"{\"doc\":\"one.txt\"}");
    write(d.path(), "a/notes.json", b"{\"foo\": 1}");
    write(
        d.path(),
        "a/records.json",
        br#"[{"text":"One."},{"text":"Two."}]"#,
    );
    write(
        d.path(),
        "c/feed.xml",
        b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title></channel></rss>",
    );
    write(
        d.path(),
        "c/config.xml",
        b"<?xml version=\"1.0\"?><config/>",
    );
    write(d.path(), "c/stream.jsonl", b"{\"text\":\"x\"}\n");
    write(d.path(), "c/image.png", b"\x89PNG\r\n\x1a\n\0\0");
    write(d.path(), "c/orphan.meta.json", b"{}");
    write(d.path(), ".hidden/x.txt", b"hidden");
    write(d.path(), "notes.md", b"# Title\n\nBody text.");

    let report = discover_report(&[d.path().to_path_buf()]);
    let names: Vec<String> = report
        .files
        .iter()
        .map(|f| f.path.strip_prefix(d.path()).unwrap().display().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "a/one.html",
            "a/records.json",
            "b/two.txt",
            "c/feed.xml",
            "c/stream.jsonl",
            "notes.md"
        ],
        "{:?}",
        report.skipped
    );
    let formats: Vec<Format> = report.files.iter().map(|f| f.format).collect();
    assert_eq!(
        formats,
        [
            Format::Html,
            Format::Json,
            Format::Text,
            Format::Feed,
            Format::Jsonl,
            Format::Markdown
        ]
    );
    assert_eq!(
        report.files[2].sidecar.as_deref(),
        Some(d.path().join("b/two.meta.json").as_path())
    );

    let skipped: Vec<(String, String)> = report
        .skipped
        .iter()
        .map(|r| {
            (
                Path::new(&r.origin)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                r.reason.clone(),
            )
        })
        .collect();
    let reason = |n: &str| {
        skipped
            .iter()
            .find(|(f, _)| f == n)
            .map(|(_, r)| r.clone())
            .unwrap_or_default()
    };
    assert!(reason("one.gold.json").contains("answer key"));
    assert!(reason("notes.json").contains("without article fields"));
    assert!(reason("config.xml").contains("not an RSS/Atom feed"));
    assert!(reason("image.png").contains("unsupported file type"));
    assert!(reason("orphan.meta.json").contains("sidecar"));
    assert!(!skipped
        .iter()
        .any(|(f, _)| f == "x.txt" || f == "two.meta.json"));

    let missing = discover_report(&[d.path().join("nope")]);
    assert!(missing.files.is_empty() && missing.skipped[0].reason.contains("no such file"));

    // Deterministic, and the same file named twice is read once.
    let again = discover(&[d.path().join("b/two.txt"), d.path().to_path_buf()]);
    assert_eq!(again, report.files);
}

#[test]
fn text_file_with_sidecar_and_title() {
    let d = tempfile::tempdir().unwrap();
    let text = format!("Turkey detains 11 suspected of spying for Israel\n\n{BODY}\n\nPrint Friendly, PDF & Email\n");
    write(d.path(), "art.txt", text.as_bytes());
    write(
        d.path(),
        "art.meta.json",
        br#"{"url":"https://x.example/a","outlet":"Daily Sabah","published":"2023-05-30T10:00:00Z"}"#,
    );
    let files = discover(&[d.path().to_path_buf()]);
    assert_eq!(files.len(), 1);
    let a = read(&files[0]).remove(0).unwrap();
    assert_eq!(a.meta.name, "art");
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Turkey detains 11 suspected of spying for Israel")
    );
    assert_eq!(a.meta.outlet.as_deref(), Some("Daily Sabah"));
    assert_eq!(a.meta.published.as_deref(), Some("2023-05-30"));
    assert_eq!(a.meta.url.as_deref(), Some("https://x.example/a"));
    assert!(!a.cleaned.text.contains("Print Friendly"));
    assert!(a.cleaned.text.starts_with("Turkey detains 11"));
    assert_eq!(a.content_hash, mosaic_ingest::content_hash(&a.cleaned.text));
    assert_eq!(a.content_hash.len(), 64);
    let doc = a.into_document();
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.message.contains("sidecar")));
}

#[test]
fn jsonl_sidecar_sets_outlet_and_fills_dates() {
    let d = tempfile::tempdir().unwrap();
    let lines = [
        serde_json::json!({"text": BODY, "published": "2023-05-01"}).to_string(),
        serde_json::json!({"text": BODY.replace("Tuesday", "Monday")}).to_string(),
    ];
    write(d.path(), "wire.jsonl", lines.join("\n").as_bytes());
    write(
        d.path(),
        "wire.meta.json",
        br#"{"outlet": "Anadolu Agency", "published": "2023-06-01"}"#,
    );
    let files = discover(&[d.path().to_path_buf()]);
    let r: Vec<_> = read(&files[0]).into_iter().map(Result::unwrap).collect();
    assert_eq!(r[0].meta.outlet.as_deref(), Some("Anadolu Agency"));
    assert_eq!(r[0].meta.published.as_deref(), Some("2023-05-01"));
    assert_eq!(r[1].meta.published.as_deref(), Some("2023-06-01"));
    assert_ne!(r[0].content_hash, r[1].content_hash);
}

#[test]
fn binary_file_is_rejected() {
    let d = tempfile::tempdir().unwrap();
    let mut bytes = b"\x7fELF\x02\x01\x01\0\0\0\0\0".to_vec();
    bytes.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    let p = write(d.path(), "prog.txt", &bytes);
    assert!(only_err(&input(p, Format::Text)).contains("binary"));
}

#[test]
fn utf16_le_with_bom_is_decoded() {
    let d = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Türkiye’s MİT detained 11 people.\nThey were charged with espionage.".encode_utf16()
    {
        bytes.extend(u.to_le_bytes());
    }
    let p = write(d.path(), "u16.txt", &bytes);
    let a = read(&input(p, Format::Text)).remove(0).unwrap();
    assert_eq!(a.encoding, "UTF-16LE");
    assert!(
        a.cleaned.text.starts_with("Türkiye’s MİT detained"),
        "{}",
        a.cleaned.text
    );
}

#[test]
fn latin1_is_detected_and_noted() {
    let d = tempfile::tempdir().unwrap();
    let bytes = b"Le minist\xE8re turc des Affaires \xE9trang\xE8res a annonc\xE9 l'arrestation de onze personnes \xE0 Istanbul.\nLes suspects \xE9taient accus\xE9s d'espionnage au profit d'Isra\xEBl.";
    let p = write(d.path(), "latin1.txt", bytes);
    let a = read(&input(p, Format::Text)).remove(0).unwrap();
    assert_eq!(a.encoding, "windows-1252");
    assert!(
        a.cleaned.text.contains("ministère") && a.cleaned.text.contains("Israël"),
        "{}",
        a.cleaned.text
    );
    assert!(
        a.notes.iter().any(|n| n.contains("windows-1252")),
        "{:?}",
        a.notes
    );
}

#[test]
fn damaged_utf8_small_is_lossy_large_is_rejected() {
    let d = tempfile::tempdir().unwrap();
    let mut small = format!("{BODY}\nCafé ").repeat(20).into_bytes();
    small.extend(b"broken \xC3 byte\n");
    let p = write(d.path(), "small.txt", &small);
    let a = read(&input(p, Format::Text)).remove(0).unwrap();
    assert!(
        a.notes.iter().any(|n| n.contains("U+FFFD")),
        "{:?}",
        a.notes
    );
    let mut mixed = "Türkiye’s agency said ".repeat(5).into_bytes();
    mixed.extend(
        b"Le minist\xE8re a d\xE9clar\xE9 que l'accord \xE9tait sign\xE9 \xE0 Ankara. ".repeat(10),
    );
    let p = write(d.path(), "mixed.txt", &mixed);
    let reason = only_err(&input(p, Format::Text));
    assert!(
        reason.contains("mixed-encoding") && reason.contains("iconv"),
        "{reason}"
    );
}

#[test]
fn empty_and_whitespace_files_are_rejected() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "empty.txt", b"");
    assert!(only_err(&input(p, Format::Text)).contains("empty"));
    let p = write(d.path(), "blank.txt", b"  \n\t\r\n \xC2\xA0\n");
    assert!(only_err(&input(p, Format::Text)).contains("empty"));
    let p = write(
        d.path(),
        "junk.txt",
        b"Share this:\nPrint Friendly, PDF & Email\nAdvertisement\n",
    );
    assert!(only_err(&input(p, Format::Text)).contains("only page junk"));
}

#[test]
fn truncated_html_is_still_extracted() {
    let d = tempfile::tempdir().unwrap();
    let html = "<html><head><title>Spy ring uncovered</title><meta property=\"og:site_name\" content=\"Example News\">\
                </head><body><div><p>The Turkish intelligence agency said it had uncovered a spy ring working for a foreign service \
                and detained seven of its members in three provinces.</p><p>Officials said the suspects had been watched for \
                months before the arrests were made on Tuesday morning in a coordinated op";
    let p = write(d.path(), "cut.html", html.as_bytes());
    let a = read(&input(p, Format::Html)).remove(0).unwrap();
    assert!(
        a.cleaned.text.contains("detained seven of its members"),
        "{}",
        a.cleaned.text
    );
    assert!(a.cleaned.text.contains("coordinated op"));
    assert_eq!(a.meta.title.as_deref(), Some("Spy ring uncovered"));
    assert!(
        a.cleaned.text.starts_with("Spy ring uncovered\n\n"),
        "{}",
        a.cleaned.text
    );
    assert_eq!(a.meta.outlet.as_deref(), Some("Example News"));

    let p = write(
        d.path(),
        "tags.html",
        b"<html><body><script>var x = 1;</script></body></html>",
    );
    assert!(only_err(&input(p, Format::Html)).contains("no text"));
}

#[test]
fn html_declared_charset_is_used() {
    let d = tempfile::tempdir().unwrap();
    let html = b"<html><head><meta charset=\"iso-8859-1\"><title>Caf\xE9</title></head><body><p>Le minist\xE8re a annonc\xE9 l'arrestation de onze personnes soup\xE7onn\xE9es d'espionnage.</p></body></html>";
    let p = write(d.path(), "l1.html", html);
    let a = read(&input(p, Format::Html)).remove(0).unwrap();
    assert_eq!(a.encoding, "windows-1252");
    assert!(a.cleaned.text.contains("ministère"), "{}", a.cleaned.text);
}

#[test]
fn jsonl_bad_lines_are_rejected_alone() {
    let d = tempfile::tempdir().unwrap();
    let lines = [
        format!(
            "{}",
            serde_json::json!({"text": BODY, "title": "Eleven detained", "outlet": "AA", "published": "2023-05-30"})
        ),
        "{\"text\": \"unterminated".to_string(),
        String::new(),
        "[1, 2, 3]".to_string(),
        "{\"title\": \"no body\"}".to_string(),
        format!(
            "{}",
            serde_json::json!({"html": "<p>Ankara and Tehran signed a pact.</p><p>It was kept secret.</p>", "url": "https://x.example/p"})
        ),
    ];
    let p = write(
        d.path(),
        "s.jsonl",
        format!("\u{FEFF}{}\r\n", lines.join("\r\n")).as_bytes(),
    );
    let results = read(&input(p.clone(), Format::Jsonl));
    assert_eq!(results.len(), 5, "{results:?}");
    let first = results[0].as_ref().unwrap();
    assert_eq!(first.meta.name, "s.jsonl#1");
    assert_eq!(first.meta.origin, format!("{}#1", p.display()));
    assert_eq!(first.meta.outlet.as_deref(), Some("AA"));
    assert!(first
        .cleaned
        .text
        .starts_with("Eleven detained\n\nTurkish police"));
    let bad = results[1].as_ref().unwrap_err();
    assert!(
        bad.origin.ends_with("#2")
            && bad.reason.contains("line 2")
            && bad.reason.contains("malformed JSON")
    );
    assert!(results[2]
        .as_ref()
        .unwrap_err()
        .reason
        .contains("not a JSON object"));
    assert!(results[3]
        .as_ref()
        .unwrap_err()
        .reason
        .contains("\"text\" or \"html\""));
    let html = results[4].as_ref().unwrap();
    assert_eq!(html.meta.name, "s.jsonl#6");
    assert_eq!(
        html.cleaned.text,
        "Ankara and Tehran signed a pact.\n\nIt was kept secret."
    );
}

#[test]
fn rss_and_atom_items_become_articles() {
    let d = tempfile::tempdir().unwrap();
    let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example</link>
<item><title>Turkey, Iran agree to share intelligence</title><link>https://wire.example/1</link>
<pubDate>Tue, 15 Aug 2017 09:00:00 GMT</pubDate>
<description><![CDATA[<p>Turkey and Iran agreed to share intelligence on Kurdish militants.</p><p>Share this:</p>]]></description></item>
<item><title>Empty one</title><link>https://wire.example/2</link><description></description></item>
</channel></rss>"#;
    let p = write(d.path(), "wire.rss", rss.as_bytes());
    let r = read(&input(p, Format::Feed));
    assert_eq!(r.len(), 2);
    let a = r[0].as_ref().unwrap();
    assert_eq!(a.meta.outlet.as_deref(), Some("Example Wire"));
    assert_eq!(a.meta.published.as_deref(), Some("2017-08-15"));
    assert_eq!(a.meta.url.as_deref(), Some("https://wire.example/1"));
    assert_eq!(a.meta.name, "wire.rss#1");
    assert_eq!(a.cleaned.text, "Turkey, Iran agree to share intelligence\n\nTurkey and Iran agreed to share intelligence on Kurdish militants.");
    assert!(r[1].as_ref().unwrap_err().reason.contains("no content"));

    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:x</id><updated>2024-01-02T00:00:00Z</updated>
<entry><title>Spy chief visits Tehran</title><id>urn:1</id><link href="https://atom.example/1"/>
<published>2024-01-01T12:00:00Z</published><updated>2024-01-02T00:00:00Z</updated>
<content type="html">&lt;p&gt;The head of the intelligence agency held talks in Tehran.&lt;/p&gt;</content></entry></feed>"#;
    let p = write(d.path(), "news.atom", atom.as_bytes());
    let a = read(&input(p, Format::Feed)).remove(0).unwrap();
    assert_eq!(a.meta.outlet.as_deref(), Some("Atom News"));
    assert_eq!(a.meta.published.as_deref(), Some("2024-01-01"));
    assert!(
        a.cleaned.text.ends_with("held talks in Tehran."),
        "{}",
        a.cleaned.text
    );
}

#[test]
fn malformed_rss_is_rejected_with_parser_message() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "bad.rss",
        b"<?xml version=\"1.0\"?><rss><channel><item><title>x</title></chan",
    );
    let reason = only_err(&input(p, Format::Feed));
    assert!(reason.starts_with("malformed feed: "), "{reason}");
    assert!(reason.len() > "malformed feed: ".len() + 5);
    let p = write(d.path(), "notfeed.xml", b"just some words, not xml at all");
    assert!(only_err(&input(p, Format::Feed)).starts_with("malformed feed"));
}

#[test]
fn oversized_inputs_are_rejected_with_their_size() {
    let d = tempfile::tempdir().unwrap();
    let opts = ReadOptions {
        max_article_bytes: 1 << 20,
        ..Default::default()
    };
    // A 3 MB text file against a 1 MB limit: rejected from its size, without reading it.
    let p = d.path().join("big.txt");
    {
        let mut f = std::io::BufWriter::new(fs::File::create(&p).unwrap());
        let line = format!("{BODY}\n");
        for _ in 0..(3 << 20) / line.len() + 1 {
            f.write_all(line.as_bytes()).unwrap();
        }
    }
    let r = read_with(&input(p.clone(), Format::Text), &opts);
    let reason = &r[0].as_ref().unwrap_err().reason;
    assert!(
        reason.contains("3.0 MB") && reason.contains("1.0 MB article limit"),
        "{reason}"
    );
    fs::remove_file(&p).unwrap();

    // JSONL: one over-long line between good ones; it is skipped, the others load.
    let p = d.path().join("big.jsonl");
    {
        let mut f = std::io::BufWriter::new(fs::File::create(&p).unwrap());
        let good = serde_json::json!({"text": BODY}).to_string();
        writeln!(f, "{good}").unwrap();
        write!(f, "{{\"text\": \"").unwrap();
        for _ in 0..(3 << 20) / BODY.len() + 1 {
            write!(f, "{}", BODY.replace('\n', " ")).unwrap();
        }
        writeln!(f, "\"}}").unwrap();
        writeln!(f, "{good}").unwrap();
    }
    let r: Vec<_> = read_iter(&input(p.clone(), Format::Jsonl), &opts).collect();
    assert_eq!(r.len(), 3);
    assert!(r[0].is_ok() && r[2].is_ok());
    let reason = &r[1].as_ref().unwrap_err().reason;
    assert!(
        reason.contains("MB") && reason.contains("limit"),
        "{reason}"
    );
    fs::remove_file(&p).unwrap();
}

#[test]
fn nothing_panics_on_garbage() {
    let d = tempfile::tempdir().unwrap();
    let garbage: Vec<Vec<u8>> = vec![
        b"<".to_vec(),
        b"<html><body><p>".to_vec(),
        b"{".to_vec(),
        b"\n\n\n".to_vec(),
        b"\xFF\xFE".to_vec(),
        b"\xFE\xFF\x00".to_vec(),
        b"\xEF\xBB\xBF".to_vec(),
        (0u8..=255).collect(),
        "\u{200B}\u{FEFF}\u{00AD}".as_bytes().to_vec(),
        b"\r\r\r\x0C\x0B".to_vec(),
    ];
    for (i, g) in garbage.iter().enumerate() {
        for f in [
            Format::Text,
            Format::Html,
            Format::Jsonl,
            Format::Json,
            Format::Feed,
            Format::Markdown,
        ] {
            let p = write(d.path(), &format!("g{i}.{}", f.as_str()), g);
            let _ = read(&input(p, f));
        }
    }
}
