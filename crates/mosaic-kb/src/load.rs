//! Building the actor list: countries from `keshvar`, everything else from the TOML files in
//! `data/`, plus the forms generated from templates (country-qualified ministry names, plurals of
//! demonyms). The schema is documented in the crate README.

use std::collections::{BTreeSet, HashMap, HashSet};

use mosaic_core::EntityKind;
use serde::Deserialize;

use crate::{Actor, ActorType, AliasKind, Role};

/// One surface form of an actor with how it names the actor and how it may be matched.
#[derive(Clone, Debug)]
pub(crate) struct Form {
    pub text: String,
    pub how: AliasKind,
    /// Declared as shared with other actors (or generated as a generic, country-neutral name).
    pub shared: bool,
    /// Must start with a capital letter in running text (ordinary English word when lower-case).
    pub caps: bool,
    /// Searched for in running text by the matcher; `false` for names only looked up (the
    /// imported persons: the model finds persons, the knowledge base then says who they are).
    pub in_text: bool,
}

/// An actor while it is being built, with its forms still annotated.
pub(crate) struct Built {
    pub actor: Actor,
    pub forms: Vec<Form>,
    /// Where the entry came from ("keshvar", "states.toml" …), for validation messages.
    pub source: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    actor: Vec<RawActor>,
    #[serde(default)]
    state: Vec<RawState>,
    #[serde(default)]
    standard: Option<RawStandard>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    id: String,
    #[serde(rename = "type")]
    actor_type: ActorType,
    name: String,
    kind: Option<String>,
    country: Option<String>,
    parent: Option<String>,
    sector: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    acronyms: Vec<String>,
    #[serde(default)]
    native: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    generic: Vec<String>,
    #[serde(default)]
    shared: Vec<String>,
    #[serde(default)]
    caps: Vec<String>,
    capital_of: Option<String>,
    #[serde(default)]
    former: bool,
    note: Option<String>,
    #[serde(default)]
    roles: Vec<Role>,
}

/// Corrections and additions to a country generated from keshvar.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawState {
    iso3: String,
    name: Option<String>,
    #[serde(rename = "type")]
    actor_type: Option<ActorType>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    acronyms: Vec<String>,
    #[serde(default)]
    native: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    /// Keshvar forms to drop (wrong, misleading, or belonging to another entry).
    #[serde(default)]
    drop: Vec<String>,
    #[serde(default)]
    shared: Vec<String>,
    #[serde(default)]
    caps: Vec<String>,
    note: Option<String>,
}

/// Countries whose foreign, defence and interior ministries and armed forces are generated.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStandard {
    countries: Vec<String>,
    /// Generated bodies a country does not have, as `ISO3:suffix` ("CHN:moi").
    #[serde(default)]
    skip: Vec<String>,
}

fn default_kind(t: ActorType) -> EntityKind {
    use ActorType::*;
    match t {
        State | Territory | FormerState | City | Province => EntityKind::Gpe,
        Region => EntityKind::Loc,
        Person => EntityKind::Person,
        _ => EntityKind::Org,
    }
}

fn default_sector(t: ActorType) -> Option<&'static str> {
    use ActorType::*;
    Some(match t {
        Agency => "SPY",
        Ministry => "GOV",
        Military => "MIL",
        Police => "POL",
        Group => "REB",
        Party => "PTY",
        Igo => "IGO",
        Media => "MED",
        Org => "CVL",
        _ => return None,
    })
}

/// `spy:TUR:mit` → `TUR`.
fn country_from_id(id: &str) -> Option<String> {
    let seg = id.split(':').nth(1)?;
    (seg.len() == 3 && seg.chars().all(|c| c.is_ascii_uppercase())).then(|| seg.to_string())
}

fn has_non_latin(s: &str) -> bool {
    s.chars().any(|c| {
        c.is_alphabetic()
            && !(c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) || c == 'ə')
    })
}

/// "Iranian" → "Iranians", "Turk" → "Turks", "Kazakh" → "Kazakhs", "Serb" → "Serbs", "Croat" →
/// "Croats"; adjectives in -ish, -ese or -ch ("Turkish", "Lebanese", "Dutch") have no such plural.
fn demonym_plural(d: &str) -> Option<String> {
    let last = d.chars().last()?;
    let plural = match last {
        'n' | 'i' | 'k' | 'o' | 'b' | 't' => true,
        'h' => !d.ends_with("sh") && !d.ends_with("ch"),
        _ => false,
    };
    (plural && !d.contains(' ')).then(|| format!("{d}s"))
}

struct Builder {
    out: Vec<Built>,
    index: HashMap<String, usize>,
    common: HashSet<String>,
}

impl Builder {
    fn form(&self, text: &str, how: AliasKind, shared: &[String], caps: &[String]) -> Form {
        let key = mosaic_core::fold_key(text);
        let is_single = !key.contains(' ');
        Form {
            in_text: true,
            text: text.to_string(),
            how,
            shared: shared.iter().any(|s| mosaic_core::fold_key(s) == key),
            // A form written in lower case by its owner ("debkafile") is matched as written,
            // even when a capitalised variant of it must be capitalised.
            caps: text.chars().next().is_some_and(char::is_uppercase)
                && (caps.iter().any(|s| mosaic_core::fold_key(s) == key)
                    || (is_single && self.common.contains(&key))),
        }
    }

    fn push(&mut self, b: Built) {
        // A second entry with an existing id is kept so that validate() can report it; patches
        // of generated entries go through `merge` instead.
        self.index
            .entry(b.actor.id.clone())
            .or_insert(self.out.len());
        self.out.push(b);
    }
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

/// Builds every actor from keshvar and the given TOML sources `(file name, contents)`.
pub(crate) fn build(sources: &[(&str, &str)], common_words: &str) -> Result<Vec<Built>, String> {
    let mut files = Vec::new();
    for (name, text) in sources {
        let f: RawFile = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
        files.push((*name, f));
    }
    let common = common_words
        .lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(mosaic_core::fold_key)
        .collect();
    let mut b = Builder {
        out: Vec::new(),
        index: HashMap::new(),
        common,
    };

    let overrides: HashMap<String, &RawState> = files
        .iter()
        .flat_map(|(_, f)| f.state.iter())
        .map(|s| (s.iso3.clone(), s))
        .collect();
    build_states(&mut b, &overrides);

    // Generated ministries and armed forces come before hand entries so that a hand entry with the
    // same id patches them (adds native names, renames) instead of duplicating them.
    for (name, f) in &files {
        if let Some(std) = &f.standard {
            for c in &std.countries {
                generate_standard(&mut b, c, &std.skip, name)?;
            }
        }
    }
    let generated: HashSet<String> = b.out.iter().map(|x| x.actor.id.clone()).collect();
    for (name, f) in files {
        for raw in f.actor {
            let is_patch = generated.contains(&raw.id) && raw.id.contains(':');
            add_raw(&mut b, raw, name, is_patch);
        }
    }
    expand_generic(&mut b);
    Ok(b.out)
}

fn build_states(b: &mut Builder, overrides: &HashMap<String, &RawState>) {
    let mut state_demonyms: HashSet<String> = HashSet::new();
    let mut pending_territory_demonyms = Vec::new();
    for c in keshvar::CountryIterator::new() {
        let iso3 = c.alpha3().to_string();
        let ov = overrides.get(&iso3);
        let drop: HashSet<String> = ov
            .map(|o| o.drop.iter().map(|d| mosaic_core::fold_key(d)).collect())
            .unwrap_or_default();
        let keep = |s: &str| {
            !s.contains(['(', ')', '[', ']', ','])
                && !has_non_latin(s)
                && !drop.contains(&mosaic_core::fold_key(s))
        };
        let short = c.iso_short_name();
        let name = ov
            .and_then(|o| o.name.clone())
            .or_else(|| keep(short).then(|| short.to_string()))
            .or_else(|| {
                c.unofficial_name_list()
                    .iter()
                    .find(|n| keep(n))
                    .map(|n| n.to_string())
            })
            .unwrap_or_else(|| short.to_string());
        let mut actor_type = if c.un_member() {
            ActorType::State
        } else {
            ActorType::Territory
        };
        if let Some(t) = ov.and_then(|o| o.actor_type) {
            actor_type = t;
        }
        let shared: Vec<String> = ov.map(|o| o.shared.clone()).unwrap_or_default();
        let caps: Vec<String> = ov.map(|o| o.caps.clone()).unwrap_or_default();
        let mut forms = vec![b.form(&name, AliasKind::Name, &shared, &caps)];
        let mut aliases = Vec::new();
        let long = c.iso_long_name();
        let long = long.strip_prefix("The ").unwrap_or(long);
        for a in [short, long]
            .into_iter()
            .chain(c.unofficial_name_list().iter().copied())
        {
            if keep(a) && mosaic_core::fold_key(a) != mosaic_core::fold_key(&name) {
                push_unique(&mut aliases, a);
            }
        }
        for a in ov.map(|o| o.aliases.as_slice()).unwrap_or_default() {
            push_unique(&mut aliases, a);
        }
        for a in &aliases {
            forms.push(b.form(a, AliasKind::Alias, &shared, &caps));
        }
        let mut acr = Vec::new();
        for a in ov.map(|o| o.acronyms.as_slice()).unwrap_or_default() {
            forms.push(b.form(a, AliasKind::Acronym, &shared, &caps));
            push_unique(&mut acr, a);
        }
        for a in ov.map(|o| o.native.as_slice()).unwrap_or_default() {
            forms.push(b.form(a, AliasKind::NativeName, &shared, &caps));
            push_unique(&mut acr, a);
        }
        aliases.extend(acr);
        let mut demonyms: Vec<String> = Vec::new();
        let from_keshvar: Vec<String> = c
            .maybe_nationality()
            .map(|n| n.split(',').map(|s| s.trim().to_string()).collect())
            .unwrap_or_default();
        for d in ov.map(|o| o.demonyms.as_slice()).unwrap_or_default() {
            push_unique(&mut demonyms, d);
        }
        let keshvar_ok: Vec<String> = from_keshvar
            .into_iter()
            .filter(|d| keep(d) && d != &name)
            .collect();
        if actor_type == ActorType::Territory {
            // keshvar gives many dependencies their sovereign's nationality ("French", "American");
            // those are taken only if no state claims them (checked once all states are known).
            pending_territory_demonyms.push((b.out.len(), keshvar_ok));
        } else {
            for d in keshvar_ok {
                push_unique(&mut demonyms, &d);
            }
            state_demonyms.extend(demonyms.iter().map(|d| mosaic_core::fold_key(d)));
        }
        let actor = Actor {
            id: format!("state:{iso3}"),
            name,
            actor_type,
            kind: EntityKind::Gpe,
            country: Some(iso3.clone()),
            parent: None,
            sector: None,
            aliases,
            demonyms,
            capital_of: None,
            former: false,
            region: c.maybe_subregion().map(|r| r.to_string()),
            note: ov.and_then(|o| o.note.clone()),
            roles: Vec::new(),
        };
        b.push(Built {
            actor,
            forms,
            source: "keshvar".into(),
        });
    }
    for (i, ds) in pending_territory_demonyms {
        for d in ds {
            if !state_demonyms.contains(&mosaic_core::fold_key(&d)) {
                push_unique(&mut b.out[i].actor.demonyms, &d);
            }
        }
    }
    // Demonym forms (with plurals) once the lists are final.
    for i in 0..b.out.len() {
        let iso3 = b.out[i].actor.country.clone().unwrap_or_default();
        let ov = overrides.get(&iso3);
        let shared: Vec<String> = ov.map(|o| o.shared.clone()).unwrap_or_default();
        let caps: Vec<String> = ov.map(|o| o.caps.clone()).unwrap_or_default();
        let mut forms = Vec::new();
        for d in b.out[i].actor.demonyms.clone() {
            let single = b.form(&d, AliasKind::Demonym, &shared, &caps);
            if let Some(p) = demonym_plural(&d) {
                let mut plural = b.form(&p, AliasKind::Demonym, &shared, &caps);
                plural.shared |= single.shared;
                forms.push(plural);
            }
            forms.push(single);
        }
        b.out[i].forms.extend(forms);
    }
}

const MFA: &[&str] = &[
    "Ministry of Foreign Affairs",
    "Foreign Ministry",
    "Foreign Affairs Ministry",
    "Ministry for Foreign Affairs",
];
const MOD: &[&str] = &[
    "Ministry of Defence",
    "Ministry of Defense",
    "Defence Ministry",
    "Defense Ministry",
    "Ministry of National Defence",
    "Ministry of National Defense",
];
const MOI: &[&str] = &[
    "Ministry of Interior",
    "Ministry of the Interior",
    "Interior Ministry",
    "Ministry of Internal Affairs",
];

fn generate_standard(
    b: &mut Builder,
    iso3: &str,
    skip: &[String],
    source: &str,
) -> Result<(), String> {
    let state = b
        .index
        .get(&format!("state:{iso3}"))
        .map(|&i| b.out[i].actor.clone())
        .ok_or_else(|| format!("{source}: [standard] names unknown country {iso3}"))?;
    let adj = state
        .demonyms
        .first()
        .cloned()
        .unwrap_or_else(|| state.name.clone());
    let entries: [(&str, ActorType, String, &[&str]); 4] = [
        (
            "gov",
            ActorType::Ministry,
            format!("Ministry of Foreign Affairs ({})", state.name),
            MFA,
        ),
        (
            "gov",
            ActorType::Ministry,
            format!("Ministry of Defence ({})", state.name),
            MOD,
        ),
        (
            "gov",
            ActorType::Ministry,
            format!("Ministry of Interior ({})", state.name),
            MOI,
        ),
        (
            "mil",
            ActorType::Military,
            format!("{adj} Armed Forces"),
            &[],
        ),
    ];
    for (n, (prefix, t, name, generic)) in entries.into_iter().enumerate() {
        let suffix = ["mfa", "mod", "moi", "armed_forces"][n];
        if skip.iter().any(|s| s == &format!("{iso3}:{suffix}")) {
            continue;
        }
        let mut aliases = Vec::new();
        if t == ActorType::Military {
            aliases.push(format!("Armed Forces of {}", state.name));
            aliases.push(format!("{} Armed Forces", state.name));
            aliases.retain(|a| a != &name);
        }
        let mut forms = vec![b.form(&name, AliasKind::Name, &[], &[])];
        for a in &aliases {
            forms.push(b.form(a, AliasKind::Alias, &[], &[]));
        }
        let actor = Actor {
            id: format!("{prefix}:{iso3}:{suffix}"),
            name,
            actor_type: t,
            kind: EntityKind::Org,
            country: Some(iso3.to_string()),
            parent: Some(state.id.clone()),
            sector: default_sector(t).map(str::to_string),
            aliases,
            demonyms: Vec::new(),
            capital_of: None,
            former: false,
            region: None,
            note: None,
            roles: Vec::new(),
        };
        let mut built = Built {
            actor,
            forms,
            source: format!("{source} [standard]"),
        };
        for g in generic.iter() {
            built.forms.push(Form {
                text: g.to_string(),
                how: AliasKind::Alias,
                shared: true,
                caps: false,
                in_text: true,
            });
            built.actor.aliases.push(g.to_string());
        }
        b.push(built);
    }
    Ok(())
}

fn add_raw(b: &mut Builder, raw: RawActor, source: &str, is_patch: bool) {
    let country = raw.country.clone().or_else(|| country_from_id(&raw.id));
    let kind = raw
        .kind
        .as_deref()
        .and_then(EntityKind::parse)
        .unwrap_or_else(|| default_kind(raw.actor_type));
    let parent = raw.parent.clone().or_else(|| {
        use ActorType::*;
        let national = matches!(
            raw.actor_type,
            Agency | Ministry | Military | Police | City | Province | Territory
        );
        // A body of a former state (the Soviet KGB) hangs under `former:SUN`.
        country
            .as_ref()
            .filter(|_| national)
            .map(|c| {
                let state = format!("state:{c}");
                let former = format!("former:{c}");
                if !b.index.contains_key(&state) && b.index.contains_key(&former) {
                    former
                } else {
                    state
                }
            })
            .filter(|p| p != &raw.id)
    });
    // Outlet and institute names are ordinary phrases when lower-case ("foreign policy", "arab
    // news"), so every capitalised form of theirs must be capitalised in the text.
    let mut caps = raw.caps.clone();
    if matches!(raw.actor_type, ActorType::Media | ActorType::Org) {
        let all = std::iter::once(&raw.name)
            .chain(&raw.aliases)
            .chain(&raw.native);
        caps.extend(
            all.filter(|a| a.chars().next().is_some_and(char::is_uppercase))
                .cloned(),
        );
    }
    let raw = RawActor { caps, ..raw };
    let mut forms = vec![b.form(&raw.name, AliasKind::Name, &raw.shared, &raw.caps)];
    let mut aliases = Vec::new();
    for (list, how) in [
        (&raw.aliases, AliasKind::Alias),
        (&raw.acronyms, AliasKind::Acronym),
        (&raw.native, AliasKind::NativeName),
    ] {
        for a in list {
            forms.push(b.form(a, how, &raw.shared, &raw.caps));
            push_unique(&mut aliases, a);
        }
    }
    for g in &raw.generic {
        forms.push(Form {
            text: g.clone(),
            how: AliasKind::Alias,
            shared: true,
            caps: false,
            in_text: true,
        });
        push_unique(&mut aliases, g);
    }
    for d in &raw.demonyms {
        let single = b.form(d, AliasKind::Demonym, &raw.shared, &raw.caps);
        if let Some(p) = demonym_plural(d) {
            let mut plural = b.form(&p, AliasKind::Demonym, &raw.shared, &raw.caps);
            plural.shared |= single.shared;
            forms.push(plural);
        }
        forms.push(single);
    }
    if is_patch {
        let i = b.index[&raw.id];
        let t = &mut b.out[i];
        // The hand name wins; the generated name stays an alias.
        if t.actor.name != raw.name {
            let old = std::mem::replace(&mut t.actor.name, raw.name.clone());
            for f in &mut t.forms {
                if f.how == AliasKind::Name {
                    f.how = AliasKind::Alias;
                }
            }
            push_unique(&mut t.actor.aliases, &old);
        }
        for a in aliases {
            push_unique(&mut t.actor.aliases, &a);
        }
        t.forms.extend(forms);
        if raw.sector.is_some() {
            t.actor.sector = raw.sector;
        }
        if raw.note.is_some() {
            t.actor.note = raw.note;
        }
        t.actor.former |= raw.former;
        t.source = format!("{} + {source}", t.source);
        return;
    }
    let actor = Actor {
        id: raw.id,
        name: raw.name,
        actor_type: raw.actor_type,
        kind,
        country,
        parent,
        sector: raw
            .sector
            .or_else(|| default_sector(raw.actor_type).map(str::to_string)),
        aliases,
        demonyms: raw.demonyms,
        capital_of: raw.capital_of,
        former: raw.former || raw.actor_type == ActorType::FormerState,
        region: None,
        note: raw.note,
        roles: raw
            .roles
            .into_iter()
            .map(|r| Role {
                source: r.source.or_else(|| Some(source.to_string())),
                ..r
            })
            .collect(),
    };
    b.push(Built {
        actor,
        forms,
        source: source.to_string(),
    });
}

/// Generic names ("Foreign Ministry") are shared by every country's body; each body also gets the
/// country-qualified forms news uses: "Turkish Foreign Ministry", "Ministry of Defence of Iran".
fn expand_generic(b: &mut Builder) {
    for i in 0..b.out.len() {
        let generic: Vec<String> = b.out[i]
            .forms
            .iter()
            .filter(|f| f.shared && f.how == AliasKind::Alias && b.out[i].actor.country.is_some())
            .filter(|f| {
                f.text
                    .split(' ')
                    .next()
                    .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
            })
            .map(|f| f.text.clone())
            .collect();
        if generic.is_empty()
            || !matches!(
                b.out[i].actor.actor_type,
                ActorType::Ministry | ActorType::Agency | ActorType::Police
            )
        {
            continue;
        }
        let Some(state) = b.out[i]
            .actor
            .country
            .as_ref()
            .and_then(|c| b.index.get(&format!("state:{c}")))
        else {
            continue;
        };
        let state = b.out[*state].actor.clone();
        let adj = state.demonyms.first().cloned();
        let mut seen: BTreeSet<String> = b.out[i]
            .forms
            .iter()
            .map(|f| mosaic_core::fold_key(&f.text))
            .collect();
        let mut new = Vec::new();
        for g in generic {
            let mut cands = Vec::new();
            if !g.contains(' ') {
                continue;
            }
            if let Some(adj) = &adj {
                cands.push(format!("{adj} {g}"));
            }
            cands.push(format!("{g} of {}", state.name));
            for c in cands {
                if seen.insert(mosaic_core::fold_key(&c)) {
                    new.push(c);
                }
            }
        }
        for n in new {
            b.out[i].forms.push(Form {
                text: n.clone(),
                how: AliasKind::Alias,
                shared: false,
                caps: false,
                in_text: true,
            });
            push_unique(&mut b.out[i].actor.aliases, &n);
        }
    }
}
