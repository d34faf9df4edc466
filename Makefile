# Samenleving: the two commands are `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Wheels only: a dependency that has to be built from an sdist fails here, not on a user's machine.
export PIP_ONLY_BINARY := :all:
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format system-deps worker bench clean messages

# Debian packages the app needs: venv, Pango for WeasyPrint, Graphviz (dot) for diagrams,
# poppler for PDF checks, fonts. `make test` adds Chromium for the browser tests.
SYSTEM_PACKAGES := python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core graphviz poppler-utils

system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES) $(EXTRA_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(VENV)/.installed: requirements.txt
	@$(MAKE) --no-print-directory system-deps
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install -q -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py about
	@echo "Samenleving: http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# The suite runs on every core (pytest-xdist; each worker has a test database of its own, a
# test file stays on one worker so its class- and module-wide data are built once).
# `make test PYTEST_PARALLEL=` runs it in one process.
PYTEST_PARALLEL ?= -n auto --dist loadfile
test: $(VENV)/.installed-dev
	@$(MAKE) --no-print-directory system-deps EXTRA_PACKAGES="chromium"
	$(PY) manage.py makemigrations --check --dry-run --settings=samenleving.settings.test
	$(VENV)/bin/pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The workers a broker needs, as in production (README, "Workers"): renders on the queue
# "render" (samenleving/render-worker: one render at a time, nice 10, a fresh process after
# every render, and after one that grew past RENDER_MAX_MEMORY KiB), everything else on
# "default", whose worker also runs beat (the sweeper of stuck renders; its schedule file is
# var/celerybeat-schedule). Ctrl+C stops both; so does either one ending.
RENDER_MAX_MEMORY ?= 512000
CELERY := DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-samenleving.settings.dev} $(VENV)/bin/celery -A samenleving
worker: $(VENV)/.installed
	@test -n "$$CELERY_BROKER_URL" || { echo "Set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/1), here and for 'make run'; without it tasks run in the web process."; exit 1; }
	DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-samenleving.settings.dev} CELERY=$(VENV)/bin/celery RENDER_MAX_MEMORY=$(RENDER_MAX_MEMORY) setsid samenleving/render-worker & render=$$!; \
	$(CELERY) worker -Q default -n default@%h --beat --loglevel=info & default=$$!; \
	trap 'kill $$render $$default 2>/dev/null' EXIT; wait -n

# bench/web.py needs wrk, PostgreSQL (DATABASE_URL) and, for its phase during a render, Redis.
bench: $(VENV)/.installed-dev
	@$(MAKE) --no-print-directory system-deps EXTRA_PACKAGES="wrk"
	$(PY) bench/render.py
	$(PY) bench/bloemlezing.py
	$(PY) bench/meetings.py
	$(PY) bench/plan.py
	$(PY) bench/implementation.py
	$(PY) bench/causal.py
	$(PY) bench/web.py

# The central catalogue (locale/) holds the core's, the documents app's and the consultation
# round's strings; every other step tool keeps its own in processteps/<tool>/locale/.
TOOL_LOCALES := $(patsubst %/locale,%,$(wildcard processteps/*/locale))

messages: $(VENV)/.installed-dev
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=tests --ignore=bench $(foreach app,$(TOOL_LOCALES),--ignore=$(app)/*) --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv $(foreach app,$(TOOL_LOCALES),--ignore=$(app)/*)
	@for app in $(TOOL_LOCALES); do \
	  (cd $$app && $(CURDIR)/$(VENV)/bin/django-admin makemessages -l en --no-obsolete && \
	   $(CURDIR)/$(VENV)/bin/django-admin compilemessages) || exit 1; \
	done

clean:
	rm -rf $(VENV) var/staticfiles .pytest_cache .ruff_cache
