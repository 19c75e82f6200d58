#!/usr/bin/env bash
# A new user's first command, checked as they would run it: clone Kring into an empty folder with
# nothing beside it, run `make run` there, and wait until Kring answers on 127.0.0.1 with the demo
# region loaded. Part of `make test`. It clones what is committed (HEAD), not uncommitted changes.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "!! fresh-clone check: uncommitted changes are not part of the clone; it checks HEAD" >&2
fi
WORK="$(mktemp -d)"
CLONE="$WORK/kring"
PORT="${KRING_FRESH_PORT:-8765}"
LOG="$WORK/make-run.log"
cleanup() {
  if [ -n "${RUN_PID:-}" ]; then kill -- "-$RUN_PID" 2>/dev/null || true; wait "$RUN_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

git clone -q . "$CLONE"
test ! -e "$WORK/shared" # nothing beside the clone
echo "== fresh clone in $CLONE: make run (ADDR=127.0.0.1:$PORT)"
# setsid: make and the server it starts get their own process group, so cleanup stops all of them.
env -u DATABASE_URL -u DJANGO_SETTINGS_MODULE -u KRING_REFERENCE_DIR -u PYTHONPATH \
  setsid make -C "$CLONE" run ADDR="127.0.0.1:$PORT" >"$LOG" 2>&1 &
RUN_PID=$!
for _ in $(seq 1 600); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/account/inloggen/" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$RUN_PID" 2>/dev/null; then
    echo "FAILED: make run in a fresh clone stopped before serving:" >&2
    cat "$LOG" >&2
    exit 1
  fi
  sleep 1
done
if ! curl -fsS -o /dev/null "http://127.0.0.1:$PORT/account/inloggen/"; then
  echo "FAILED: Kring did not answer on 127.0.0.1:$PORT within 10 minutes:" >&2
  cat "$LOG" >&2
  exit 1
fi
for expected in "Demoregio geladen" "kring-demo"; do
  if ! grep -q "$expected" "$LOG"; then
    echo "FAILED: the output of make run lacks '$expected':" >&2
    cat "$LOG" >&2
    exit 1
  fi
done
test -x "$CLONE/.venv/bin/kring"
echo "== fresh clone: make run set up .venv, loaded the demo region and served the login page"
