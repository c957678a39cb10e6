//! The word lists of `data/words.toml`, read once per process.
//!
//! Each list is a concept of English that the code asks about by name (`words().foiling_verbs`);
//! the file says what each is for. Verb and noun lists hold lemmas, cue lists written forms.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

const WORDS_TOML: &str = include_str!("../data/words.toml");

/// One named list.
#[derive(Debug, Deserialize)]
#[serde(from = "RawList")]
pub struct WordList {
    set: HashSet<String>,
}

/// A list as the file writes it: what it is for, and its words.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawList {
    #[cfg_attr(not(test), allow(dead_code))]
    about: String,
    words: Vec<String>,
}

impl From<RawList> for WordList {
    fn from(raw: RawList) -> Self {
        WordList {
            set: raw.words.into_iter().collect(),
        }
    }
}

impl WordList {
    /// Is `word` (as written, lower case) in the list?
    pub fn contains(&self, word: &str) -> bool {
        self.set.contains(word)
    }

    /// The list's words (unordered).
    pub fn iter_words(&self) -> impl Iterator<Item = &str> {
        self.set.iter().map(String::as_str)
    }

    /// Is either the token's lower-case form or its lemma in the list?
    pub fn has(&self, lower: &str, lemma: &str) -> bool {
        self.set.contains(lower) || self.set.contains(lemma)
    }
}

/// The lists of `data/words.toml` that the code asks about by name. The file holds more: lists
/// the trigger lexicon names as an entry's `objects` ([`list_named`]).
#[derive(Debug, Deserialize)]
pub struct Words {
    pub place_nouns: WordList,
    pub actor_nouns: WordList,
    pub member_nouns: WordList,
    pub visit_nouns: WordList,
    pub scheme_nouns: WordList,
    pub foiling_verbs: WordList,
    pub responsibility_nouns: WordList,
    pub suspicion_nouns: WordList,
    pub hypothetical_adjectives: WordList,
    pub charge_nouns: WordList,
    pub topic_verbs: WordList,
    pub judging_verbs: WordList,
    pub topic_preps: WordList,
    pub non_factive_verbs: WordList,
    pub manner_nouns: WordList,
    pub opposing_nouns: WordList,
    pub accusing_verbs: WordList,
    pub reporting_verbs: WordList,
    pub publishing_verbs: WordList,
    pub citing_cues: WordList,
    pub unnamed_sources: WordList,
    pub accusing_sources: WordList,
    pub reciprocal_verbs: WordList,
    pub hostile_participles: WordList,
    pub serving_verbs: WordList,
    pub habitual_adverbs: WordList,
    pub hypothetical_modals: WordList,
    pub bare_network_nouns: WordList,
    pub alleged_cues: WordList,
    pub planned_cues: WordList,
    pub denied_cues: WordList,
    pub intent_verbs: WordList,
    pub intent_adjectives: WordList,
    pub refusal_adjectives: WordList,
    pub denial_verbs: WordList,
    pub obligation_modals: WordList,
    pub future_modals: WordList,
    pub uncoded_verbs: WordList,
    pub travel_verbs: WordList,
    pub provision_verbs: WordList,
    pub departure_verbs: WordList,
    pub crowd_sectors: WordList,
    pub state_sectors: WordList,
    pub crowd_nouns: WordList,
    pub locative_preps: WordList,
    pub leading_participles: WordList,
    pub force_nouns: WordList,
    pub leaking_verbs: WordList,
    pub partitive_nouns: WordList,
    pub quantity_nouns: WordList,
    pub conditional_marks: WordList,
    pub preventing_verbs: WordList,
    pub pair_nouns: WordList,
    pub outlet_nouns: WordList,
    pub residence_nouns: WordList,
    pub urging_verbs: WordList,
    pub saying_nouns: WordList,
    pub threat_nouns: WordList,
    pub time_nouns: WordList,
    pub stative_participles: WordList,
    pub war_nouns: WordList,
    pub stative_light_verbs: WordList,
    pub span_preps: WordList,
    pub commanding_verbs: WordList,
    pub cessation_verbs: WordList,
    pub demand_nouns: WordList,
    pub means_preps: WordList,
    pub generic_body_nouns: WordList,
    pub person_nouns: WordList,
    pub generic_person_nouns: WordList,
    pub naming_verbs: WordList,
    pub thing_name_nouns: WordList,
}

/// The shipped lists. The file is compiled in; a test guarantees it parses.
pub fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| toml::from_str(WORDS_TOML).expect("data/words.toml parses (tested)"))
}

/// A list by its name in `data/words.toml`, for data that names lists (the trigger lexicon's
/// `objects`).
pub fn list_named(name: &str) -> Option<&'static WordList> {
    static BY_NAME: OnceLock<std::collections::HashMap<String, WordList>> = OnceLock::new();
    BY_NAME
        .get_or_init(|| toml::from_str(WORDS_TOML).expect("data/words.toml parses (tested)"))
        .get(name)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn raw() -> BTreeMap<String, RawList> {
        toml::from_str(WORDS_TOML).expect("data/words.toml parses")
    }

    #[test]
    fn every_list_is_clean() {
        let _ = words();
        let mut problems = Vec::new();
        for (name, list) in raw() {
            if list.words.is_empty() || list.about.trim().is_empty() {
                problems.push(format!("{name}: empty list or no `about`"));
            }
            let mut seen = HashSet::new();
            for word in &list.words {
                if word.to_lowercase() != *word || word.trim() != word || word.is_empty() {
                    problems.push(format!("{name}: {word:?} is not a trimmed lower-case word"));
                }
                if !seen.insert(word) {
                    problems.push(format!("{name}: {word:?} listed twice"));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn contradicting_lists_do_not_overlap() {
        let lists = raw();
        // A cue cannot both negate an act and make it merely alleged or intended; a foiler is
        // never the author of the scheme it stops.
        for (a, b) in [
            ("denied_cues", "alleged_cues"),
            ("denied_cues", "planned_cues"),
            ("alleged_cues", "planned_cues"),
            ("foiling_verbs", "scheme_nouns"),
        ] {
            let both: Vec<&String> = lists[a]
                .words
                .iter()
                .filter(|x| lists[b].words.contains(x))
                .collect();
            assert!(both.is_empty(), "{a} and {b} share {both:?}");
        }
    }

    #[test]
    fn every_list_is_read_by_name() {
        // A list nothing reads is dead data; the code reads each as `words().NAME` or `w.NAME`,
        // and the trigger lexicon names lists as `objects = "NAME"`.
        let mut sources: Vec<&str> = crate::stages::events::SOURCES.to_vec();
        sources.push(include_str!("stages/resolve.rs"));
        sources.push(include_str!("stages/describe.rs"));
        sources.push(include_str!("stages/recognise.rs"));
        let all = sources.concat();
        let lexicon = include_str!("../data/triggers.toml");
        let read = |name: &str| {
            lexicon.contains(&format!("objects = \"{name}\""))
                || all.match_indices(&format!(".{name}")).any(|(at, m)| {
                    !all[at + m.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
                })
        };
        let unused: Vec<String> = raw().into_keys().filter(|n| !read(n)).collect();
        assert!(unused.is_empty(), "lists nothing reads: {unused:?}");
    }
}
