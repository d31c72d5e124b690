# kinerja-sim — two commands do everything:
#   make lab    set up (first time) and open the curriculum in JupyterLab
#   make test   set up (first time) and run every test
# Set-up is a local virtual environment in .venv with the pinned versions of
# requirements/lock.txt; it is redone only when pyproject.toml or the lock change.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8866
SCENARIO ?= notebooks/scenarios/contoh.yaml

.PHONY: lab test app report datasets bench lock setup clean help

help:
	@echo "make lab      - siapkan lingkungan dan buka kurikulum di JupyterLab"
	@echo "make test     - siapkan lingkungan dan jalankan semua tes"
	@echo "make app      - buka latihan peserta sebagai aplikasi (Voila), tanpa kode"
	@echo "make report SCENARIO=file.yaml - laporan HTML skenario kebijakan"
	@echo "make datasets - buat ulang datasets/ dari generator"
	@echo "make bench    - jalankan benchmark"

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "kinerja-sim needs Python 3.11 or newer (found " + sys.version.split()[0] + ")")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c requirements/lock.txt -e ".[test]"
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=. notebooks/00_orientasi.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile tests kinerja_sim
	$(BIN)/python -m pytest -n 2 --nbval-lax --nbval-current-env -p no:doctest notebooks exercises

app: $(STAMP)
	$(BIN)/voila --port=$(PORT) --no-browser=False --strip_sources=True exercises

report: $(STAMP)
	$(BIN)/kinerja-sim report $(SCENARIO)

datasets: $(STAMP)
	$(BIN)/kinerja-sim generate --out datasets/kabupaten

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Regenerate the lock from a fresh resolution (maintainers only).
lock:
	rm -rf /tmp/kinerja-lock && $(PYTHON) -m venv /tmp/kinerja-lock
	/tmp/kinerja-lock/bin/python -m pip install --quiet ".[test]"
	/tmp/kinerja-lock/bin/python -m pip freeze --exclude kinerja-sim > requirements/lock.txt

clean:
	rm -rf $(VENV)
