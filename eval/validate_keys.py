#!/usr/bin/env python3
"""Check hand-written answer keys against the rules of the shared key format.

    validate_keys.py DIR [DIR ...] [--strict]

For every DIR/NAME.gold.json this checks, against DIR/NAME.txt:
  - the top-level fields exist and `doc` names the text file beside the key;
  - `published` is an ISO date or null (and equals NAME.meta.json's `published` when that file exists);
  - entity types are PERSON / ORG / GPE / LOC, names are unique, aliases are lists of strings;
  - each alias occurs in the text as written (a warning: some source texts are garbled);
  - each event's source is an entity name of the file and its target one too, or null;
  - event types and modalities are from the allowed sets, dates are YYYY / YYYY-MM / YYYY-MM-DD;
  - each event's evidence is an exact substring of the text;
  - times: `text` occurs in the text and `value` is an ISO date or a decade like 199X;
  - roles: person is a PERSON entity, org is an entity, status is current/former,
    evidence is an exact substring of the text.
Errors make the exit status 1; warnings do so only with --strict.
"""
import datetime
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC"}
EVENT_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "ESPIONAGE", "OTHER",
}
MODALITIES = {"asserted", "alleged", "denied", "planned"}
STATUSES = {"current", "former"}
TOP_FIELDS = ("doc", "outlet", "published", "entities", "events", "times", "roles")


def norm(s):
    """The scorer's notion of 'the same name' (case-, diacritic- and possessive-insensitive)."""
    s = s.replace("ı", "i").replace("İ", "I")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("’", "'").replace("‘", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s'-]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"^the ", "", s)


def iso_ok(value, allow_decade=False):
    if not isinstance(value, str):
        return False
    if allow_decade and re.fullmatch(r"\d{3}X", value):
        return True
    try:
        if re.fullmatch(r"\d{4}", value):
            return True
        if re.fullmatch(r"\d{4}-\d{2}", value):
            datetime.date(int(value[:4]), int(value[5:7]), 1)
            return True
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            datetime.date.fromisoformat(value)
            return True
    except ValueError:
        return False
    return False


def check_key(path, stats):
    errors, warnings = [], []
    stem = path.name[: -len(".gold.json")]
    txt_path = path.with_name(stem + ".txt")
    try:
        key = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        return [f"cannot read key: {e}"], []
    if not txt_path.exists():
        return [f"missing text file {txt_path.name}"], []
    text = txt_path.read_text(encoding="utf-8")
    low = text.lower()

    for f in TOP_FIELDS:
        if f not in key:
            errors.append(f"missing field {f!r}")
    if errors:
        return errors, warnings
    if key["doc"] != txt_path.name:
        errors.append(f"doc is {key['doc']!r}, expected {txt_path.name!r}")
    if key["published"] is not None and not (iso_ok(key["published"]) and len(key["published"]) == 10):
        errors.append(f"published {key['published']!r} is not YYYY-MM-DD")
    meta_path = path.with_name(stem + ".meta.json")
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("published") != key["published"]:
            errors.append(f"published {key['published']!r} differs from meta.json {meta.get('published')!r}")
        if meta.get("outlet") and meta.get("outlet") != key["outlet"]:
            warnings.append(f"outlet {key['outlet']!r} differs from meta.json {meta.get('outlet')!r}")

    names, types = set(), {}
    owner = {}
    for i, e in enumerate(key["entities"]):
        name = e.get("name")
        if not isinstance(name, str) or not name.strip():
            errors.append(f"entity #{i} has no name")
            continue
        if name in names:
            errors.append(f"entity {name!r} listed twice")
        names.add(name)
        types[name] = e.get("type")
        if e.get("type") not in ENTITY_TYPES:
            errors.append(f"entity {name!r} has type {e.get('type')!r}")
        aliases = e.get("aliases")
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            errors.append(f"entity {name!r}: aliases must be a list of strings")
            aliases = []
        if name.lower() not in low and not any(a.lower() in low for a in aliases):
            warnings.append(f"entity {name!r}: neither the name nor any alias occurs in the text")
        for a in aliases:
            if a not in text:
                warnings.append(f"entity {name!r}: alias {a!r} not in text as written")
        for n in {norm(name), *(norm(a) for a in aliases)}:
            if n in owner and owner[n] != name:
                warnings.append(f"name {n!r} is shared by {owner[n]!r} and {name!r} (the scorer will conflate them)")
            owner.setdefault(n, name)
        stats["entities"] += 1
        stats["entity_types"][e.get("type")] += 1

    events = key["events"]
    if not 3 <= len(events) <= 15:
        warnings.append(f"{len(events)} events (the format asks for 3-15)")
    for i, ev in enumerate(events):
        tag = f"event #{i} ({ev.get('source')} {ev.get('type')} {ev.get('target')})"
        if ev.get("source") not in names:
            errors.append(f"{tag}: source is not an entity name")
        if ev.get("target") is not None and ev.get("target") not in names:
            errors.append(f"{tag}: target is not an entity name")
        if ev.get("source") is not None and ev.get("source") == ev.get("target"):
            warnings.append(f"{tag}: source and target are the same")
        if ev.get("type") not in EVENT_TYPES:
            errors.append(f"{tag}: unknown type")
        if ev.get("modality") not in MODALITIES:
            errors.append(f"{tag}: modality {ev.get('modality')!r}")
        if ev.get("date") is not None and not iso_ok(ev.get("date")):
            errors.append(f"{tag}: date {ev.get('date')!r} is not ISO")
        evid = ev.get("evidence")
        if not isinstance(evid, str) or not evid:
            errors.append(f"{tag}: no evidence")
        elif evid not in text:
            errors.append(f"{tag}: evidence is not an exact substring of the text")
        stats["events"] += 1
        stats["event_types"][ev.get("type")] += 1
        stats["modalities"][ev.get("modality")] += 1
        stats["dated_events"] += ev.get("date") is not None

    for i, t in enumerate(key["times"]):
        if not isinstance(t.get("text"), str) or t.get("text") not in text:
            errors.append(f"time #{i} {t.get('text')!r}: not in the text")
        if not iso_ok(t.get("value"), allow_decade=True):
            errors.append(f"time #{i} {t.get('text')!r}: value {t.get('value')!r} is not ISO")
        stats["times"] += 1

    for i, r in enumerate(key["roles"]):
        tag = f"role #{i} ({r.get('person')} / {r.get('org')})"
        if r.get("person") not in names:
            errors.append(f"{tag}: person is not an entity name")
        elif types.get(r.get("person")) != "PERSON":
            errors.append(f"{tag}: person entity is not of type PERSON")
        if r.get("org") not in names:
            errors.append(f"{tag}: org is not an entity name")
        if r.get("status") not in STATUSES:
            errors.append(f"{tag}: status {r.get('status')!r}")
        if not r.get("role"):
            errors.append(f"{tag}: empty role")
        if not isinstance(r.get("evidence"), str) or r.get("evidence") not in text:
            errors.append(f"{tag}: evidence is not an exact substring of the text")
        stats["roles"] += 1
    return errors, warnings


def main(argv):
    strict = "--strict" in argv
    dirs = [Path(a) for a in argv if not a.startswith("--")]
    if not dirs:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    stats = {"entities": 0, "events": 0, "times": 0, "roles": 0, "dated_events": 0,
             "entity_types": Counter(), "event_types": Counter(), "modalities": Counter()}
    n_keys = n_err = n_warn = 0
    for d in dirs:
        keys = sorted(d.glob("*.gold.json"))
        if not keys:
            print(f"{d}: no *.gold.json files", file=sys.stderr)
            n_err += 1
        for k in keys:
            n_keys += 1
            errors, warnings = check_key(k, stats)
            n_err += len(errors)
            n_warn += len(warnings)
            status = "OK" if not errors else "FAIL"
            print(f"{status:4} {k}" + (f"  ({len(warnings)} warnings)" if warnings else ""))
            for e in errors:
                print(f"     error: {e}")
            for w in warnings:
                print(f"     warning: {w}")
    print(f"\n{n_keys} keys, {n_err} errors, {n_warn} warnings")
    print(f"entities {stats['entities']} ({', '.join(f'{k} {v}' for k, v in sorted(stats['entity_types'].items()))})")
    print(f"events {stats['events']} (dated {stats['dated_events']}): "
          + ", ".join(f"{k} {v}" for k, v in sorted(stats["event_types"].items())))
    print("modalities: " + ", ".join(f"{k} {v}" for k, v in sorted(stats["modalities"].items())))
    print(f"times {stats['times']}, roles {stats['roles']}")
    return 1 if n_err or (strict and n_warn) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
