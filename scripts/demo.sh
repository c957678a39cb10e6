#!/usr/bin/env bash
# The run command (README): installs the spaCy model if it is missing, builds Mosaic, and runs
# `mosaic demo`, which ingests examples/ into ./mosaic.db and shows what it found.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! bash scripts/setup-model.sh; then
    echo "demo.sh: the spaCy model could not be installed; Mosaic runs on its rules alone" >&2
fi
exec cargo run --release --quiet -p mosaic-cli -- demo "$@"
