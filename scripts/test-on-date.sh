#!/usr/bin/env bash
# `npm test` and `npm run test:system` with the machine's clock set to another day (libfaketime, Debian package
# faketime), 10:00 in China: the suite must pass on any real date. Monotonic time is left alone so timers and
# timeouts behave.
set -euo pipefail
day=${1:-}
if [[ ! "$day" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
  echo "usage: npm run test:on-date -- YYYY-MM-DD" >&2
  exit 2
fi
if ! command -v faketime >/dev/null 2>&1; then
  echo "faketime is missing: apt-get install faketime" >&2
  exit 2
fi
echo "== npm test and npm run test:system with the machine's date at $day 10:00 (China)"
# An offset from the real clock, fixed once here, rather than "start at": every process then sees the same
# faked time, however late it starts (a service restarted mid-test must agree with the tokens it checks).
offset=$(( $(date -u -d "$day 02:00:00" +%s) - $(date -u +%s) ))
[[ $offset -ge 0 ]] && offset="+$offset"
FAKETIME_DONT_FAKE_MONOTONIC=1 exec faketime -m -f "$offset" bash -c 'npm test && npm run -s test:system'
