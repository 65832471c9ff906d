#!/usr/bin/env bash
# Main job: install, then summarise the seed article(s) in seeds/ with the
# offline default method and print the summary. Extra arguments go to
# `summarizer summarize` (e.g. --words 60 --format json).
set -eo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh ""   # no extra (without an argument, this script's own arguments would be its extra)
summarizer summarize seeds/ "$@"
