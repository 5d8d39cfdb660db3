#!/usr/bin/env bash
# Installs the pinned packages of the example loaders (requirements.txt: redis-py, and the DB-API
# drivers PyMySQL and psycopg) into examples/loaders/python/.deps, once: a second run finds the same
# requirements installed there (a stamp of requirements.txt's hash) and does nothing. Needs python3
# with pip (Debian: python3-pip).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
deps="$here/.deps"
want=$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)
pins=$(sed -n 's/^\(redis\|pymysql\|psycopg\)==\([0-9.]*\).*/\1 \2/p' "$here/requirements.txt" \
  | sed 's/^redis /redis-py /; s/^pymysql /PyMySQL /' | paste -sd, - | sed 's/,/, /g')
if [ "$(cat "$deps/.requirements.sha256" 2>/dev/null || true)" = "$want" ] \
   && PYTHONPATH="$deps" python3 -c 'import importlib.util as u, sys; sys.exit(not all(map(u.find_spec, ("redis", "pymysql", "psycopg"))))' 2>/dev/null; then
  echo "$pins already in $deps"
  exit 0
fi
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --require-hashes --no-deps --upgrade \
  --target "$deps" -r "$here/requirements.txt"
echo "$want" > "$deps/.requirements.sha256"
echo "installed $pins into $deps"
