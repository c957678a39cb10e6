//! Turns the Phoenix actor dictionaries ([`crate::phoenix`]) into actors and merges them with the
//! hand-written ones: a record whose full name is already a known actor's name adds its forms and
//! dated roles to that actor; any other record becomes an actor of its own, with `phx_` ids.
//!
//! What is imported:
//! - persons (`Phoenix.Countries.actors.txt`, and officials of international bodies), each dated
//!   code becoming a role: `TURGOV 021118-030314` is "government" in Turkey over that stretch,
//!   `TURGOVMIL` "government: defence" in Turkey's defence ministry, `IGOUNO >070201` a role at
//!   the United Nations; "elite" codes (`ELI`) name a person's country but no office;
//! - armed non-state groups (`Phoenix.MilNonState.actors.txt`);
//! - international and non-governmental organisations (`Phoenix.International.actors.txt`);
//!   multinational companies are left out.
//!
//! The files list full names and, as synonyms, bare surnames and titled forms. Only names of two
//! words or more are kept for persons (a bare surname is found in text through the full name, by
//! the resolver's short forms), office titles are stripped ("PRIME_MINISTER_RECEP_ERDOGAN"), and a
//! synonym that shares no word with the record's name is another person (the CountryInfo
//! conversion grouped predecessors under one record): it is imported without the record's roles.
//! Every imported form must be capitalised in text, since these lists were not written with
//! English's common words in mind.

use rustc_hash::FxHashMap as HashMap;

use mosaic_core::EntityKind;

use crate::load::{Built, Form};
use crate::phoenix::{self, display_name, words_of, Entry, Period};
use crate::{Actor, ActorType, AliasKind, Role};

/// Leading words of a phrase that are an office, not part of the name.
const OFFICE_WORDS: &[&str] = &[
    "PRESIDENT",
    "PRIME",
    "MINISTER",
    "FOREIGN",
    "DEFENSE",
    "DEFENCE",
    "SECRETARY",
    "GENERAL",
    "SECRETARY-GENERAL",
    "CHIEF",
    "HEAD",
    "DR",
    "DR.",
    "GEN",
    "GEN.",
    "COL",
    "COL.",
    "MR",
    "MR.",
    "MRS",
    "MRS.",
    "MS",
    "MS.",
    "SIR",
    "LORD",
    "UN",
    "U.N.",
    "UNITED",
    "NATIONS",
    "SECY",
    "SEC.",
    "SPOKESMAN",
    "AMBASSADOR",
    "DEPUTY",
    "VICE",
    "FORMER",
    "INTERIOR",
    "FINANCE",
    "JUSTICE",
    "SENATOR",
    "SEN.",
    "GOVERNOR",
    "MAYOR",
    "SPEAKER",
    "CHAIRMAN",
    "OF",
    "THE",
];

/// Honorifics that belong to how a name is written ("Sheikh Tamim bin Hamad al-Thani"); a form
/// without them is kept too.
const HONORIFICS: &[&str] = &[
    "SHEIKH",
    "SHEIK",
    "AYATOLLAH",
    "PRINCE",
    "KING",
    "QUEEN",
    "EMIR",
];

/// Words that make a phrase an institution rather than a person.
const BODY_WORDS: &[&str] = &[
    "DIRECTORATE",
    "DECLARATION",
    "PARTY",
    "COUNCIL",
    "COMMITTEE",
    "MINISTRY",
    "PARLIAMENT",
    "ASSEMBLY",
    "ARMY",
    "FRONT",
    "ORGANIZATION",
    "ORGANISATION",
    "GOVERNMENT",
    "BUNDESTAG",
    "BUNDESRAT",
    "SECURITY",
    "AGENCY",
    "OFFICE",
    "COURT",
    "UNION",
    "LEAGUE",
    "COMMISSION",
    "BANK",
    "FUND",
    "PROGRAMME",
    "PROGRAM",
    "INSTITUTE",
    "ASSOCIATION",
    "FEDERATION",
    "MOVEMENT",
    "BRIGADE",
    "BRIGADES",
    "FORCES",
    "FORCE",
    "POLICE",
    "GROUP",
    "NETWORK",
    "FOUNDATION",
    "CENTRE",
    "CENTER",
    "SOCIETY",
    "COALITION",
    "ALLIANCE",
    "AUTHORITY",
    "SERVICE",
    "BUREAU",
    "DEPARTMENT",
    "REPUBLIC",
    "KINGDOM",
    "STATE",
    "STATES",
    "NATIONS",
    "WATCH",
    "INTERNATIONAL",
    "WORLD",
    "CHURCH",
    "UNIVERSITY",
    "REGIME",
    "JUNTA",
    "CABINET",
    "ADMINISTRATION",
    "CAMP",
    "FAMILY",
    "TEAM",
    "CAMPAIGN",
    "ERA",
    "DOCTRINE",
    "PLAN",
    "HOUSE",
    "LOYALISTS",
    "SUPPORTERS",
    "FOLLOWERS",
    "CLAN",
    "DYNASTY",
    "TRIBE",
    "ESTATE",
];

/// What the import added, for `kb stats`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ImportCounts {
    pub persons: usize,
    pub persons_merged: usize,
    pub organisations: usize,
    pub organisations_merged: usize,
    pub dated_roles: usize,
}

/// Merges every Phoenix record into `out`.
pub(crate) fn import_phoenix(out: &mut Vec<Built>, files: Vec<phoenix::Read>) -> ImportCounts {
    let mut im = Importer::new(out);
    // Bodies first: international officials' roles name them by code.
    for read in files
        .iter()
        .filter(|r| r.file != "Phoenix.Countries.actors.txt")
    {
        let (file, entries) = (read.file, &read.entries);
        match file {
            "Phoenix.MilNonState.actors.txt" => {
                for e in entries {
                    im.body(e, file, ActorType::Group);
                }
            }
            _ => im.international(entries, &read.drafts, file),
        }
    }
    for read in files
        .iter()
        .filter(|r| r.file == "Phoenix.Countries.actors.txt")
    {
        for (e, draft) in read.entries.iter().zip(read.drafts.iter().cloned()) {
            if let Some(draft) = draft {
                im.person(e, draft, read.file);
            }
        }
    }
    im.counts
}

/// A default code that can only be a person's: a country's elite or government.
fn is_person_code(code: Option<&str>) -> bool {
    code.is_some_and(|c| c.len() > 3 && (c[3..].starts_with("ELI") || c[3..].starts_with("GOV")))
}

struct Importer<'a> {
    out: &'a mut Vec<Built>,
    /// Folded form → the actors that carry it.
    by_form: HashMap<String, Vec<usize>>,
    /// Actor id → index.
    by_id: HashMap<String, usize>,
    /// An international body's code (`IGOUNO`) → its actor.
    by_code: HashMap<String, usize>,
    /// ISO codes of the states the knowledge base has.
    states: rustc_hash::FxHashSet<String>,
    counts: ImportCounts,
}

impl<'a> Importer<'a> {
    fn new(out: &'a mut Vec<Built>) -> Self {
        let mut by_form: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, b) in out.iter().enumerate() {
            for f in &b.forms {
                let list = by_form.entry(mosaic_core::fold_key(&f.text)).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        let by_id = out
            .iter()
            .enumerate()
            .map(|(i, b)| (b.actor.id.clone(), i))
            .collect();
        let states = out
            .iter()
            .filter_map(|b| b.actor.id.strip_prefix("state:"))
            .map(str::to_string)
            .collect();
        by_form.reserve(60_000);
        Importer {
            out,
            by_form,
            by_id,
            by_code: HashMap::default(),
            states,
            counts: ImportCounts::default(),
        }
    }

    /// A person record: its names (the unrelated ones as persons apart) and dated roles.
    fn person(&mut self, e: &Entry, draft: PersonDraft, file: &str) {
        let country = self.country_of(e);
        let roles = self.roles_of(e, file);
        self.add_person(draft.names, country.clone(), roles, e, file);
        for other in draft.others {
            self.add_person(other, country.clone(), Vec::new(), e, file);
        }
    }

    fn add_person(
        &mut self,
        forms: Vec<Keyed>,
        country: Option<String>,
        roles: Vec<Role>,
        e: &Entry,
        file: &str,
    ) {
        self.counts.dated_roles += roles
            .iter()
            .filter(|r| r.from.is_some() || r.to.is_some())
            .count();
        if let Some(i) = self.existing(&forms, |t| t == ActorType::Person) {
            self.counts.persons_merged += 1;
            self.merge_into(i, &forms, roles, file, e.line);
            return;
        }
        self.counts.persons += 1;
        let name = forms[0].text.clone();
        let id = self.new_id("per", country.as_deref(), &forms[0].key);
        let actor = Actor {
            id,
            name,
            actor_type: ActorType::Person,
            kind: EntityKind::Person,
            country,
            parent: None,
            sector: None,
            aliases: Vec::new(),
            demonyms: Vec::new(),
            capital_of: None,
            former: false,
            region: None,
            note: Some(format!("{file}, line {}", e.line)),
            roles,
        };
        self.push_new(actor, &forms, file);
    }

    /// An organisation or group record.
    fn body(&mut self, e: &Entry, file: &str, actor_type: ActorType) {
        let mut forms: Vec<Keyed> = Vec::new();
        for raw in &e.names {
            for f in body_forms(raw) {
                push_keyed(&mut forms, f);
            }
        }
        if forms.is_empty() {
            return;
        }
        let fits = |t: ActorType| match actor_type {
            ActorType::Group => matches!(t, ActorType::Group | ActorType::Party),
            ActorType::Igo => t == ActorType::Igo,
            _ => matches!(t, ActorType::Org | ActorType::Media),
        };
        let index = match self.existing(&forms, fits) {
            Some(i) => {
                self.counts.organisations_merged += 1;
                self.merge_into(i, &forms, Vec::new(), file, e.line);
                i
            }
            None => {
                self.counts.organisations += 1;
                let country = self.country_of(e).filter(|_| actor_type != ActorType::Igo);
                let prefix = match actor_type {
                    ActorType::Group => "grp",
                    ActorType::Igo => "igo",
                    _ => "org",
                };
                let name = forms[0].text.clone();
                let actor = Actor {
                    id: self.new_id(prefix, None, &forms[0].key),
                    name,
                    actor_type,
                    kind: EntityKind::Org,
                    parent: None,
                    sector: Some(
                        match actor_type {
                            ActorType::Group => "REB",
                            ActorType::Igo => "IGO",
                            _ => "CVL",
                        }
                        .to_string(),
                    ),
                    country,
                    aliases: Vec::new(),
                    demonyms: Vec::new(),
                    capital_of: None,
                    former: false,
                    region: None,
                    note: Some(format!("{file}, line {}", e.line)),
                    roles: Vec::new(),
                };
                self.push_new(actor, &forms, file)
            }
        };
        if let Some(code) = e.default {
            self.by_code.entry(code.to_string()).or_insert(index);
        }
    }

    /// `Phoenix.International.actors.txt`: bodies first (their codes name them), then their
    /// officials. Companies (`MNC`) are left out.
    fn international(&mut self, entries: &[Entry], drafts: &[Option<PersonDraft>], file: &str) {
        let is_official = |e: &Entry| {
            person_name(e.names[0]).is_some()
                && (!e.periods.is_empty()
                    || e.default.is_some_and(|c| c.starts_with("IGO"))
                        && !words_of(e.names[0]).any(is_body_word))
        };
        for e in entries.iter().filter(|e| !is_official(e)) {
            match e.default.map(|c| &c[..3]) {
                Some("IGO") => self.body(e, file, ActorType::Igo),
                Some("NGO") => self.body(e, file, ActorType::Org),
                _ => {}
            }
        }
        for (e, draft) in entries.iter().zip(drafts) {
            if let Some(draft) = draft.clone().filter(|_| is_official(e)) {
                self.person(e, draft, file);
            }
        }
    }

    /// The actor already known under one of these full names, of a fitting type.
    fn existing(&self, forms: &[Keyed], fits: impl Fn(ActorType) -> bool) -> Option<usize> {
        forms.iter().find_map(|f| {
            self.by_form
                .get(&f.key)?
                .iter()
                .copied()
                .find(|&i| fits(self.out[i].actor.actor_type))
        })
    }

    /// Adds a record's forms (those no other actor claims) and roles to a known actor.
    fn merge_into(&mut self, i: usize, forms: &[Keyed], roles: Vec<Role>, file: &str, line: usize) {
        for Keyed { text: f, key } in forms {
            let claimed = self.by_form.get(key);
            if claimed.is_some_and(|c| c.contains(&i)) {
                continue;
            }
            if claimed.is_some_and(|c| !c.is_empty()) {
                // Another actor's name: not taken.
                continue;
            }
            let in_text = self.out[i].actor.actor_type != ActorType::Person;
            self.out[i].forms.push(imported_form(f, false, in_text));
            if !self.out[i].actor.aliases.iter().any(|a| a == f) && self.out[i].actor.name != *f {
                self.out[i].actor.aliases.push(f.clone());
            }
            self.by_form.entry(key.clone()).or_default().push(i);
        }
        let known = &mut self.out[i].actor.roles;
        for r in roles {
            if !known.contains(&r) {
                known.push(r);
            }
        }
        let b = &mut self.out[i];
        if !b.source.contains(file) {
            b.source = format!("{} + {file}:{line}", b.source);
        }
    }

    /// Adds a new actor with its forms; a form another imported actor already carries becomes
    /// shared by both, one a hand-written actor carries is not taken.
    fn push_new(&mut self, mut actor: Actor, forms: &[Keyed], file: &str) -> usize {
        let i = self.out.len();
        let mut built_forms = Vec::new();
        for (k, Keyed { text: f, key }) in forms.iter().enumerate() {
            let owners = self.by_form.get(key).cloned().unwrap_or_default();
            if owners.iter().any(|&o| !is_imported(&self.out[o].actor.id)) {
                continue;
            }
            let shared = !owners.is_empty();
            for &o in &owners {
                for of in &mut self.out[o].forms {
                    if mosaic_core::fold_key(&of.text) == *key {
                        of.shared = true;
                    }
                }
            }
            built_forms.push(imported_form(
                f,
                shared,
                actor.actor_type != ActorType::Person,
            ));
            if k > 0 {
                actor.aliases.push(f.clone());
            }
            self.by_form.entry(key.clone()).or_default().push(i);
        }
        if built_forms.is_empty() {
            // Every name is another actor's: nothing to add.
            return i.saturating_sub(1);
        }
        if built_forms[0].text != actor.name {
            actor.name = built_forms[0].text.clone();
            actor.aliases.retain(|a| *a != actor.name);
        }
        built_forms[0].how = AliasKind::Name;
        self.by_id.insert(actor.id.clone(), i);
        self.out.push(Built {
            actor,
            forms: built_forms,
            source: file.to_string(),
        });
        i
    }

    /// A fresh id from a folded name: `per:TUR:phx_recep_tayyip_erdogan`.
    fn new_id(&self, prefix: &str, country: Option<&str>, key: &str) -> String {
        let slug: String = key
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let base = match country {
            Some(c) => format!("{prefix}:{c}:phx_{slug}"),
            None => format!("{prefix}:phx_{slug}"),
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.by_id.contains_key(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        id
    }

    /// The country a record's codes name (the latest dated one first), as a known state.
    fn country_of(&self, e: &Entry) -> Option<String> {
        let codes = e.periods.iter().rev().map(|p| p.code).chain(e.default);
        codes.filter_map(|c| self.state_code(&c[..3])).next()
    }

    /// A three-letter country code as one the knowledge base has a state for (CAMEO's Kosovo is
    /// `KSV`).
    fn state_code(&self, code: &str) -> Option<String> {
        let iso = match code {
            "KSV" => "XKX",
            c => c,
        };
        self.states.contains(iso).then(|| iso.to_string())
    }

    /// A record's offices: every dated code but the elite ones (and the default code when there
    /// is no dated one).
    fn roles_of(&self, e: &Entry, file: &str) -> Vec<Role> {
        let undated = Period {
            code: e.default.unwrap_or_default(),
            from: None,
            to: None,
        };
        let periods: Vec<&Period> = if e.periods.is_empty() {
            vec![&undated]
        } else {
            e.periods.iter().collect()
        };
        periods
            .into_iter()
            // (A few periods end before they start, typos of the files: left out.)
            .filter(|p| match (p.from, p.to) {
                (Some(a), Some(b)) => a <= b,
                _ => true,
            })
            .filter_map(|p| {
                let (role, org) = self.office(p.code)?;
                Some(Role {
                    role,
                    org,
                    from: p.from.map(|d| d.iso()),
                    to: p.to.map(|d| d.iso()),
                    source: Some(format!("{file}:{}", e.line)),
                })
            })
            .collect()
    }

    /// What a code makes of its holder: (role, organisation id). `None` for elite and unknown
    /// codes.
    fn office(&self, code: &str) -> Option<(String, String)> {
        if code.len() < 6 {
            return None;
        }
        let (country, sectors) = code.split_at(3);
        if country == "IGO" {
            // The longest code of a known body: IGOUNOKID (UNICEF) else IGOUNO.
            let mut c = code;
            while c.len() > 3 {
                if let Some(&i) = self.by_code.get(c) {
                    return Some(("official".into(), self.out[i].actor.id.clone()));
                }
                c = &c[..c.len() - 3];
            }
            return None;
        }
        let iso = self.state_code(country)?;
        let state = format!("state:{iso}");
        let in_state = |id: String| {
            if self.by_id.contains_key(&id) {
                id
            } else {
                state.clone()
            }
        };
        let (role, org) = match sectors {
            "GOV" => ("government", state.clone()),
            "GOVMIL" => ("government: defence", in_state(format!("gov:{iso}:mod"))),
            "GOVCOP" => (
                "government: interior and police",
                in_state(format!("gov:{iso}:moi")),
            ),
            "GOVSPY" => ("government: intelligence", state.clone()),
            "GOVJUD" => ("government: justice", state.clone()),
            "GOVBUS" => ("government: economy and trade", state.clone()),
            "GOVAGR" => ("government: agriculture", state.clone()),
            "GOVMED" => ("government: information", state.clone()),
            "GOVEDU" => ("government: education", state.clone()),
            "GOVHLH" => ("government: health", state.clone()),
            "GOVDEV" => ("government: development", state.clone()),
            "GOVLAB" => ("government: labour", state.clone()),
            "GOVENV" => ("government: environment", state.clone()),
            "GOVHRI" => ("government: human rights", state.clone()),
            "GOVREL" => ("government: religious affairs", state.clone()),
            "GOVREF" => ("government: refugees", state.clone()),
            "GOVLEG" | "LEG" => ("legislature", state.clone()),
            "MIL" => ("military", in_state(format!("mil:{iso}:armed_forces"))),
            "SPY" => ("intelligence", state.clone()),
            "JUD" => ("judiciary", state.clone()),
            _ => return None,
        };
        Some((role.to_string(), org))
    }
}

/// A person record's names, worked out before the merge (in the thread that reads the files):
/// the forms of the record's person, and each unrelated synonym's forms (another person).
#[derive(Clone)]
pub(crate) struct PersonDraft {
    names: Vec<Keyed>,
    others: Vec<Vec<Keyed>>,
}

/// The drafts of a file's person records (`None` for records that are no person).
pub(crate) fn person_drafts(entries: &[Entry]) -> Vec<Option<PersonDraft>> {
    entries
        .iter()
        .map(|e| {
            if e.periods.is_empty() && !is_person_code(e.default) {
                return None;
            }
            let primary = person_name(e.names[0])?;
            let own_words: Vec<String> = words_of(&primary).map(str::to_uppercase).collect();
            let mut names = Vec::new();
            person_forms(&primary, &mut names);
            let mut others = Vec::new();
            for raw in &e.names[1..] {
                let Some(n) = person_name(raw) else {
                    continue;
                };
                if words_of(&n).any(|w| own_words.iter().any(|o| o.eq_ignore_ascii_case(w))) {
                    person_forms(&n, &mut names);
                } else {
                    let mut forms = Vec::new();
                    person_forms(&n, &mut forms);
                    others.push(forms);
                }
            }
            Some(PersonDraft { names, others })
        })
        .collect()
}

/// A form with its folded key, computed once.
#[derive(Clone)]
struct Keyed {
    text: String,
    key: String,
}

fn push_keyed(forms: &mut Vec<Keyed>, text: String) {
    let key = mosaic_core::fold_key(&text);
    if !forms.iter().any(|f| f.key == key) {
        forms.push(Keyed { text, key });
    }
}

/// Ids the import created.
fn is_imported(id: &str) -> bool {
    id.contains(":phx_")
}

fn imported_form(text: &str, shared: bool, in_text: bool) -> Form {
    Form {
        text: text.to_string(),
        how: AliasKind::Alias,
        shared,
        caps: true,
        in_text,
    }
}

/// A record's phrase as a person's name: office words stripped, two words at least, no word of
/// an institution.
fn person_name(raw: &str) -> Option<String> {
    if words_of(raw).any(is_body_word) {
        return None;
    }
    let kept: Vec<&str> = words_of(raw).skip_while(|w| is_office_word(w)).collect();
    (kept.len() >= 2).then(|| phoenix::display_words(kept.into_iter()))
}

/// Is the word (any case) one that makes a phrase an institution ("Ministry", "Front")?
pub(crate) fn is_body_word(w: &str) -> bool {
    in_list(w, BODY_WORDS, &BODY_SET)
}

fn is_office_word(w: &str) -> bool {
    in_list(w, OFFICE_WORDS, &OFFICE_SET)
}

static BODY_SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::OnceLock::new();
static OFFICE_SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::OnceLock::new();

/// Is the word (any case) in the upper-case list? The files write words in capitals, so the
/// common case is one hash lookup.
fn in_list(
    w: &str,
    list: &'static [&'static str],
    set: &std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>>,
) -> bool {
    let set = set.get_or_init(|| list.iter().copied().collect());
    if w.bytes().all(|b| !b.is_ascii_lowercase()) {
        set.contains(w)
    } else {
        set.contains(w.to_ascii_uppercase().as_str())
    }
}

/// The forms of a person's name: as written, and without a leading honorific.
fn person_forms(name: &str, out: &mut Vec<Keyed>) {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() >= 3 && HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(words[0])) {
        push_keyed(out, name.to_string());
        push_keyed(out, words[1..].join(" "));
    } else {
        push_keyed(out, name.to_string());
    }
}

/// The forms of an institution's phrase: as written, with an acronym in brackets split off
/// (`ISLAMIC_ARMY_OF_ADEN_(IAA)_`). A one-word name must be at least three letters.
fn body_forms(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (base, acronym) = match (raw.find('('), raw.find(')')) {
        (Some(a), Some(b)) if a < b => (
            format!("{}{}", &raw[..a], &raw[b + 1..]),
            Some(raw[a + 1..b].to_string()),
        ),
        _ => (raw.to_string(), None),
    };
    let name = display_name(&base);
    // `TANZIM_ +ORGANIZATION_`: a translation that is one generic body word names every body.
    let generic = !base.trim_matches('_').contains('_') && is_body_word(base.trim_matches('_'));
    if !generic
        && name.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !name.contains(['(', ')', '+'])
    {
        out.push(name);
    }
    if let Some(a) = acronym.filter(|a| a.len() >= 2 && a.chars().all(|c| c.is_ascii_uppercase())) {
        out.push(a);
    }
    out
}
