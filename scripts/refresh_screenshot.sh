#!/usr/bin/env bash
# Refresh the README's picture of `drafter serve` (docs/images/serve.png): the browser test
# that types a date into the form saves its screenshot there instead of a temporary folder.
# Needs Debian's chromium and Playwright (pip install -e ".[test]").
set -euo pipefail
cd "$(dirname "$0")/.."
DRAFTER_SCREENSHOT="$PWD/docs/images/serve.png" \
  python -m pytest -q tests/test_web_browser.py -k preview_follows_the_date_as_it_is_typed
