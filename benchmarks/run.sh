#!/usr/bin/env bash
# Every benchmark, one after the other, with its default sizes; each prints medians.
#   bash benchmarks/run.sh            (after bash scripts/setup.sh --dev)
# The figures quoted in docs/benchmarks.md come from this command.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
bash benchmarks/setup.sh   # the reference tools (the Argdown CLI) the comparisons need
for name in load check render convert af evaluate argdown report grade batch serve; do
  echo "=== benchmarks/bench_$name.py"
  "$py" "benchmarks/bench_$name.py"
  echo
done
echo "=== benchmarks/lsp_latency.py"
"$py" benchmarks/lsp_latency.py
