#!/usr/bin/env bash
# Set up argmap with its development tools, then run lint (ruff), types (mypy --strict),
# the docs site build (mkdocs --strict) and the whole test suite (pytest).  Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
echo "== ruff"
.venv/bin/ruff check src tests benchmarks
echo "== mypy --strict"
.venv/bin/mypy
echo "== mkdocs build --strict (the docs site, into a temporary folder)"
site="$(mktemp -d)"
NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict --quiet --site-dir "$site"
rm -rf "$site"
echo "== pytest"
.venv/bin/python -m pytest "$@"
