#!/usr/bin/env python3
"""Writes spaCy's own output (en_core_web_sm 3.8.0) for a set of texts as compact JSON fixtures
for mosaic-nlp's network parity tests: crates/mosaic-nlp/tests/fixtures/nets/NAME.json.

Layer outputs for the texts listed in VECTOR_TEXTS go to vectors.json: {NAME: {"tensor": the shared
tok2vec output (doc.tensor), "ner_tensor": the NER's own 96-d tok2vec output}}, rounded to 6 decimals.

Each file: {"text" (or, for seed articles, "source": path relative to the directory holding the
repository and shared/, plus "text_sha256"), "tokens": [[char_start, text, whitespace, norm_override_or_null], ...],
"tag", "pos", "lemma", "dep", "head", "sent_start" (lists per token), "ents": [[start_tok,
end_tok, label], ...], "ner_only_ents": same for a tokenizer+ner pipeline}.

Inputs: the ~30 short texts below (news sentences plus edge cases: contractions, dashes,
currency, URLs, odd whitespace, non-Latin scripts, emoji, empty text) and the seed articles in
/work/shared/corpus/seeds (or $MOSAIC_SEEDS).

Usage: python3 scripts/spacy_nets_fixtures.py [--model PATH_OR_NAME]
Needs `pip install spacy==3.8.*` and the en_core_web_sm 3.8.0 package (scripts/setup-model.sh).
"""
import argparse
import glob
import hashlib
import json
import os

import spacy

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "..", "crates", "mosaic-nlp", "tests", "fixtures", "nets")
DEFAULT_MODEL = os.path.join(HERE, "..", "models", "en_core_web_sm-3.8.0")

TEXTS = [
    "Turkish Foreign Minister Ahmet Davutoglu met Javad Zarif in Ankara on Friday, Nov. 1.",
    "The U.S. Treasury said on Tuesday it would sanction 12 Iranian firms, sending oil up 3.5% to $84.20 a barrel.",
    "\"We don't negotiate with terrorists,\" said Dr. Jane O'Neill, a spokeswoman for the Pentagon.",
    "Rebels seized the town of Kidal — a stronghold in northern Mali — after two days of fighting.",
    "Police arrested 37 protesters near Tahrir Square in Cairo late on Saturday night.",
    "Erdoğan's AKP won 49.5 per cent of the vote in Sunday's election, according to Anadolu Agency.",
    "The European Union and the United Kingdom can't agree on fishing quotas, officials in Brussels said.",
    "NATO SECRETARY-GENERAL WARNS RUSSIA OVER UKRAINE BUILD-UP",
    "Hello",
    "",
    "   ",
    "Prices rose 2.1 % in São Paulo and Zürich.\n\nMarkets closed lower.",
    "Contact press@un.org or visit https://www.un.org/en/ for details.",
    "Владимир Путин встретился с Си Цзиньпином в Москве. 習近平 visited Moscow.",
    "The ceasefire 🤝 held for 72 hours… then collapsed.",
    "In 2019–2020, the IMF lent Argentina US$57bn; critics called it a mistake.",
    "He said:\t\"It's over.\"  The crowd   cheered.",
    "Gen. Mark Milley, chairman of the Joint Chiefs of Staff, testified before Congress on Sept. 28, 2021.",
    "The WHO declared the outbreak a Public Health Emergency of International Concern (PHEIC) on 30 January 2020.",
    "Kim Jong-un oversaw the launch of a Hwasong-17 ICBM, state media KCNA reported.",
    "Saudi Arabia's Crown Prince Mohammed bin Salman hosted Chinese President Xi Jinping in Riyadh.",
    "About 1,200 refugees crossed into Greece from Turkey, the UNHCR said, while Frontex deployed 100 more guards.",
    "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa is long.",
    "Israel's security cabinet approved the deal late Thursday; Hamas is expected to release 50 hostages.",
    "The $1.2 trillion infrastructure bill passed the Senate 69-30 on Aug. 10.",
    "Ms. Sturgeon resigned as First Minister of Scotland in February 2023 after eight years.",
    "‘Never again,’ the prime minister told reporters in New Delhi, adding that India would respond.",
    "President Biden and Vice-President Harris spoke with Ukrainian President Volodymyr Zelensky for 45 minutes.",
    "The 5.7-magnitude quake struck 10 km (6 miles) south-east of Izmir at 14:51 local time (11:51 GMT).",
    "I'm sure they'll say it wasn't their fault, but y'all know better -- right?",
    "Lagos, Nigeria - Boko Haram fighters attacked a military base in Borno State, killing at least 20 soldiers.",
    "\n\nBREAKING: Explosions heard in Kyiv\n",
]

VECTOR_TEXTS = ["text_02", "text_05", "text_13", "text_16"]


def doc_to_fixture(text, doc, ner_doc):
    tokens = []
    for t in doc:
        norm_override = t.norm_ if t.norm_ != t.lex.norm_ else None
        tokens.append([t.idx, t.text, bool(t.whitespace_), norm_override])
    return {
        "text": text,
        "tokens": tokens,
        "tag": [t.tag_ for t in doc],
        "pos": [t.pos_ for t in doc],
        "lemma": [t.lemma_ for t in doc],
        "dep": [t.dep_ for t in doc],
        "head": [t.head.i for t in doc],
        "sent_start": [bool(t.is_sent_start) for t in doc],
        "ents": [[e.start, e.end, e.label_] for e in doc.ents],
        "ner_only_ents": [[e.start, e.end, e.label_] for e in ner_doc.ents],
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=os.environ.get("MOSAIC_SPACY_MODEL", DEFAULT_MODEL))
    ap.add_argument("--seeds", default=os.environ.get("MOSAIC_SEEDS", "/work/shared/corpus/seeds"))
    args = ap.parse_args()
    nlp = spacy.load(args.model)
    ner_only = spacy.load(args.model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
    os.makedirs(OUT_DIR, exist_ok=True)
    items = [("text_%02d" % i, t) for i, t in enumerate(TEXTS)]
    seed_paths = {}
    for path in sorted(glob.glob(os.path.join(args.seeds, "*.txt"))):
        name = "seed_" + os.path.basename(path)[:-4]
        with open(path, encoding="utf-8") as f:
            items.append((name, f.read()))
        seed_paths[name] = "shared/corpus/seeds/" + os.path.basename(path)
    ner_t2v = nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0]
    vectors = {}
    for name, text in items:
        doc = nlp(text)
        fx = doc_to_fixture(text, doc, ner_only(text))
        if name in seed_paths:
            # Shared corpus texts are referenced (path relative to the directory holding the
            # repository and shared/), not copied.
            del fx["text"]
            fx = {"source": seed_paths[name], "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), **fx}
        with open(os.path.join(OUT_DIR, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(fx, f, ensure_ascii=False, separators=(",", ":"))
            f.write("\n")
        if name in VECTOR_TEXTS:
            vectors[name] = {
                "tensor": [[round(float(v), 6) for v in row] for row in doc.tensor],
                "ner_tensor": [[round(float(v), 6) for v in row] for row in ner_t2v.predict([doc])[0]],
            }
    with open(os.path.join(OUT_DIR, "vectors.json"), "w", encoding="utf-8") as f:
        json.dump(vectors, f, separators=(",", ":"))
        f.write("\n")
    print("wrote %d fixtures to %s" % (len(items), os.path.normpath(OUT_DIR)))


if __name__ == "__main__":
    main()
