//! Regular English verb forms and noun plurals, as the dictionaries expect them to be generated.
//!
//! The dictionaries list only base forms and irregular forms; everything regular is generated at
//! load time. The rules are the usual spelling rules of English, kept deliberately simple: a wrong
//! extra form costs nothing (it never occurs in text), a missing one loses matches.

/// Verbs of more than one syllable that double their final consonant because the last syllable
/// is stressed ("admitted", "patrolled"; "kidnapped" is the wires' usual spelling).
/// One-syllable consonant-vowel-consonant verbs ("stop", "ban") are detected by rule and need no
/// entry here. Verbs whose doubling differs between British and American spelling ("travel") are
/// left out: the dictionary gives their forms in braces where it cares.
const DOUBLING_VERBS: &[&str] = &[
    "abet", "abhor", "acquit", "admit", "allot", "annul", "befit", "beget", "commit", "compel",
    "concur", "confer", "control", "debar", "defer", "deter", "dispel", "embed", "emit", "equip",
    "excel", "expel", "forbid", "forget", "impel", "incur", "kidnap", "omit", "outwit", "patrol",
    "permit", "propel", "rebel", "recur", "refer", "regret", "remit", "repel", "submit",
    "transfer", "transmit", "upset",
];

/// Words ending in "man" whose plural is not "-men".
const MAN_NOT_MEN: &[&str] = &[
    "caiman", "german", "human", "ottoman", "roman", "shaman", "talisman",
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn is_consonant(c: u8) -> bool {
    c.is_ascii_alphabetic() && !is_vowel(c)
}

/// Vowel groups, with "y" counted as a vowel after a consonant ("try", "deny").
fn syllables(w: &[u8]) -> usize {
    let mut count = 0;
    let mut prev_vowel = false;
    for (i, &c) in w.iter().enumerate() {
        let v = is_vowel(c) || (c == b'y' && i > 0 && !prev_vowel);
        if v && !prev_vowel {
            count += 1;
        }
        prev_vowel = v;
    }
    count
}

/// Does the verb double its final consonant before "-ed" / "-ing"?
fn doubles_final(verb: &str) -> bool {
    let w = verb.as_bytes();
    let n = w.len();
    if n < 3 {
        return false;
    }
    let cvc = is_consonant(w[n - 3])
        && is_vowel(w[n - 2])
        && is_consonant(w[n - 1])
        && !matches!(w[n - 1], b'w' | b'x' | b'y');
    (cvc && syllables(w) == 1) || DOUBLING_VERBS.contains(&verb)
}

/// Ends in a consonant followed by "y" ("deny", but not "play").
fn consonant_y(w: &[u8]) -> bool {
    let n = w.len();
    n >= 2 && w[n - 1] == b'y' && is_consonant(w[n - 2])
}

/// The regular forms of a verb: base, third person singular, past (= past participle) and
/// present participle, in that order.
pub(crate) fn verb_forms(base: &str) -> [String; 4] {
    let w = base.as_bytes();
    let stem = &base[..base.len().saturating_sub(1)];
    let last = w.last().copied().unwrap_or(0);
    let doubled = doubles_final(base);

    let third = if consonant_y(w) {
        format!("{stem}ies")
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| base.ends_with(e))
        || (last == b'o' && w.len() >= 2 && is_consonant(w[w.len() - 2]))
    {
        format!("{base}es")
    } else {
        format!("{base}s")
    };

    let past = if last == b'e' {
        format!("{base}d")
    } else if consonant_y(w) {
        format!("{stem}ied")
    } else if doubled {
        format!("{base}{}ed", last as char)
    } else {
        format!("{base}ed")
    };

    let ing = if let Some(d) = base.strip_suffix("ie") {
        format!("{d}ying")
    } else if last == b'e' && !["ee", "ye", "oe"].iter().any(|e| base.ends_with(e)) && w.len() > 2 {
        format!("{stem}ing")
    } else if doubled {
        format!("{base}{}ing", last as char)
    } else {
        format!("{base}ing")
    };

    [base.to_string(), third, past, ing]
}

/// The regular plural of a noun (the last word of a phrase), or `None` when the word looks
/// plural already (ends in a single "s": "troops", "affairs") and no form should be generated.
pub(crate) fn noun_plural(word: &str) -> Option<String> {
    let w = word.as_bytes();
    if word.ends_with("ss") {
        return Some(format!("{word}es"));
    }
    if word.ends_with('s') {
        return None;
    }
    if consonant_y(w) {
        return Some(format!("{}ies", &word[..word.len() - 1]));
    }
    if ["x", "z", "ch", "sh"].iter().any(|e| word.ends_with(e)) {
        return Some(format!("{word}es"));
    }
    if word.ends_with("man") && word.len() > 3 && !MAN_NOT_MEN.contains(&word) {
        return Some(format!("{}men", &word[..word.len() - 3]));
    }
    Some(format!("{word}s"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(v: &str) -> Vec<String> {
        verb_forms(v).to_vec()
    }

    #[test]
    fn regular_verbs() {
        assert_eq!(
            forms("attack"),
            ["attack", "attacks", "attacked", "attacking"]
        );
        assert_eq!(
            forms("accuse"),
            ["accuse", "accuses", "accused", "accusing"]
        );
        assert_eq!(forms("deny"), ["deny", "denies", "denied", "denying"]);
        assert_eq!(forms("play"), ["play", "plays", "played", "playing"]);
        assert_eq!(forms("push"), ["push", "pushes", "pushed", "pushing"]);
        assert_eq!(forms("veto"), ["veto", "vetoes", "vetoed", "vetoing"]);
        assert_eq!(forms("agree"), ["agree", "agrees", "agreed", "agreeing"]);
        assert_eq!(forms("tie"), ["tie", "ties", "tied", "tying"]);
        assert_eq!(forms("open"), ["open", "opens", "opened", "opening"]);
        assert_eq!(forms("visit"), ["visit", "visits", "visited", "visiting"]);
    }

    #[test]
    fn doubled_consonants() {
        for (v, past, ing) in [
            ("ban", "banned", "banning"),
            ("plan", "planned", "planning"),
            ("ship", "shipped", "shipping"),
            ("stop", "stopped", "stopping"),
            ("kidnap", "kidnapped", "kidnapping"),
            ("expel", "expelled", "expelling"),
            ("patrol", "patrolled", "patrolling"),
            ("control", "controlled", "controlling"),
            ("admit", "admitted", "admitting"),
            ("commit", "committed", "committing"),
            ("regret", "regretted", "regretting"),
        ] {
            let f = forms(v);
            assert_eq!((f[2].as_str(), f[3].as_str()), (past, ing), "{v}");
        }
        // Not doubled: final w/x/y, two vowels, or two syllables without final stress.
        assert_eq!(forms("fix")[2], "fixed");
        assert_eq!(forms("vow")[2], "vowed");
        assert_eq!(forms("seal")[2], "sealed");
        assert_eq!(forms("threaten")[2], "threatened");
    }

    #[test]
    fn plurals() {
        assert_eq!(noun_plural("rebel").as_deref(), Some("rebels"));
        assert_eq!(noun_plural("authority").as_deref(), Some("authorities"));
        assert_eq!(noun_plural("attorney").as_deref(), Some("attorneys"));
        assert_eq!(noun_plural("witness").as_deref(), Some("witnesses"));
        assert_eq!(noun_plural("church").as_deref(), Some("churches"));
        assert_eq!(noun_plural("gunman").as_deref(), Some("gunmen"));
        assert_eq!(noun_plural("human").as_deref(), Some("humans"));
        assert_eq!(noun_plural("troops"), None);
    }
}
