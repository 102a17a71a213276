# Practice Hub — the two commands a newcomer needs are `make site` and `make test`.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
# The engine that builds the site: mkdocs (default) or properdocs, its maintained drop-in fork.
ENGINE ?= mkdocs
ifeq ($(filter $(ENGINE),mkdocs properdocs),)
$(error ENGINE must be mkdocs or properdocs, not "$(ENGINE)")
endif
export PRACTICE_HUB_ENGINE := $(ENGINE)

.PHONY: site test serve check-calendar publish bench clean install

$(BIN)/mkdocs: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --quiet --upgrade pip
	$(BIN)/pip install --quiet --quiet -e '.[test]'
	touch $@

install: $(BIN)/mkdocs

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## make site: install everything and build the site into site/ (strict: any warning fails; a failed
## build leaves the earlier site/ as it was)
site: install
	scripts/system-deps.sh site
	$(BIN)/practice-hub build

## make test: install everything (Python, npm, Debian chromium) and run the whole test suite
test: install node_modules/.package-lock.json
	scripts/system-deps.sh test
	$(BIN)/pytest

## make serve: live preview on http://127.0.0.1:8000 (drafts shown, marked as drafts)
serve: install
	$(BIN)/$(ENGINE) serve -f mkdocs.yml

## make check-calendar: check the training calendars without building the site
check-calendar: install
	$(BIN)/practice-hub check-calendar

## make publish TARGET=/path/to/live: validate, build, and swap in atomically
## (more options through ARGS, e.g. make publish TARGET=/srv/hub ARGS="--yes --keep 8")
publish: install
	@test -n "$(TARGET)" || { echo "Say where to publish, e.g. make publish TARGET=/srv/intranet/practice-hub"; exit 1; }
	scripts/system-deps.sh site
	$(BIN)/practice-hub publish $(TARGET) $(ARGS)

## make bench: our build against plain Material (small and large sites), the preview edit-to-view time and the training section at 5,000 and 50,000 sessions
bench: install
	scripts/system-deps.sh site
	$(BIN)/python bench/run.py

clean:
	rm -rf site bench/out
