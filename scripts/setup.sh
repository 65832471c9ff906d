#!/usr/bin/env bash
# Create (or reuse) a virtual environment and install the package into it.
# torch is pinned first to the CPU build so that the library's own range
# (torch>=2.6) does not pull a multi-GB CUDA build.
# Usage: source scripts/setup.sh [extra]     e.g. `source scripts/setup.sh test`
set -eo pipefail
if [ -z "${VIRTUAL_ENV:-}" ]; then
  [ -d .venv ] || python3 -m venv .venv
  # shellcheck disable=SC1091
  . .venv/bin/activate
fi
python -m pip install -q --upgrade pip
python -m pip install -q "torch==2.13.0"
if [ -n "${1:-}" ]; then
  python -m pip install -q -e ".[$1]"
else
  python -m pip install -q -e .
fi
