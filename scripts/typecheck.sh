#!/usr/bin/env bash
# The type check of `npm test`: `tsc --build` skips a project none of whose own files changed since its last
# check (under a second), but it does not look into node_modules. So after an install (npm rewrites
# node_modules/.package-lock.json) everything is checked again, as a first check in a new clone is.
set -euo pipefail
cd "$(dirname "$0")/.."
installed=node_modules/.package-lock.json
checked=node_modules/.cache/tsc/checked-since-install
force=()
if [ ! -e "$checked" ] || [ "$installed" -nt "$checked" ]; then force=(--force); fi
node_modules/.bin/tsc --build "${force[@]}" tsconfig.json portal/tsconfig.json
mkdir -p "$(dirname "$checked")"
touch "$checked"
