#!/usr/bin/env bash
# The test command (README, and .ci/run): installs the spaCy model if it is missing, then runs every
# test of the workspace in release mode. Without the model the parity tests print a loud SKIPPED line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! bash scripts/setup-model.sh; then
    echo "test.sh: WARNING: the spaCy model could not be installed; NLP parity tests will be SKIPPED" >&2
fi
cargo test --workspace --release
