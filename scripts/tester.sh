#!/usr/bin/env bash
# Installs what the tests need, then runs them, then the style and type checks.
# Every check runs even when an earlier one fails, so one failure never hides another;
# the exit status is non-zero if any of them failed.
# Extra options go to pytest, for example: bash scripts/tester.sh -k conversation
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/installer.sh --tests || exit $?
failed=()
.venv/bin/python -m pytest "$@" || failed+=("pytest")
.venv/bin/ruff check . || failed+=("ruff check")
.venv/bin/ruff format --check . || failed+=("ruff format")
.venv/bin/mypy || failed+=("mypy")
if ((${#failed[@]})); then
    printf 'Échec : %s\n' "${failed[*]}" >&2
    exit 1
fi
echo "Tout est passé : pytest, ruff, ruff format, mypy."
