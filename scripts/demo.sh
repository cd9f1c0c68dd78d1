#!/usr/bin/env bash
# Set up argmap, then validate, check and render the seed debate
# (examples/one-threat.argmap.yaml) to out/one-threat.svg and out/one-threat.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
map=examples/one-threat.argmap.yaml
mkdir -p out
set -x
.venv/bin/argmap validate "$map"
.venv/bin/argmap check "$map"
.venv/bin/argmap evaluate "$map"
.venv/bin/argmap render "$map" -o out/one-threat.svg
.venv/bin/argmap render "$map" -o out/one-threat.html
