#!/usr/bin/env bash
# Installs what is missing, then starts Mémo vocal. Extra options go to memo-vocal.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installer.sh
# Ctrl-C is ignored across Python's own start (a few milliseconds); Mémo vocal turns it back
# on as its very first step, so an early Ctrl-C never shows a traceback.
trap '' INT
exec .venv/bin/memo-vocal "$@"
