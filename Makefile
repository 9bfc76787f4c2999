# trialex: the two commands of the README, and the benchmarks.
CARGO ?= cargo
## The binary is where cargo builds it: its target directory (CARGO_TARGET_DIR, or a
## target-dir set in cargo's configuration) as `cargo metadata` reports it; `target` when cargo
## cannot say. Exported, so the scripts that make runs use the same binary.
TARGET_DIR := $(or $(shell $(CARGO) metadata --format-version 1 --no-deps --offline 2>/dev/null | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p'),target)
TRIALEX ?= $(TARGET_DIR)/release/trialex
export TRIALEX
OUT := out

.PHONY: run test build bench score fmt lint clean

## Extract every fixture into out/: one JSON file per document and out/fixtures.jsonl for all.
## Exit 1 from trialex means "some documents have errors" (fixtures/pdf holds broken PDFs on
## purpose), so only a crash or a usage error (exit 2) fails this target.
run: build
	@mkdir -p $(OUT)/text
	@$(TRIALEX) extract fixtures --format jsonl -o $(OUT)/fixtures.jsonl --text-out $(OUT)/text --quiet || test $$? -eq 1
	@for f in $$(find fixtures -type f \( -name '*.txt' -o -name '*.md' -o -name '*.pdf' \) | sort); do \
		name=$$(basename "$$f"); \
		$(TRIALEX) extract "$$f" --format json -o "$(OUT)/$$name.json" --quiet || test $$? -eq 1 || exit 1; \
	done
	@echo "trialex: wrote $(OUT)/fixtures.jsonl and one JSON per fixture in $(OUT)/"

build:
	$(CARGO) build --release --locked

## Every test: unit tests beside the code, end-to-end tests and one snapshot per fixture.
test:
	$(CARGO) test --workspace --locked

## Field scores: the seeds against ../shared/gold (when present), fixtures/eval and fixtures/real
## against their gold, and ../shared/real (when present).
score: build
	@if [ -d ../shared/gold ]; then \
		$(TRIALEX) extract fixtures/zh/*.txt --format jsonl --quiet > $(OUT)/seeds.jsonl || test $$? -eq 1; \
		echo "== seeds"; python3 ../shared/eval/score.py ../shared/gold $(OUT)/seeds.jsonl | tail -4; \
		echo "== seed PDFs"; scripts/score_pdfs.sh | grep -E '==|overall'; \
	fi
	@mkdir -p $(OUT)
	@$(TRIALEX) extract fixtures/eval/*.md fixtures/eval/*.txt --format jsonl --quiet > $(OUT)/eval.jsonl || test $$? -eq 1
	@echo "== fixtures/eval"; python3 $${SCORER:-../shared/eval/score.py} fixtures/eval/gold $(OUT)/eval.jsonl | tail -22
	@$(TRIALEX) extract fixtures/real/docs/t*.txt --format jsonl --quiet > $(OUT)/real-tables.jsonl || test $$? -eq 1
	@echo "== fixtures/real review tables"; python3 $${SCORER:-../shared/eval/score.py} fixtures/real/gold $(OUT)/real-tables.jsonl --only-predicted | tail -1
	@$(TRIALEX) extract fixtures/real/docs/s*.txt --format jsonl --quiet > $(OUT)/real-single.jsonl || test $$? -eq 1
	@echo "== fixtures/real one-study documents"; python3 $${SCORER:-../shared/eval/score.py} fixtures/real/gold $(OUT)/real-single.jsonl --only-predicted | tail -1
	@if [ -d ../shared/real/gold ]; then \
		$(TRIALEX) extract ../shared/real/docs/*.txt --format jsonl --quiet > $(OUT)/shared-real.jsonl || test $$? -eq 1; \
		echo "== ../shared/real"; python3 ../shared/eval/score.py ../shared/real/gold $(OUT)/shared-real.jsonl | tail -1; \
	fi

## Speed and memory figures (see BENCHMARKS.md).
bench: build
	scripts/bench.sh
	scripts/bench_pdf.sh

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

clean:
	rm -rf $(OUT)
