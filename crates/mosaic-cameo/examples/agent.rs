//! Prints the Phoenix agent each phrase ends in: `--example agent -- "riot police" rebels`.

use mosaic_cameo::AgentDictionary;

fn main() {
    let agents = AgentDictionary::embedded();
    for phrase in std::env::args().skip(1) {
        let lower = phrase.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        match agents.lookup(&words, words.len() - 1) {
            Some((a, n)) => println!(
                "{phrase}: {} [{}] covering {n} words (line {})",
                a.words.join(" "),
                a.code,
                a.line
            ),
            None => println!("{phrase}: no agent"),
        }
    }
}
