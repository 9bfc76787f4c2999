#!/usr/bin/env bash
# Times the trialex-pdf front end (release build of the `pdftext` example) against poppler's
# pdftotext on the fixture PDFs and prints pages per second for both, with the ratios of wall
# time and of CPU time (user + system; the front end reads a document's pages in parallel).
# Usage: scripts/bench_pdf.sh [RUNS]   (needs hyperfine, pdftotext and pdfinfo)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
cargo build -q --release -p trialex-pdf --example pdftext
ours="$CARGO_TARGET_DIR/release/examples/pdftext"
for tool in pdftotext pdfinfo; do
    command -v "$tool" >/dev/null || { echo "$tool not found (apt-get install poppler-utils)" >&2; exit 1; }
done
command -v hyperfine >/dev/null || { echo "hyperfine not found (apt-get install hyperfine)" >&2; exit 1; }

# Prints "WALL CPU": mean seconds per run of the command (hyperfine measures both; a plain
# timing loop could not tell CPU time, so it is not offered).
measure() {
    local json
    json="$(mktemp)"
    hyperfine -N --warmup 3 --runs "$runs" --export-json "$json" "$*" >/dev/null 2>&1
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["mean"], r["user"] + r["system"])' "$json"
    rm -f "$json"
}

rows="$(mktemp)"
for pdf in fixtures/pdf/*.pdf fixtures/pdf/synthetic/*.pdf; do
    pages="$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}' || true)"
    [ -n "$pages" ] || continue                     # broken fixtures have no page count
    "$ours" "$pdf" >/dev/null 2>&1 || continue      # nor do scanned or encrypted ones give text
    echo "$(basename "$pdf") $pages $(measure "$ours" "$pdf") $(measure pdftotext "$pdf" -)" >>"$rows"
done
python3 - "$rows" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
print(f"{'file':28s} {'pages':>5s} {'ours ms':>9s} {'poppler ms':>10s} {'ours p/s':>9s} {'poppler p/s':>11s} {'wall x':>7s} {'cpu x':>6s}")
total = [0, 0.0, 0.0, 0.0, 0.0]
for name, pages, wo, co, wt, ct in rows:
    pages, wo, co, wt, ct = int(pages), float(wo), float(co), float(wt), float(ct)
    print(f"{name:28s} {pages:5d} {wo*1e3:9.1f} {wt*1e3:10.1f} {pages/wo:9.1f} {pages/wt:11.1f} {wo/wt:7.2f} {co/ct:6.2f}")
    total = [total[0] + pages, total[1] + wo, total[2] + co, total[3] + wt, total[4] + ct]
p, wo, co, wt, ct = total
if p:
    print(f"{'all':28s} {p:5d} {wo*1e3:9.1f} {wt*1e3:10.1f} {p/wo:9.1f} {p/wt:11.1f} {wo/wt:7.2f} {co/ct:6.2f}")
PY
rm -f "$rows"
