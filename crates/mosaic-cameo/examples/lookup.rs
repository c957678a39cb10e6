//! Prints what the CAMEO verb dictionary knows of each word given: its entries, their block, the
//! code of the isolated verb and its PLOVER type, and how many patterns the block has.
//!
//! `cargo run --release -p mosaic-cameo --example lookup -- said threatened urge`

use mosaic_cameo::VerbDictionary;

fn main() {
    let dict = VerbDictionary::embedded();
    for word in std::env::args().skip(1) {
        let entries = dict.entries_for(&word.to_lowercase());
        if entries.is_empty() {
            println!("{word}: not in the dictionary");
        }
        for &e in entries {
            let entry = &dict.entries[e];
            let block = &dict.blocks[entry.block];
            let code = dict.default_code(e);
            let plover = code
                .forward()
                .and_then(|c| c.plover())
                .map_or("-", |t| t.as_str());
            println!(
                "{word}: entry {:?} (line {}), block {} [{}], isolated verb [{code}] → {plover}, {} patterns",
                entry.words.join(" "),
                entry.line,
                block.name,
                block.code,
                block.patterns.len()
            );
        }
    }
}
