#!/usr/bin/env bash
# Build the wheel and sdist, check them with twine, install the wheel into a clean virtual
# environment (no dev tools, no editable install) and run the CLI from there, outside the
# source tree.  What a user gets from `pip install argmap-*.whl`.  Needs the dev tools
# (bash scripts/setup.sh --dev).  Leaves nothing behind; `--keep DIR` keeps dist/ and venv/
# in DIR instead.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

if [ "${1:-}" = "--keep" ] && [ -n "${2:-}" ]; then
  work=$(mkdir -p "$2" && cd "$2" && pwd)
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

echo "== build (wheel and sdist)"
.venv/bin/python -m build --outdir "$work/dist" . >"$work/build.log" 2>&1 \
  || { grep -v 'is ignored' "$work/build.log" >&2; exit 1; }
echo "== twine check"
.venv/bin/python -m twine check --strict "$work"/dist/*

echo "== install the wheel into a clean venv"
rm -rf "$work/venv"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$work"/dist/*.whl \
  2>&1 | grep -v 'is ignored' >&2 || true
"$work/venv/bin/python" -m pip check >/dev/null

echo "== run argmap from the wheel"
argmap="$work/venv/bin/argmap"
map="$root/examples/one-threat.argmap.yaml"
out="$work/out"
mkdir -p "$out"
cd "$out"  # not the source tree: nothing may come from src/
set -x
"$argmap" --version
"$work/venv/bin/python" -c 'import argmap, sys; print(argmap.__version__, argmap.__file__)'
"$argmap" validate "$map"
"$argmap" check "$map" >/dev/null
"$argmap" evaluate "$map" >/dev/null
"$argmap" evaluate "$map" --semantics preferred >/dev/null  # python-sat from the wheel's deps
printf 'p af 2\n1 2\n' >x.af
answer=$("$argmap" solve -p DC-CO -f x.af -a 1)
test "${answer%%$'\n'*}" = YES  # then the witness line
"$argmap" render "$map" -o x.dot
"$argmap" convert "$map" -o x.aif.json
"$argmap" convert "$map" -o x.argdown 2>/dev/null  # export-loss warnings, exit 0
"$argmap" schema >/dev/null
set +x
test -s x.dot && test -s x.aif.json && test -s x.argdown
case "$("$work/venv/bin/python" -c 'import argmap; print(argmap.__file__)')" in
  "$work"/venv/*) ;;
  *) echo "check-wheel: argmap was not imported from the installed wheel" >&2; exit 1 ;;
esac
echo "check-wheel: the wheel installs and runs ($("$argmap" --version))"
