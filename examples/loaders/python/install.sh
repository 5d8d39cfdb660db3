#!/usr/bin/env bash
# Installs the pinned redis-py of the example loaders into examples/loaders/python/.deps, once:
# a second run finds it there and does nothing. Needs python3 with pip (Debian: python3-pip).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
want=$(sed -n 's/^redis==\([0-9.]*\).*/\1/p' "$here/requirements.txt")
have=$(PYTHONPATH="$here/.deps" python3 -c 'import redis; print(redis.__version__)' 2>/dev/null || true)
if [ "$have" = "$want" ]; then
  echo "redis-py $want already in $here/.deps"
  exit 0
fi
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --require-hashes --no-deps --upgrade \
  --target "$here/.deps" -r "$here/requirements.txt"
echo "installed redis-py $want into $here/.deps"
