#!/usr/bin/env bash
# Set up argmap with its development tools, then run lint (ruff), types (mypy --strict)
# and the whole test suite (pytest).  Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
echo "== ruff"
.venv/bin/ruff check src tests benchmarks
echo "== mypy --strict"
.venv/bin/mypy
echo "== pytest"
.venv/bin/python -m pytest "$@"
