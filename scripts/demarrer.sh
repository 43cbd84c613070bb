#!/usr/bin/env bash
# Installs what is missing, then starts Mémo vocal. Extra options go to memo-vocal.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installer.sh
exec .venv/bin/memo-vocal "$@"
