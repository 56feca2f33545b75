# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
OUT    ?= build/demo

.PHONY: demo test lint bench system-deps clean golden messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

system-deps:
	@bash scripts/system-deps.sh

demo: system-deps $(VENV)/.installed
	$(VENV)/bin/gapcheck validate sample_assessments/
	$(VENV)/bin/gapcheck report sample_assessments/ --format both -o $(OUT)
	@# The brief edition a committee reads (<country>-<checklist>-brief.pdf):
	$(VENV)/bin/gapcheck report sample_assessments/ --edition brief --format pdf -o $(OUT)
	@# Veridia's report above is in French (its `language: fr`); Qaswara's also in Arabic:
	$(VENV)/bin/gapcheck report sample_assessments/qaswara.yaml --language ar --format both --force -o $(OUT)/ar
	$(VENV)/bin/gapcheck compare sample_assessments/ --format html --force -o $(OUT)/comparison-opsc.html
	$(VENV)/bin/gapcheck worksheet --checklist opsc --force -o $(OUT)/opsc-worksheet.pdf
	$(VENV)/bin/gapcheck export --checklist opsc --force -o $(OUT)/opsc-blank.xlsx
	$(VENV)/bin/gapcheck export sample_assessments/quellmoor.yaml --force -o $(OUT)/quellmoor-opsc.xlsx
	@echo "Reports written to $(OUT)/ (open the .html files in a browser, the .pdf files in a PDF reader, the .xlsx workbooks in Excel or LibreOffice)."

test: system-deps $(VENV)/.installed
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check gapcheck tests
	$(VENV)/bin/ruff format --check gapcheck tests
	$(VENV)/bin/mypy

# Regenerate the golden HTML files on purpose, after reviewing the change.
golden: $(VENV)/.installed
	GAPCHECK_UPDATE_GOLDEN=1 $(PY) -m pytest tests/test_golden.py tests/test_golden_text.py tests/test_golden_pages.py -q

bench: system-deps $(VENV)/.installed
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# Extract the report's fixed words (templates/ and gapcheck/pages/) for translators.
# A new language:  $(VENV)/bin/pybabel init -i gapcheck/locale/messages.pot -d gapcheck/locale -l fr
# then translate gapcheck/locale/fr/LC_MESSAGES/messages.po and compile it:
#                  $(VENV)/bin/pybabel compile -d gapcheck/locale
messages: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg -k n_:1,2 --no-location --sort-output \
	  --project gapcheck --copyright-holder "gapcheck contributors" -o gapcheck/locale/messages.pot .
