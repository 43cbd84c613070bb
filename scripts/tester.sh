#!/usr/bin/env bash
# Installs what the tests need, then runs them, then the style and type checks.
# Extra options go to pytest, for example: bash scripts/tester.sh -k conversation
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installer.sh --tests
.venv/bin/python -m pytest "$@"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
