#!/usr/bin/env bash
# Regenerates the example sessions in README.md from what the commands really print.
#
#   bash scripts/readme-session.sh           # rewrite README.md in place
#   bash scripts/readme-session.sh --check   # exit 1, with a diff, if README.md has drifted
#
# A session is a ```console block right after a line starting with `<!-- session`. Its `$ …`
# lines are the commands; everything else in the block is output and is replaced. All blocks
# run in order, in one scratch folder holding a copy of examples/ and a fresh store, so later
# blocks see what earlier ones did (the demo's ingest, a correction …). Output is made
# reproducible: the scratch folder's path is shown as `…/`, correction times as
# `YYYY-MM-DD hh:mm`, and tables get their fixed 100-column width (stdout is not a terminal).
#
# The binary is $MOSAIC_BIN, else it is built (`cargo build --release -p mosaic-cli`). The
# spaCy model must be installed (scripts/setup-model.sh): without it the output differs.
# `cargo test -p mosaic-cli --test cli readme` runs the check.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readme="$repo/README.md"
check=0
case "${1:-}" in
  --check) check=1 ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

if [[ -z "${MOSAIC_BIN:-}" ]]; then
  (cd "$repo" && cargo build --release -q -p mosaic-cli)
  MOSAIC_BIN="${CARGO_TARGET_DIR:-$repo/target}/release/mosaic"
fi
if [[ -z "${MOSAIC_MODELS:-}" && -d "$repo/models" ]]; then
  export MOSAIC_MODELS="$repo/models"
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/bin" "$scratch/work"
ln -s "$MOSAIC_BIN" "$scratch/bin/mosaic"
cp -R "$repo/examples" "$scratch/work/examples"
work="$(cd "$scratch/work" && pwd -P)"

# Runs one command line as a user would type it, in the scratch folder, stderr included.
run() {
  (cd "$work" && env -u MOSAIC_DB -u COLUMNS PATH="$scratch/bin:$PATH" bash -c "$1" 2>&1 || true) |
    sed -e "s#$work/#…/#g" -e "s#$scratch/work/#…/#g" \
        -e 's#[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\} [0-9]\{2\}:[0-9]\{2\}#YYYY-MM-DD hh:mm#g'
}

out="$scratch/README.md"
state=text # text → marker → block
while IFS= read -r line || [[ -n "$line" ]]; do
  case "$state" in
    text)
      printf '%s\n' "$line" >>"$out"
      [[ "$line" == "<!-- session"* ]] && state=marker
      ;;
    marker)
      printf '%s\n' "$line" >>"$out"
      if [[ "$line" != '```console' ]]; then
        echo "README.md: a \`<!-- session\` line must be followed by \`\`\`console" >&2
        exit 2
      fi
      state=block
      ;;
    block)
      if [[ "$line" == '```' ]]; then
        printf '%s\n' "$line" >>"$out"
        state=text
      elif [[ "$line" == '$ '* ]]; then
        printf '%s\n' "$line" >>"$out"
        run "${line#\$ }" >>"$out"
      fi
      ;;
  esac
done <"$readme"

if [[ "$state" != text ]]; then
  echo "README.md: a session block is not closed" >&2
  exit 2
fi
if ((check)); then
  if ! diff -u "$readme" "$out"; then
    echo "README.md's sessions differ from what the commands print; regenerate them with: bash scripts/readme-session.sh" >&2
    exit 1
  fi
else
  cp "$out" "$readme"
fi
