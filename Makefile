# kinerja-sim — two commands do everything:
#   make lab    set up (first time) and open the curriculum in JupyterLab
#   make test   set up (first time) and run every test
# Set-up is a local virtual environment in .venv with the pinned versions of
# requirements/lock.txt; it is redone only when pyproject.toml, the lock or this file change.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8866
SCENARIO ?= notebooks/scenarios/contoh.yaml

.PHONY: lab test test-slow lint app workshop report datasets bench book lock setup clean help

help:
	@echo "make lab      - siapkan lingkungan dan buka kurikulum di JupyterLab"
	@echo "make test     - siapkan lingkungan dan jalankan semua tes"
	@echo "make test-slow - studi statistik panjang (banyak seed), tidak termasuk make test"
	@echo "make app      - buka latihan peserta sebagai aplikasi (Voila), tanpa kode"
	@echo "make workshop - server lokakarya: aplikasi peserta + dasbor fasilitator (lihat README)"
	@echo "make report SCENARIO=file.yaml - laporan HTML skenario kebijakan"
	@echo "make datasets - buat ulang datasets/ dari generator"
	@echo "make bench    - jalankan benchmark"
	@echo "make book     - kurikulum sebagai situs HTML statis di _build/book (BOOK_DIR=...)"

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt Makefile
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "kinerja-sim needs Python 3.11 or newer (found " + sys.version.split()[0] + ")")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c requirements/lock.txt -e ".[test]"
	# JupyterLab in Bahasa Indonesia by default (language pack jupyterlab-language-pack-id-ID)
	mkdir -p $(VENV)/share/jupyter/lab/settings
	printf '%s\n' '{"@jupyterlab/translation-extension:plugin": {"locale": "id_ID"},' \
		'"@jupyterlab/apputils-extension:notification": {"fetchNews": "false"}}' \
		> $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(STAMP)

# JupyterLab refuses to start as root (common in containers) unless told it may.
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=. $$([ "$$(id -u)" = 0 ] && echo --allow-root) $(LAB_ARGS) \
		notebooks/00_orientasi.ipynb

# The architecture and style first (import contracts of pyproject.toml, ruff), then the tests.
# Notebooks run against a throw-away progress store. The curriculum site (`make book`) is built
# into a temporary folder, removed afterwards; the browser tests (Voila and that site, headless
# Chromium) run on their own, after the rest. The many-seed studies (marker `slow`) run with
# `make test-slow` or `make bench`.
lint: $(STAMP)
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff check --no-cache .
	$(BIN)/ruff format --no-cache --check .

test: lint
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not browser and not slow" --ignore=tests/test_wheel.py tests kinerja_sim
	$(BIN)/python -m pytest -p no:xdist tests/test_wheel.py
	store=$$(mktemp -d)/progress.sqlite && KINERJA_SIM_PROGRESS=$$store \
		$(BIN)/python -m pytest -n 2 --dist loadfile -o addopts="-p no:cacheprovider" --nbval-lax --nbval-current-env notebooks exercises
	dir=$$(mktemp -d) && $(BIN)/python book/build.py --out $$dir/book && \
		KINERJA_SIM_BOOK=$$dir/book $(BIN)/python -m pytest -m browser tests; \
		status=$$?; rm -rf $$dir; exit $$status

# The trainee app on this computer only (127.0.0.1): the same one page as the workshop's
# (its own landing page in Bahasa Indonesia, the six exercises with progress), no password,
# no file list, nothing from the internet (the kit's template). For a room use `make workshop`.
app: $(STAMP)
	JUPYTER_PATH=$(CURDIR)/kinerja_sim/workshop/share $(BIN)/voila --Voila.ip=127.0.0.1 --port=$(PORT) \
		--strip_sources=True --template=kinerja kinerja_sim/workshop/aplikasi.ipynb

# The workshop server for a room: the trainee app (one page, one kernel per trainee) and the
# facilitator's dashboard, both behind a password, one progress store and one workshop code.
# Settings come from the environment (see README "Workshop"); passwords from files, never on
# make's command line (ps shows it, and make passes it on in MAKEFLAGS), e.g.
#   export KINERJA_SIM_WORKSHOP_PASSWORD_FILE=~/sandi-peserta.txt WORKSHOP_IP=0.0.0.0
#   make workshop
workshop: $(STAMP)
	$(BIN)/python -m kinerja_sim.workshop

report: $(STAMP)
	$(BIN)/kinerja-sim report $(SCENARIO)

datasets: $(STAMP)
	$(BIN)/kinerja-sim generate --out datasets/kabupaten

test-slow: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "slow" tests kinerja_sim

bench: test-slow
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# The curriculum (notebooks 00-09) run and built as a static site: read, search and print it
# without running anything (open $(BOOK_DIR)/index.html). Nothing is fetched from another host.
BOOK_DIR ?= _build/book
book: $(STAMP)
	$(BIN)/python book/build.py --out $(BOOK_DIR)

# Regenerate the lock from a fresh resolution (maintainers only).
lock:
	rm -rf /tmp/kinerja-lock && $(PYTHON) -m venv /tmp/kinerja-lock
	/tmp/kinerja-lock/bin/python -m pip install --quiet ".[test]"
	/tmp/kinerja-lock/bin/python -m pip freeze --exclude kinerja-sim > requirements/lock.txt

clean:
	rm -rf $(VENV)
