#!/usr/bin/env bash
# Times the trialex-pdf front end (release build of the `pdftext` example) against poppler's
# pdftotext on the fixture PDFs and prints pages per second for both.
# Usage: scripts/bench_pdf.sh [RUNS]   (hyperfine is used when installed, else a timing loop)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/targets/pdf}"
cargo build -q --release -p trialex-pdf --example pdftext
ours="$CARGO_TARGET_DIR/release/examples/pdftext"
command -v pdftotext >/dev/null || { echo "pdftotext not found (apt-get install poppler-utils)" >&2; exit 1; }

# Mean wall time of a command in seconds.
mean_seconds() {
    if command -v hyperfine >/dev/null; then
        local json
        json="$(mktemp)"
        hyperfine -N --warmup 3 --runs "$runs" --export-json "$json" "$*" >/dev/null 2>&1
        python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$json"
        rm -f "$json"
    else
        local start end
        start=$(date +%s%N)
        for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1 || true; done
        end=$(date +%s%N)
        python3 -c "print(($end - $start) / 1e9 / $runs)"
    fi
}

printf '%-30s %5s %12s %12s %10s %10s %7s\n' file pages trialex_ms pdftotext_ms trialex_p/s poppler_p/s ratio
total_pages=0; total_ours=0; total_theirs=0
for pdf in fixtures/pdf/*.pdf; do
    pages="$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}' || true)"
    [ -n "$pages" ] || continue                     # broken fixtures have no page count
    "$ours" "$pdf" >/dev/null 2>&1 || continue      # nor do scanned or encrypted ones give text
    t_ours="$(mean_seconds "$ours" "$pdf")"
    t_theirs="$(mean_seconds pdftotext "$pdf" -)"
    python3 - "$pdf" "$pages" "$t_ours" "$t_theirs" <<'PY'
import sys
name, pages, ours, theirs = sys.argv[1].split('/')[-1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print(f"{name:30s} {pages:5d} {ours*1e3:12.1f} {theirs*1e3:12.1f} {pages/ours:10.1f} {pages/theirs:10.1f} {ours/theirs:7.2f}")
PY
    total_pages=$((total_pages + pages))
    total_ours="$(python3 -c "print($total_ours + $t_ours)")"
    total_theirs="$(python3 -c "print($total_theirs + $t_theirs)")"
done
python3 - "$total_pages" "$total_ours" "$total_theirs" <<'PY'
import sys
pages, ours, theirs = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"{'all':30s} {pages:5d} {ours*1e3:12.1f} {theirs*1e3:12.1f} {pages/ours:10.1f} {pages/theirs:10.1f} {ours/theirs:7.2f}")
PY
