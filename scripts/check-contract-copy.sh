#!/usr/bin/env bash
# An extra CI step (not part of `make test`): Kring's copy of the rules contract
# (kring/rules/tests/contract/: v1 and v2) must equal the upstream contract when that is present
# beside the repository (../shared/rules: examples and examples-v2), and the upstream checker must
# pass on Kring's engine for both.
# A user's clone has no upstream folder: then there is nothing to compare and the step says so.
set -euo pipefail
cd "$(dirname "$0")/.."
UPSTREAM="${KRING_CONTRACT_UPSTREAM:-../shared/rules}"
COPY=kring/rules/tests/contract
if [ ! -d "$UPSTREAM" ]; then
  echo "== contract copy: no upstream contract at $UPSTREAM; nothing to compare"
  exit 0
fi
echo "== contract copy: comparing $COPY with $UPSTREAM"
diff -r "$UPSTREAM/examples" "$COPY/v1"
diff -r "$UPSTREAM/examples-v2" "$COPY/v2"
diff "$UPSTREAM/check.py" "$COPY/check.py"
python3 "$UPSTREAM/check.py" --cmd ".venv/bin/kring rules assess" "$UPSTREAM/examples" "$UPSTREAM/examples-v2"
