#!/usr/bin/env python3
"""Write N synthetic news articles of Mosaic's genre, for scale work (benchmarks, not accuracy).

    python3 scripts/gen_corpus.py N [--seed S] [--out DIR] [--start 2024-01-01] [--days 700]

Each article is DIR/synthetic-NNNNNN.txt (title on the first line) with a sidecar
DIR/synthetic-NNNNNN.meta.json (outlet, published, url, title). Everything is labelled synthetic:
the outlets are "Synthetic Wire 3", "Synthetic Herald 7" …, the URLs are on the reserved
`.invalid` domain, the sidecar carries "synthetic": true, and the last line of every text says
so. DIR/MANIFEST.tsv lists each article with the event it tells and how (original report, other
report, syndicated copy, denial), so clustering benchmarks know the answer; DIR/README.md says
what the folder is.

Actors come from the knowledge base's own data files (crates/mosaic-kb/data/*.toml: states,
intelligence services, ministries, armed forces, groups, current office holders, cities), so the
articles exercise real recognition. Events follow the genre: arrests for espionage, expulsions,
meetings, agreements, attacks, accusations, denials, sanctions, summonses, threats, foiled
smuggling. About one event in six is told by 2-4 articles in different words (some citing
each other, some denying it), and some of those get a syndicated near-copy: the same text under
another headline with a credit line and a few words edited, which the near-duplicate check is
meant to catch. Every other pair of articles must stay distinct.

Deterministic: the same N, seed and options give the same files. Standard library only.
"""

import argparse
import datetime as dt
import json
import random
import re
import sys
import tomllib
from pathlib import Path

KB = Path(__file__).resolve().parent.parent / "crates" / "mosaic-kb" / "data"

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLET_KINDS = ["Wire", "Herald", "Observer", "Monitor", "Dispatch", "Ledger", "Courier", "Desk"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve"]
FOOTER = "This is a synthetic article written by a corpus generator; it is not real news."


# ---------------------------------------------------------------- knowledge base


def load(name):
    with open(KB / f"{name}.toml", "rb") as f:
        return tomllib.load(f)


def iso3(actor_id):
    parts = actor_id.split(":")
    return parts[1] if len(parts) >= 3 and len(parts[1]) == 3 else None


def bare(name):
    """'State Security Service (Azerbaijan)' -> 'State Security Service'."""
    return re.sub(r"\s*\([^)]*\)$", "", name)


def is_historic(actor):
    return actor.get("former") or re.search(r"\(\d{4}", actor["name"]) is not None


class World:
    """The actors the templates draw from, grouped by country."""

    def __init__(self):
        states = load("states")
        gov = load("government")
        self.countries = {}
        for s in states.get("state", []):
            self.countries[s["iso3"]] = {"iso3": s["iso3"], "name": s.get("name"),
                                         "demonym": (s.get("demonyms") or [None])[0]}
        self.agencies, self.ministries, self.military, self.cities = {}, {}, {}, {}
        for a in load("intelligence")["actor"] + gov["actor"]:
            code = iso3(a["id"])
            if not code or is_historic(a):
                continue
            self._name_from_parenthesis(code, a["name"])
            group = {"agency": self.agencies, "police": self.agencies,
                     "ministry": self.ministries, "military": self.military}.get(a["type"])
            if group is not None:
                group.setdefault(code, []).append(a)
        for c in load("cities")["actor"]:
            code = iso3(c["id"])
            if code:
                self.cities.setdefault(code, []).append(c["name"])
        standard = set(gov["standard"]["countries"])
        self.usable = sorted(
            code for code, c in self.countries.items()
            if c["name"] and code in self.cities
            and (code in self.agencies or code in standard))
        self.groups = [g for g in load("groups")["actor"]
                       if g["type"] == "group" and not is_historic(g)]
        self.persons = {}
        for p in load("persons")["actor"]:
            current = [r for r in p.get("roles", []) if "to" not in r and r.get("org")]
            if current and p.get("country"):
                self.persons.setdefault(p["country"], []).append((p["name"], current[-1]))
        self.standard = standard

    def _name_from_parenthesis(self, code, name):
        m = re.search(r"\(([A-Z][^()0-9]+)\)$", name)
        c = self.countries.setdefault(code, {"iso3": code, "name": None, "demonym": None})
        if m and not c["name"] and len(m.group(1).split()) <= 3:
            c["name"] = m.group(1)


# ---------------------------------------------------------------- phrasing helpers


class Say:
    """Names of a country's bodies as news copy writes them, chosen at random."""

    def __init__(self, world, rng):
        self.w, self.r = world, rng

    def country(self, code):
        return self.w.countries[code]["name"]

    def adj(self, code):
        """'Turkish', or the possessive when the KB has no demonym."""
        return self.w.countries[code]["demonym"] or f"{self.country(code)}'s"

    def city(self, code):
        return self.r.choice(self.w.cities[code])

    def two_cities(self, code):
        """Two different cities where the country has two, else its one city named once."""
        found = self.w.cities[code]
        if len(found) < 2:
            return found[0]
        x, y = self.r.sample(found, 2)
        return f"{x} and {y}"

    def agency(self, code):
        found = self.w.agencies.get(code)
        if not found:
            return f"{self.adj(code)} security services"
        a = self.r.choice(found)
        name, acr = bare(a["name"]), (a.get("acronyms") or [None])[0]
        if acr and self.r.random() < 0.5:
            return f"{self.country(code)}'s {name} ({acr})"
        return f"{self.country(code)}'s {name}" if name == a["name"] else f"the {name} of {self.country(code)}"

    def ministry(self, code, which):
        words = {"mfa": "foreign ministry", "mod": "defence ministry", "moi": "interior ministry"}
        for m in self.w.ministries.get(code, []):
            if m["id"].endswith(":" + which) and m.get("aliases") and self.r.random() < 0.4:
                return f"the {m['aliases'][0]}" if not m["aliases"][0].startswith("the") else m["aliases"][0]
        return f"{self.country(code)}'s {words[which]}"

    def official(self, code):
        people = self.w.persons.get(code)
        if people and self.r.random() < 0.6:
            name, role = self.r.choice(people)
            return f"{self.adj(code)} {role['role']} {name}".replace("'s ", "'s ")
        title = self.r.choice(["Foreign Minister", "Interior Minister", "Defence Minister",
                               "deputy foreign minister", "national security adviser"])
        return f"{self.adj(code)} {title} {person_name(self.r)}"

    def number(self, lo=2, hi=12):
        n = self.r.randint(lo, hi)
        return NUMBER_WORDS[n - 2] if n <= 12 and self.r.random() < 0.6 else str(n)


FIRST = ["Ali", "Omar", "Farid", "Karim", "Elnur", "Tural", "Murat", "Emre", "Rustam", "Daniyar",
         "Giorgi", "Levan", "Arman", "Hossein", "Reza", "Yusuf", "Samir", "Nabil", "Bakhtiyar",
         "Aziz", "Timur", "Ilya", "Oleg", "Sami", "Rami", "Yasin", "Kamal", "Nurlan", "Anar", "Vugar"]
LAST = ["Hasanov", "Aliyev", "Demir", "Kaya", "Nazarov", "Sultanov", "Beridze", "Kapanadze",
        "Petrosyan", "Karimi", "Rahimi", "Haddad", "Khoury", "Mansour", "Yilmaz", "Sahin",
        "Ismailov", "Tashkentov", "Omarov", "Rashidov", "Saleh", "Darwish", "Abbasov", "Guliyev",
        "Mammadov", "Sadeghi", "Tehrani", "Nasser", "Bakr", "Farouk"]


def person_name(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def when(rng, published, event_day):
    """How the article dates an event it reports: a weekday, 'last week' or the full date."""
    delta = (published - event_day).days
    if 0 < delta < 7 and rng.random() < 0.7:
        return f"on {WEEKDAYS[event_day.weekday()]}"
    return f"on {event_day.day} {event_day.strftime('%B')} {event_day.year}"


# ---------------------------------------------------------------- events and templates


KINDS = ["arrest", "expel", "meet", "agree", "attack", "accuse", "sanction", "summon",
         "threaten", "smuggling"]


def make_event(world, rng, day, eid):
    a, b = rng.sample(world.usable, 2)
    group = rng.choice(world.groups)
    return {"id": eid, "kind": rng.choice(KINDS), "a": a, "b": b, "group": group["name"],
            "day": day, "n": rng.randint(2, 14), "kg": round(rng.uniform(1.5, 90.0), 1),
            "agent": person_name(rng), "seed": rng.random()}


def headline(ev, s, variant):
    a, b, g = ev["a"], ev["b"], ev["group"]
    pick = {
        "arrest": [f"{s.country(a)} detains {ev['n']} suspected of spying for {s.country(b)}",
                   f"{s.adj(a)} security service breaks up alleged {s.adj(b)} spy ring",
                   f"Alleged {s.adj(b)} espionage network dismantled in {s.country(a)}"],
        "expel": [f"{s.country(a)} expels {s.adj(b)} diplomat over espionage claims",
                  f"{s.adj(b)} envoy ordered out of {s.country(a)}",
                  f"{s.country(a)} declares {s.adj(b)} diplomat persona non grata"],
        "meet": [f"{s.adj(a)} and {s.adj(b)} officials hold talks on security",
                 f"{s.country(a)}, {s.country(b)} discuss border security",
                 f"Officials of {s.country(a)} and {s.country(b)} meet over {g}"],
        "agree": [f"{s.country(a)} and {s.country(b)} sign security cooperation deal",
                  f"{s.country(a)}, {s.country(b)} agree to share intelligence on {g}",
                  f"New security pact between {s.country(a)} and {s.country(b)}"],
        "attack": [f"{g} fighters attack {s.adj(a)} positions",
                   f"{ev['n']} killed in {g} attack in {s.country(a)}",
                   f"{s.adj(a)} forces repel {g} assault"],
        "accuse": [f"{s.country(a)} accuses {s.country(b)} of backing {g}",
                   f"{s.adj(a)} officials blame {s.country(b)} for support to {g}",
                   f"{s.country(a)} says {s.country(b)} arms {g}"],
        "sanction": [f"{s.country(a)} sanctions {ev['n']} linked to {s.adj(b)} intelligence",
                     f"New {s.adj(a)} sanctions target {s.adj(b)} security officials",
                     f"{s.country(a)} freezes assets of {s.adj(b)} operatives"],
        "summon": [f"{s.country(a)} summons {s.adj(b)} ambassador",
                   f"{s.adj(b)} envoy called in by {s.country(a)}'s foreign ministry",
                   f"{s.country(a)} lodges protest with {s.country(b)}"],
        "threaten": [f"{s.country(a)} warns {s.country(b)} of retaliation",
                     f"{s.adj(a)} official threatens response against {s.country(b)}",
                     f"{s.country(a)} vows to respond to {s.adj(b)} moves"],
        "smuggling": [f"{s.country(a)} foils smuggling of weapons for {g}",
                      f"{s.adj(a)} police seize {ev['kg']} kg of explosives",
                      f"Smuggling network linked to {g} broken up in {s.country(a)}"],
    }[ev["kind"]]
    return pick[variant % len(pick)]


def lede(ev, s, date, rng):
    a, b, g, n = ev["a"], ev["b"], ev["group"], s.number()
    city = s.city(a)
    options = {
        "arrest": [f"{s.agency(a)} said {date} it had detained {n} people in {city} suspected of "
                   f"gathering information on military sites for {s.agency(b)}.",
                   f"Security officers in {city} arrested {n} suspects {date}, {s.agency(a)} said, "
                   f"accusing them of passing photographs of defence installations to {s.country(b)}."],
        "expel": [f"{s.country(a)} expelled a {s.adj(b)} diplomat {date} after {s.agency(a)} said it "
                  f"had uncovered a network run from {s.country(b)}'s embassy in {city}.",
                  f"{s.ministry(a, 'mfa')} declared an attaché at the {s.adj(b)} embassy persona non "
                  f"grata {date} and gave him {rng.choice([48, 72, 96])} hours to leave the country."],
        "meet": [f"{s.official(a)} met {s.official(b)} in {city} {date} to discuss border security "
                 f"and the activities of {g}.",
                 f"Delegations from {s.country(a)} and {s.country(b)} held talks in {city} {date}, "
                 f"{s.ministry(a, 'mfa')} said in a statement."],
        "agree": [f"{s.country(a)} and {s.country(b)} signed an agreement in {city} {date} to "
                  f"exchange intelligence on {g} and to set up a joint monitoring centre.",
                  f"{s.official(a)} and {s.official(b)} agreed {date} to step up security "
                  f"cooperation, including joint patrols along routes used by {g}."],
        "attack": [f"Fighters of {g} attacked an army outpost near {city} {date}, killing "
                   f"{ev['n']} soldiers, {s.ministry(a, 'mod')} said.",
                   f"At least {ev['n']} people were killed {date} when {g} militants stormed a "
                   f"checkpoint outside {city}, officials in {s.country(a)} said."],
        "accuse": [f"{s.ministry(a, 'mfa')} accused {s.country(b)} {date} of supplying weapons and "
                   f"money to {g}.",
                   f"{s.official(a)} said {date} that {s.country(b)} had trained members of {g} "
                   f"in camps near the border."],
        "sanction": [f"{s.country(a)} imposed sanctions {date} on {n} officers of {s.agency(b)}, "
                     f"freezing their assets and banning them from travel.",
                     f"{s.ministry(a, 'mfa')} announced sanctions {date} against {n} people it said "
                     f"worked for {s.agency(b)}."],
        "summon": [f"{s.ministry(a, 'mfa')} summoned {s.country(b)}'s ambassador {date} to protest "
                   f"against what it called interference in its internal affairs.",
                   f"The {s.adj(b)} ambassador in {city} was called in {date} and handed a note of "
                   f"protest, {s.ministry(a, 'mfa')} said."],
        "threaten": [f"{s.official(a)} warned {s.country(b)} {date} that any attack on its "
                     f"territory would be met with force.",
                     f"{s.country(a)} threatened {date} to retaliate against {s.country(b)} if "
                     f"its forces crossed the border again."],
        "smuggling": [f"{s.agency(a)} said {date} it had seized {ev['kg']} kilograms of explosives "
                      f"and detained {n} men near {city} who were smuggling weapons for {g}.",
                      f"Police in {city} stopped a truck carrying rifles and {ev['kg']} kilograms "
                      f"of explosives bound for {g} {date}, {s.agency(a)} said."],
    }[ev["kind"]]
    return vary(rng, rng.choice(options))


ALTERNATION = re.compile(r"\[\[([^\[\]]*)\]\]")


def vary(rng, text):
    """Each `[[a|b|c]]` in `text` replaced by one of its options, so that two uses of one
    template share few word pairs (the near-duplicate check compares word 2-grams)."""
    return ALTERNATION.sub(lambda m: rng.choice(m.group(1).split("|")), text)


def detail_paragraphs(ev, s, rng):
    """A pool of paragraphs; each article takes a few, so two tellings share little wording."""
    a, b, g, agent = ev["a"], ev["b"], ev["group"], ev["agent"]
    spokes = person_name(rng)
    n2 = rng.randint(2, 40)
    year = ev["day"].year - rng.randint(1, 6)
    month = dt.date(2000, rng.randint(1, 12), 1).strftime("%B")
    pool = [
        f"\"[[We will not allow|No one will be allowed|We will never permit]] [[anyone|any foreign "
        f"service|hostile actors]] to [[threaten|endanger|undermine]] the security of our "
        f"[[citizens|people|country]],\" [[ministry spokesman|a government spokesperson|the "
        f"ministry's press officer]] {spokes} [[told reporters|said at a briefing|told a news "
        f"conference]], [[adding|noting|stressing]] that the [[investigation|inquiry|case]] was "
        f"[[continuing|still open|far from over]].",
        f"[[According to the statement|The statement said|Investigators said]], the "
        f"[[suspects|detainees|men]] had been [[in contact with|recruited by|taking orders from]] "
        f"a handler [[identified as|named as|known as]] {agent}, who [[allegedly|reportedly]] "
        f"[[paid them|transferred money to them|rewarded them]] [[in cash and cryptocurrency|"
        f"through exchange offices|via relatives abroad]] over {n2} months.",
        f"[[Officials|Investigators|Prosecutors]] said {n2} [[mobile phones|SIM cards|hard "
        f"drives]], [[two laptops|a drone|several cameras]] and [[a set of forged passports|"
        f"encrypted notebooks|cash in three currencies]] were [[seized|found|confiscated]] "
        f"[[during searches|in raids|at addresses]] in {s.two_cities(a)}.",
        f"In {month} {year}, {s.country(a)} and {s.country(b)} had [[exchanged accusations|"
        f"traded recriminations|quarrelled publicly]] over the [[detention|arrest|trial]] of "
        f"{rng.randint(2, 9)} of each other's [[nationals|citizens]].",
        f"{s.ministry(b, 'mfa')} [[did not respond to|declined|ignored]] a [[request for comment|"
        f"written request for its view|call from reporters]].",
        f"[[Analysts|Regional experts|Observers]] said the [[case|affair|dispute]] was the "
        f"[[latest|newest|clearest]] sign of [[strained|worsening|tense]] relations between the "
        f"two [[neighbours|governments|capitals]], whose [[trade|bilateral trade|commerce]] "
        f"[[fell|dropped|shrank]] by {rng.randint(5, 45)} percent [[last year|in {year}]].",
        f"{s.official(a)} [[said on television|told state media|wrote on social media]] that "
        f"[[the country's|national]] [[security services|agencies|forces]] had \"[[acted on "
        f"precise intelligence|moved at the right time|followed the network for months]]\" "
        f"and that [[more arrests were possible|others were being sought|the network was "
        f"larger]].",
        f"The [[suspects|accused]] face up to {rng.randint(8, 25)} years in [[prison|jail]] if "
        f"[[convicted|found guilty]] of [[espionage|treason|spying]] or of [[aiding|financing|"
        f"helping]] {g}, [[prosecutors|the prosecutor's office|judicial officials]] in "
        f"{s.city(a)} said.",
        f"{g} has been [[blamed for|linked to|accused of]] [[a series of|several|repeated]] "
        f"[[attacks|bombings|raids]] in the region since {year}, [[including|among them]] "
        f"[[a bombing|an ambush|a rocket strike]] that killed {rng.randint(3, 60)} people.",
        f"[[Diplomats|Western diplomats|Officials]] in {s.city(b)} said the two governments had "
        f"been [[negotiating|discussing|close to]] a [[prisoner exchange|swap of detainees|"
        f"consular deal]] involving {rng.randint(2, 8)} people [[before the latest dispute|until "
        f"this week|as recently as {month}]].",
        f"A [[court|judge|military court]] in {s.city(a)} [[ordered|remanded]] "
        f"{rng.randint(2, 9)} of the [[suspects|accused]] [[held in pre-trial detention|kept in "
        f"custody|jailed pending trial]] for {rng.randint(2, 6)} months.",
        f"{s.agency(b)} has been [[accused by several governments|blamed in the past|suspected]] "
        f"of [[running networks of informants|recruiting agents|watching dissidents]] "
        f"[[among diaspora communities|abroad|in neighbouring countries]].",
        f"The {s.adj(a)} [[parliament's security committee|national security council|"
        f"opposition]] said it would [[hold a closed session|demand a briefing|ask questions]] "
        f"on the matter [[next week|on {WEEKDAYS[rng.randrange(7)]}|soon]].",
        f"[[Local media|State television|A pro-government newspaper]] reported that {agent} had "
        f"[[entered the country|arrived|travelled]] on a [[business|tourist|student]] visa in "
        f"{month} and [[left|fled|was still]] [[weeks later|before the raids|at large]].",
        f"[[Border guards|Customs officers|Coast guard units]] near {s.city(a)} were "
        f"[[put on alert|reinforced|ordered to tighten checks]] after the [[operation|raids|"
        f"announcement]], [[officials|a security source|the governor's office]] said.",
        f"The [[network|cell|group]] [[had operated|was active|had been watched]] for "
        f"{rng.randint(2, 30)} months and [[used|relied on|communicated through]] "
        f"[[encrypted messaging apps|couriers|dead drops in parks]], [[according to|said]] "
        f"{s.agency(a)}.",
        f"[[Relatives of|Lawyers for|Friends of]] [[two|some|one]] of the [[detainees|suspects]] "
        f"[[said they were innocent|denied any wrongdoing|called the charges fabricated]] and "
        f"[[asked for|demanded]] [[access to|a meeting with]] [[a lawyer|their families|consular "
        f"officials]].",
        f"[[It was|This is|The case is]] the {rng.choice(['second', 'third', 'fourth', 'fifth'])} "
        f"[[such case|case of its kind|espionage case]] [[announced|made public|reported]] by "
        f"{s.country(a)} [[this year|since {year}|in {rng.randint(2, 18)} months]].",
        f"{s.country(b)}'s [[embassy|consulate|mission]] in {s.city(a)} [[said it was|was "
        f"reported to be|declared itself]] [[seeking information|following the case|ready to "
        f"cooperate]] [[about its citizens|on the detainees|with the authorities]].",
        f"[[Security|Defence|Regional]] [[analyst|researcher|commentator]] {person_name(rng)} "
        f"[[said|argued|wrote]] that [[the arrests|the move|the timing]] [[sent a message|was a "
        f"warning|signalled a change]] to {s.country(b)} [[ahead of|after|during]] "
        f"[[talks|elections|military exercises]].",
    ]
    rng.shuffle(pool)
    return [vary(rng, p) for p in pool[: rng.randint(3, 5)]]


def denial(ev, s, rng):
    b = ev["b"]
    return rng.choice([
        f"{s.ministry(b, 'mfa')} denied the accusations, calling them \"baseless and politically "
        f"motivated\".",
        f"{s.country(b)} rejected the claims. A spokesman for {s.ministry(b, 'mfa')} said the "
        f"allegations were \"fabricated\" and demanded proof.",
        f"Officials in {s.city(b)} dismissed the reports as propaganda and said no {s.adj(b)} "
        f"official had been involved.",
    ])


def citation(outlet, rng):
    return rng.choice([
        f"{outlet} first reported the case earlier this week.",
        f"The news was first reported by {outlet}, citing officials.",
        f"As {outlet} reported, the operation had been prepared for months.",
    ])


# ---------------------------------------------------------------- articles


def article(world, ev, published, outlet, variant, cite=None, deny=False):
    """One telling of `ev`: its own random choices (seeded by the event and the variant)."""
    rng = random.Random(f"{ev['seed']}-{variant}")
    s = Say(world, rng)
    date = when(rng, published, ev["day"])
    if deny:
        title = f"{s.country(ev['b'])} denies {s.country(ev['a'])}'s claims"
        paras = [denial(ev, s, rng), lede(ev, s, date, rng)]
    else:
        title = headline(ev, s, variant + rng.randint(0, 2))
        paras = [lede(ev, s, date, rng)]
    paras += detail_paragraphs(ev, s, rng)
    if not deny and rng.random() < 0.35:
        paras.append(denial(ev, s, rng))
    if cite:
        paras.insert(rng.randint(1, len(paras)), citation(cite, rng))
    return title, paras


def syndicate(title, paras, outlet, rng):
    """A syndicated copy: another headline, a credit line, a few words edited."""
    edits = [("said", "stated"), ("officials", "authorities"), ("detained", "held"),
             ("accused", "charged")]
    rng.shuffle(edits)
    body = "\n\n".join(paras)
    for old, new in edits[:2]:
        body = body.replace(f" {old} ", f" {new} ", 1)
    credit = f"This story was distributed by {outlet} and is republished under a syndication agreement."
    return f"{title} (wire)", body.split("\n\n") + [credit]


def write(out, idx, title, paras, outlet, published):
    name = f"synthetic-{idx:06d}"
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
    host = outlet.lower().replace(" ", "-")
    text = "\n\n".join([title] + paras + [FOOTER]) + "\n"
    (out / f"{name}.txt").write_text(text, encoding="utf-8")
    meta = {"outlet": outlet, "published": published.isoformat(), "title": title,
            "url": f"https://{host}.synthetic.invalid/{published:%Y/%m/%d}/{idx:06d}-{slug}",
            "synthetic": True}
    (out / f"{name}.meta.json").write_text(json.dumps(meta, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    return name


def plan(n, rng):
    """Sizes of the event groups: mostly 1 article, about one event in six told 2-4 times."""
    sizes, total = [], 0
    while total < n:
        k = rng.choice([2, 2, 3, 4]) if rng.random() < 0.17 else 1
        k = min(k, n - total)
        sizes.append(k)
        total += k
    return sizes


def generate(n, seed, out, start, days):
    world = World()
    rng = random.Random(seed)
    outlets = [f"Synthetic {kind} {i}" for i in range(1, 9) for kind in OUTLET_KINDS][:40]
    out.mkdir(parents=True, exist_ok=True)
    manifest = ["article\tevent\tkind\thow\toutlet\tpublished\tcopy_of"]
    idx = 0
    for eid, size in enumerate(plan(n, rng), start=1):
        day = start + dt.timedelta(days=rng.randrange(days))
        ev = make_event(world, rng, day, f"E{eid:06d}")
        tellers = rng.sample(outlets, size)
        first_name = None
        for k, outlet in enumerate(tellers):
            published = day + dt.timedelta(days=rng.choice([0, 1, 1, 2, 3]) + k)
            how = "original" if k == 0 else "report"
            syndicated = k > 0 and first_name and rng.random() < 0.25
            if syndicated:
                title, paras = syndicate(*first, tellers[0], rng)
                how = "syndicated"
            else:
                deny = k > 0 and rng.random() < 0.25
                how = "denial" if deny else how
                cite = tellers[0] if k > 0 and rng.random() < 0.5 else None
                title, paras = article(world, ev, published, outlet, k, cite, deny)
            idx += 1
            name = write(out, idx, title, paras, outlet, published)
            if k == 0:
                first, first_name = (title, paras), name
            copy_of = first_name if how == "syndicated" else ""
            manifest.append(f"{name}\t{ev['id']}\t{ev['kind']}\t{how}\t{outlet}\t{published}\t{copy_of}")
    (out / "MANIFEST.tsv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    (out / "README.md").write_text(
        f"# Synthetic corpus (not real news)\n\nWritten by `scripts/gen_corpus.py {n} --seed {seed}`"
        f" for scale work. Every article, outlet and quote here is invented. MANIFEST.tsv says "
        f"which articles tell the same event and which are syndicated copies.\n", encoding="utf-8")
    return idx


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="number of articles")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, default=Path("synthetic-corpus"))
    p.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2024, 1, 1),
                   help="earliest event date")
    p.add_argument("--days", type=int, default=700, help="events fall within this many days")
    args = p.parse_args(argv)
    if args.n < 1:
        p.error("N must be at least 1")
    written = generate(args.n, args.seed, args.out, args.start, args.days)
    print(f"wrote {written} synthetic articles to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
