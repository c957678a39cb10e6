//! Near-duplicate detection: a syndicated copy is found, a different article on the same topic
//! is not.

use mosaic_ingest::dedup::{estimated_overlap, DupMatch, NearDupIndex, NEAR_DUP_MIN_JACCARD};
use mosaic_ingest::{clean, content_hash, hamming, is_near_duplicate, simhash};

const ORIGINAL: &str = "Turkey detains 11 in new Mossad spy probe

Turkish police detained 11 people on Tuesday on suspicion of spying for Israel's Mossad, the state-run news agency reported, citing the National Intelligence Organization.
The suspects were part of a 15-member network that had been under surveillance for eighteen months, the agency said. Police carried out raids in Istanbul, Ankara and Izmir before dawn.
According to the report, the network collected information on foreign nationals living in Turkey and on companies with commercial ties to Iran. One of the suspects had received training abroad, it said.
Prosecutors are expected to ask a court to order the formal arrest of the suspects later this week. The remaining four members of the network are believed to be outside the country.
It is the second such operation announced this year. In January, the intelligence agency said it had broken up a cell that had photographed military sites near the Syrian border.
Israel's government did not comment on the report. Officials in Ankara have repeatedly accused foreign services of running networks on Turkish soil in recent years.";

/// The same story as a syndication partner runs it: another headline, a credit line, an
/// advertisement slot, and three words edited.
const SYNDICATED: &str = "Eleven held in Turkey over alleged spying for Israel

Turkish police detained 11 people on Tuesday on suspicion of spying for Israel's Mossad, the state-run news agency reported, citing the National Intelligence Organization.
The suspects were part of a 15-member network that had been under surveillance for 18 months, the agency said. Police carried out raids in Istanbul, Ankara and Izmir before dawn.
Advertisement
According to the report, the network gathered information on foreign nationals living in Turkey and on companies with commercial links to Iran. One of the suspects had received training abroad, it said.
Prosecutors are expected to ask a court to order the formal arrest of the suspects later this week. The remaining four members of the network are believed to be outside the country.
It is the second such operation announced this year. In January, the intelligence agency said it had broken up a cell that had photographed military sites near the Syrian border.
Israel's government did not comment on the report. Officials in Ankara have repeatedly accused foreign services of running networks on Turkish soil in recent years.
This article was first published by Example Wire, an independent news agency, and is republished here with permission under a content-sharing agreement.";

/// Another article on the same topic, same actors, written separately.
const SAME_TOPIC: &str = "Israel spy ring: Turkish court orders arrest of eight suspects

A court in Istanbul on Friday ordered eight people held pending trial on charges of espionage for Israel, days after the intelligence agency announced it had uncovered a network run by the Mossad.
Three other suspects detained in the same operation were released under judicial control, including a travel ban, their lawyers said.
The Turkish intelligence agency said the group had been watched for more than a year and had targeted Iranian nationals and businesses in Turkey on behalf of its handlers.
Defence lawyers said the evidence consisted mainly of messages exchanged through an encrypted application and that their clients denied working for any foreign service.
Turkey and Israel restored full diplomatic relations last year after a long freeze, but security officials say intelligence activity on Turkish territory has not slowed.
The Israeli embassy in Ankara declined to comment on the court decision.";

#[test]
fn syndicated_copy_is_detected_and_other_article_is_not() {
    let a = clean(ORIGINAL).text;
    let copy = clean(SYNDICATED).text;
    let other = clean(SAME_TOPIC).text;
    let d_copy = hamming(simhash(&a), simhash(&copy));
    let d_other = hamming(simhash(&a), simhash(&other));
    let d_other2 = hamming(simhash(&copy), simhash(&other));
    println!("distance copy={d_copy} same-topic={d_other} copy-vs-same-topic={d_other2}");
    assert!(
        is_near_duplicate(simhash(&a), simhash(&copy)),
        "copy at distance {d_copy}"
    );
    assert!(
        !is_near_duplicate(simhash(&a), simhash(&other)),
        "same-topic article at distance {d_other}"
    );
    assert!(
        !is_near_duplicate(simhash(&copy), simhash(&other)),
        "same-topic article at distance {d_other2}"
    );
    assert_ne!(content_hash(&a), content_hash(&copy));
    let (j_copy, j_other) = (estimated_overlap(&a, &copy), estimated_overlap(&a, &other));
    println!("estimated shingle overlap copy={j_copy:.2} same-topic={j_other:.2}");
    assert!(j_copy >= NEAR_DUP_MIN_JACCARD && j_other < NEAR_DUP_MIN_JACCARD);
}

#[test]
fn index_finds_the_earlier_article() {
    let mut idx = NearDupIndex::new();
    assert_eq!(idx.insert("original", &clean(ORIGINAL).text), None);
    assert_eq!(idx.insert("other", &clean(SAME_TOPIC).text), None);
    let found = idx
        .insert("syndicated", &clean(SYNDICATED).text)
        .expect("copy found");
    assert_eq!(found.id, "original");
    assert!(!found.exact);
    // Re-ingesting the same text is an exact match.
    assert_eq!(
        idx.insert("again", &clean(ORIGINAL).text),
        Some(DupMatch {
            id: "original".into(),
            distance: 0,
            exact: true
        })
    );
    // Short texts match only exactly.
    assert_eq!(idx.insert("short", "Eleven detained in Istanbul."), None);
    assert_eq!(
        idx.find("Eleven detained in Istanbul.").map(|m| m.id),
        Some("short".to_string())
    );
    assert_eq!(idx.find("Twelve detained in Istanbul."), None);
    assert_eq!(idx.len(), 5);
}

#[test]
fn distances_over_many_edits_stay_separated() {
    // Edit k words of the original: small k stays a near-duplicate; a rewrite does not.
    let words: Vec<&str> = ORIGINAL.split(' ').collect();
    let base = simhash(ORIGINAL);
    let edit = |k: usize| -> String {
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i % (words.len() / k.max(1)).max(1) == 3 && k > 0 {
                    "changed"
                } else {
                    w
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let d3 = hamming(base, simhash(&edit(3)));
    let d5 = hamming(base, simhash(&edit(5)));
    println!("3 edits: {d3} bits, 5 edits: {d5} bits");
    assert!(is_near_duplicate(base, simhash(&edit(3))), "{d3}");
    assert!(is_near_duplicate(base, simhash(&edit(5))), "{d5}");
}

/// Different articles of the shared corpus (all on Turkish–Iranian intelligence) must not be
/// near-duplicates of each other. Skipped when the corpus is not beside the repository.
#[test]
fn corpus_articles_are_not_near_duplicates() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("corpus not found at {}; skipped", dir.display());
        return;
    };
    let mut texts: Vec<(String, u64)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let t = clean(&std::fs::read_to_string(&p).unwrap()).text;
            (p.display().to_string(), simhash(&t))
        })
        .collect();
    texts.sort();
    let mut min = 64;
    for (i, (a, ha)) in texts.iter().enumerate() {
        for (b, hb) in &texts[i + 1..] {
            let d = hamming(*ha, *hb);
            min = min.min(d);
            assert!(!is_near_duplicate(*ha, *hb), "{a} vs {b}: {d} bits");
        }
    }
    println!("closest pair of different corpus articles: {min} bits");
}
