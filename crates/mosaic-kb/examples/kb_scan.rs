//! Prints every knowledge-base hit in the given text files: `cargo run --example kb_scan FILE…`.
use mosaic_kb::KnowledgeBase;

fn main() {
    let kb = KnowledgeBase::embedded();
    for path in std::env::args().skip(1) {
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
