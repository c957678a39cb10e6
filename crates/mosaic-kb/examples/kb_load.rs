//! Times building the embedded knowledge base once (what every process pays at start-up).
//! `cargo run --release -p mosaic-kb --example kb_load`
fn main() {
    let t = std::time::Instant::now();
    let kb = mosaic_kb::KnowledgeBase::embedded();
    println!(
        "knowledge base: {} actors built in {:.1} ms",
        kb.actors().len(),
        t.elapsed().as_secs_f64() * 1000.0
    );
}
