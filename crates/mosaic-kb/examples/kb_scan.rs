//! Prints every knowledge-base hit in the given text files: `cargo run --example kb_scan FILE…`.
//! With `--bench` first, prints the matching throughput over the files instead.
use mosaic_kb::KnowledgeBase;

fn main() {
    let t = std::time::Instant::now();
    let kb = KnowledgeBase::embedded();
    let load = t.elapsed().as_secs_f64();
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let bench = args.first().is_some_and(|a| a == "--bench");
    if bench {
        args.remove(0);
        let text: String = args
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("readable file"))
            .collect();
        let text = text.repeat((20_000_000 / text.len().max(1)).max(1));
        let t = std::time::Instant::now();
        let n = kb.find_in_text(&text).len();
        let s = t.elapsed().as_secs_f64();
        println!("knowledge base built in {:.0} ms", load * 1e3);
        println!(
            "{:.1} MB, {n} hits, {s:.2} s, {:.1} MB/s",
            text.len() as f64 / 1e6,
            text.len() as f64 / 1e6 / s
        );
        return;
    }
    for path in args {
        let text = std::fs::read_to_string(&path).expect("readable file");
        println!("== {path}");
        for h in kb.find_in_text(&text) {
            let c: Vec<String> = h
                .candidates
                .iter()
                .map(|c| format!("{}({:?})", kb.actors()[c.actor].id, c.how))
                .collect();
            println!(
                "{:>6} {:<40} {}",
                h.start,
                &text[h.start..h.end],
                c.join(" ")
            );
        }
    }
}
