#!/usr/bin/env bash
# Reference tools the benchmarks compare with, outside argmap's own dependencies:
# the Argdown CLI (from the npm registry, into benchmarks/.node/) and python-sat (already
# an argmap dependency).  Run once after `bash scripts/setup.sh --dev`:
#   bash benchmarks/setup.sh   (idempotent; the benchmark scripts call it themselves)
# Then the Argdown CLI is benchmarks/.node/node_modules/.bin/argdown.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "benchmarks/setup.sh: npm is missing (apt-get install nodejs npm)" >&2
  exit 2
fi
if [ ! -x .node/node_modules/.bin/argdown ]; then
  mkdir -p .node
  npm install --silent --no-audit --no-fund --prefix .node @argdown/cli@1.7.5 >/dev/null  # 2.0.0 names a dependency version that was never published
fi
echo "benchmarks/setup.sh: Argdown CLI $(.node/node_modules/.bin/argdown --version 2>/dev/null | tail -n 1)"
