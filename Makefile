# newsfacts: the commands a newcomer needs. Each target installs what it is missing.
# A Python 3.12 (else 3.13) on the PATH or under pyenv: the medium spaCy model needs
# 3.12+. Else python3, with the small model.
PYTHON ?= $(shell for p in python3.12 python3.13 \
	$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.12*/bin/python3 \
	         $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.13*/bin/python3 2>/dev/null); \
	do $$p -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null && echo $$p && break; \
	done | head -n 1 | grep . || echo python3)
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= newsfacts.db
PORT   ?= 8001
SHARED ?= ../shared
# Installed once per change of pyproject.toml.
STAMP  := $(VENV)/.installed

.PHONY: install test lint run eval train gold-draw gold-draw-claims bench screenshots clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -e ".[dev,cluster]"
	@touch $(STAMP)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/cog --check -r README.md docs/*.md

run: install
	$(BIN)/newsfacts ingest fixtures/articles/ --db $(DB)
	$(BIN)/newsfacts serve --db $(DB) --port $(PORT)

# Each set whole, tune part and held-out third (newsfacts/split.py); the stream sample apart;
# then company merges, and how one-word company names the model misreads fare (name_probe).
eval: install
	$(BIN)/newsfacts eval $(SHARED)/gold/reuters-dev.jsonl fixtures/gold-reuters-train.jsonl \
		fixtures/gold-reuters-train2.jsonl fixtures/gold.jsonl fixtures/gold-hard.jsonl \
		fixtures/gold-fresh.jsonl fixtures/gold-fresh2.jsonl \
		--stream fixtures/gold-reuters-stream.jsonl --stream fixtures/gold-reuters-stream-claims.jsonl \
		--corpus $(SHARED)/corpora/reuters21578 --rules-alone --json eval-scorecard.json
	$(BIN)/newsfacts eval-deals fixtures/gold-deals-reuters-train.jsonl \
		--corpus $(SHARED)/corpora/reuters21578 --json eval-deals-scorecard.json
	$(BIN)/python bench/name_probe.py --json eval-name-probe.json

# Redraw the articles of the train2 and stream gold (seed 13); the file must not change.
gold-draw: install
	$(BIN)/python bench/draw_gold.py --corpus $(SHARED)/corpora/reuters21578

# Redraw the 100 claims of the claim-drawn stream sample (runs the model over eight files);
# with the extractor version recorded in fixtures/gold-draw-claims.json the file must not change.
gold-draw-claims: install
	$(BIN)/python bench/draw_gold.py --claims-stream --corpus $(SHARED)/corpora/reuters21578

# Fit the learned side ranker (extract/sides.py) on the tune part of the gold sets; writes
# extract/rules/sides.json. Deterministic: with the same rules and gold the file must not change.
train: install
	$(BIN)/python -m newsfacts.train --shared $(SHARED)

bench: install
	$(BIN)/python bench/throughput.py --corpus $(SHARED)/corpora/reuters21578
	$(BIN)/python bench/scaling.py

# Needs Debian's chromium (apt-get install chromium).
screenshots: install
	$(BIN)/python docs/screenshots/take.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info $(DB) $(DB)-wal $(DB)-shm
