#!/usr/bin/env bash
# Scores the typeset PDFs of the seeds against the seeds' gold (issue #6 acceptance): each PDF's
# output is renamed to its seed document so score.py pairs it with that gold file.
#
#   scripts/score_pdfs.sh [GOLD_DIR]    (default ../shared/gold)
set -euo pipefail
cd "$(dirname "$0")/.."
gold=${1:-../shared/gold}
bin=${TRIALEX:-${CARGO_TARGET_DIR:-target}/release/trialex}
[ -x "$bin" ] || { echo "score_pdfs: build first (make build)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
score() { # pdf seed-name
  "$bin" extract "fixtures/pdf/$1" --format jsonl --quiet |
    python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); d["document"]["path"]=sys.argv[1]+".pdf"; print(json.dumps(d,ensure_ascii=False))' "$2" >"$tmp/$1.jsonl"
  echo "== $1 scored as $2"
  python3 ../shared/eval/score.py "$gold/$2.json" "$tmp/$1.jsonl" | tail -8
}
score zh_review_tables.pdf 000_a4877cbd41b23476
score zh_review_tables_1col.pdf 000_a4877cbd41b23476
score zh_web_article.pdf 002_b487e292bb6e83a3
score zh_web_article_type3.pdf 002_b487e292bb6e83a3
