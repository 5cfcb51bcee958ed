#!/usr/bin/env bash
# All set-up for the test suite on a fresh machine (Python 3.11 + pip), then the whole suite.
# Installs ecokg with its test extras, Debian's Chromium for the browser tests, and runs pytest.
# Virtuoso (SPARQL server tests) is installed and started by the tests' own fixture.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --disable-pip-version-check -q -e ".[test]"
if [ -f scripts/setup-browser.sh ]; then
  bash scripts/setup-browser.sh
fi
set +e
python3 -m pytest "$@"
status=$?
set -e
# pytest exits 5 when it collected no test: that is a failure of the suite, not a pass.
exit $status
