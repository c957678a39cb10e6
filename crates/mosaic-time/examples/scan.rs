//! Prints the date expressions of a text file: `cargo run -p mosaic-time --example scan FILE [YYYY-MM-DD]`.
//! Without a date the anchor is inferred from the text when possible.

use mosaic_time::{find_times, infer_anchor, parse_published};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: scan FILE [ANCHOR]");
    let text = std::fs::read_to_string(&path).expect("readable file");
    let anchor = match args.next() {
        Some(a) => parse_published(&a),
        None => infer_anchor(&text).map(|a| {
            println!("anchor {} ({})", a.date, a.how);
            a.date
        }),
    };
    let t = std::time::Instant::now();
    let found = find_times(&text, anchor);
    let took = t.elapsed();
    for m in &found {
        println!(
            "{:>6}..{:<6} {:<40} {:<12} {:?}{}",
            m.start,
            m.end,
            format!("{:?}", m.text),
            m.value,
            m.granularity,
            if m.relative { " rel" } else { "" }
        );
    }
    eprintln!(
        "{} matches in {} bytes, {:?}",
        found.len(),
        text.len(),
        took
    );
}
