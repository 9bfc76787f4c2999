#!/usr/bin/env bash
# Benchmarks of trialex (see BENCHMARKS.md): batch throughput with 1 and with all jobs, peak
# memory, the per-stage split, and PDF pages/s beside pdftotext.
#
#   scripts/bench.sh [COPIES]     COPIES of each seed text (default 200 → 600 documents)
#
# Needs a release build (make build) and GNU time (/usr/bin/time); pdftotext (poppler-utils)
# for the PDF comparison, skipped when absent.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-200}
bin=${TRIALEX:-${CARGO_TARGET_DIR:-target}/release/trialex}
work=target/bench
[ -x "$bin" ] || { echo "bench: build first (make build)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
rm -rf "$work" && mkdir -p "$work/corpus" "$work/pdf"

# The text corpus: every seed article copied $copies times.
seeds=(fixtures/zh/*.txt)
for i in $(seq 1 "$copies"); do
  for s in "${seeds[@]}"; do cp "$s" "$work/corpus/$(printf '%04d' "$i")_$(basename "$s")"; done
done
docs=$(find "$work/corpus" -type f | wc -l)
mb=$(du -sb "$work/corpus" | awk '{printf "%.2f", $1/1e6}')
echo "corpus: $docs documents, $mb MB of text"

run() { # jobs → wall seconds, peak KB
  local jobs=$1 out=$work/out.$1.jsonl log=$work/time.$1.log
  /usr/bin/time -v "$bin" extract "$work/corpus" --jobs "$jobs" --quiet --stats -o "$out" 2>"$log" || true
  local lines; lines=$(wc -l <"$out")
  [ "$lines" -eq "$docs" ] || echo "bench: WARNING: $lines output lines for $docs documents" >&2
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$log" | awk -F': ' '{print $2}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident set size' "$log" | awk -F': ' '{print $2}')
  echo "$wall $rss"
  grep 'stats:' "$log" | sed 's/^trialex: stats: /  stages: /' >&2
}

read -r wall1 rss1 < <(run 1)
read -r wall2 rss2 < <(run "$(nproc)")
awk -v d="$docs" -v mb="$mb" -v w1="$wall1" -v w2="$wall2" -v r1="$rss1" -v r2="$rss2" -v n="$(nproc)" 'BEGIN {
  printf "1 job : %6.2f s  %7.1f docs/s  %6.2f MB/s  peak RSS %5.1f MB\n", w1, d/w1, mb/w1, r1/1024
  printf "%d jobs: %6.2f s  %7.1f docs/s  %6.2f MB/s  peak RSS %5.1f MB\n", n, w2, d/w2, mb/w2, r2/1024
  printf "speed-up with %d jobs: %.2fx\n", n, w1/w2
}'

# PDFs: every good fixture PDF copied 20 times, trialex (whole pipeline) beside pdftotext.
good=()
for f in fixtures/pdf/*.pdf; do
  case "$(basename "$f")" in encrypted.pdf|truncated.pdf|not_a_pdf.pdf|scanned_no_text.pdf) ;; *) good+=("$f") ;; esac
done
if [ ${#good[@]} -gt 0 ]; then
  for i in $(seq 1 20); do for f in "${good[@]}"; do cp "$f" "$work/pdf/${i}_$(basename "$f")"; done; done
  pages=$("$bin" extract "$work/pdf" --format jsonl --quiet | python3 -c 'import sys,json; print(sum((json.loads(l)["document"]["pages"] or 0) for l in sys.stdin))')
  start=$(date +%s.%N); "$bin" extract "$work/pdf" --jobs 1 --quiet -o /dev/null || true; end=$(date +%s.%N)
  awk -v p="$pages" -v s="$start" -v e="$end" 'BEGIN { printf "PDF, trialex whole pipeline, 1 job: %d pages in %.2f s = %.1f pages/s\n", p, e-s, p/(e-s) }'
  if command -v pdftotext >/dev/null; then
    start=$(date +%s.%N); for f in "$work"/pdf/*.pdf; do pdftotext -q "$f" /dev/null || true; done; end=$(date +%s.%N)
    awk -v p="$pages" -v s="$start" -v e="$end" 'BEGIN { printf "PDF, pdftotext (one process per file):  %d pages in %.2f s = %.1f pages/s\n", p, e-s, p/(e-s) }'
  else
    echo "PDF: pdftotext not installed (apt-get install poppler-utils); comparison skipped"
  fi
fi
