#!/usr/bin/env bash
# Set up argmap, then validate, check, evaluate and render the seed debate
# (examples/one-threat.argmap.yaml) into out/: the evaluation as text, the diagram as
# SVG and as an HTML page, which the last line points at, and an A3 page to print.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
map=examples/one-threat.argmap.yaml
mkdir -p out
set -x
.venv/bin/argmap validate "$map"
.venv/bin/argmap check "$map"
.venv/bin/argmap evaluate "$map" -o out/one-threat.evaluation.txt
.venv/bin/argmap render "$map" -o out/one-threat.svg
.venv/bin/argmap render "$map" -o out/one-threat.html
.venv/bin/argmap render "$map" -o out/one-threat-a3.pdf --theme print --page A3 --landscape
{ set +x; } 2>/dev/null
echo
echo "Open the map in a browser: file://$PWD/out/one-threat.html"
echo "(which claims stand, and why: out/one-threat.evaluation.txt; to print: out/one-threat-a3.pdf)"
