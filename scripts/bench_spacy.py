#!/usr/bin/env python3
"""Measures real spaCy (en_core_web_sm 3.8.0) on the seed articles the same way as
crates/mosaic-nlp/benches/throughput.rs: single thread, words = whitespace-separated chunks,
one warm-up pass, then whole passes (throughput of the fastest pass and the mean, per CPU
second of the thread, and per wall second) over the docs for at least BENCH_SECONDS (default 5),
peak RSS per mode (each mode in its own process).

Modes: full = the whole pipeline (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner),
       ner  = tokenizer + ner only (the NER has its own embedding layer).
Usage: python3 scripts/bench_spacy.py [--model PATH] [--mode full|ner]
"""
import argparse
import glob
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_MODEL = os.path.join(HERE, "..", "models", "en_core_web_sm-3.8.0")


def run(mode, model, seeds, secs):
    # Pin every numeric library to one thread before numpy is imported.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
        os.environ[var] = "1"
    import spacy

    texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(os.path.join(seeds, "*.txt")))]
    if not texts:
        sys.exit("no seed texts in " + seeds)
    t0 = time.perf_counter()
    if mode == "ner":
        nlp = spacy.load(model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    else:
        nlp = spacy.load(model)
    load_s = time.perf_counter() - t0
    words_per_pass = sum(len(t.split()) for t in texts)
    for t in texts:
        nlp(t)
    start = time.perf_counter()
    cpu0 = time.thread_time()
    words = passes = 0
    best_pass = float("inf")
    while passes == 0 or time.perf_counter() - start < secs:
        p0 = time.thread_time()
        for t in texts:
            nlp(t)
        best_pass = min(best_pass, time.thread_time() - p0)
        words += words_per_pass
        passes += 1
    el = time.perf_counter() - start
    cpu = time.thread_time() - cpu0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(
        "spaCy %s %-4s: %8.0f words/s best pass, %8.0f mean (CPU time), %8.0f wall  (%d words, %d passes over %d docs, %.2fs; load %.2fs; peak RSS %.0f MiB; pipes %s)"
        % (spacy.__version__, mode, words_per_pass / best_pass, words / cpu, words / el, words, passes, len(texts), el, load_s, rss, ",".join(nlp.pipe_names))
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=os.environ.get("MOSAIC_SPACY_MODEL", DEFAULT_MODEL))
    ap.add_argument("--seeds", default=os.environ.get("MOSAIC_SEEDS", "/work/shared/corpus/seeds"))
    ap.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_SECONDS", "5")))
    ap.add_argument("--mode", choices=["full", "ner"])
    args = ap.parse_args()
    if args.mode:
        run(args.mode, args.model, args.seeds, args.seconds)
        return
    for mode in ("full", "ner"):
        subprocess.run(
            [sys.executable, __file__, "--mode", mode, "--model", args.model, "--seeds", args.seeds,
             "--seconds", str(args.seconds)],
            check=True,
        )


if __name__ == "__main__":
    main()
