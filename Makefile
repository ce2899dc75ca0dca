# Regional Peer Learning Platform: every routine task is a make target.
# `make run` and `make test` work on a fresh Debian machine with Python 3.11 (as root
# they also install the system packages they need).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
SYSTEM_PACKAGES := redis-server postgresql gettext fonts-thai-tlwg chromium poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
	nodejs default-jre-headless
# The page checkers of tests/a11y (axe-core, the Nu HTML Checker), pinned by its package-lock.json.
CHECKERS := tests/a11y/node
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup system venv checkers messages migrate demo run test test-unit test-integration lint format worker beat followups bench clean

## setup: everything the app needs, idempotent
setup: system venv checkers messages

# npm is asked for only when missing: Debian's nodejs comes without it, while NodeSource's
# nodejs bundles it and conflicts with Debian's npm package.
system:
	@missing=""; \
	for pkg in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; done; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "Please install these Debian packages (as root):$$missing"; \
	  fi; \
	fi

$(PY):
	$(PYTHON) -m venv $(VENV) || { [ "$$(id -u)" = "0" ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); }

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install -q --upgrade "pip>=25.1"
	$(PIP) install -q --group dev
	touch $@

venv: $(VENV)/.installed

## checkers: axe-core and vnu-jar from npm for the accessibility and HTML checks
$(CHECKERS)/node_modules/.package-lock.json: $(CHECKERS)/package-lock.json
	npm ci --prefix $(CHECKERS) --no-audit --no-fund --loglevel=error
	touch $@

checkers: system $(CHECKERS)/node_modules/.package-lock.json

## messages: compile translations (locale/ and each app's own)
messages: venv
	@DEBUG=1 $(MANAGE) compilemessages --ignore=.venv --ignore=var -v 0

## messages-update: collect new UI strings into the .po files for translation
messages-update: venv
	DEBUG=1 $(MANAGE) update_messages

migrate: setup
	DEBUG=1 $(MANAGE) migrate --noinput -v 0

demo: migrate
	DEBUG=1 $(MANAGE) seed_demo

## run: the app on http://127.0.0.1:8000 with SQLite, in-process Celery, e-mail under var/mail/
run: demo
	@DEBUG=1 $(MANAGE) demo_logins
	DEBUG=1 $(MANAGE) runserver 127.0.0.1:8000

## test: the whole suite: SQLite first, then real PostgreSQL + Redis + Celery worker
test: setup
	$(PY) -m pytest -m "not integration" -q
	$(PY) -m pytest -m integration -q

test-unit: setup
	$(PY) -m pytest -m "not integration and not browser" -q

test-integration: setup
	$(PY) -m pytest -m integration -q

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## worker / beat: against the broker in CELERY_BROKER_URL
worker: setup
	$(VENV)/bin/celery -A platform_site worker -l info --concurrency=$${CELERY_CONCURRENCY:-4}

beat: setup
	$(VENV)/bin/celery -A platform_site beat -l info --schedule=var/celerybeat-schedule

## followups: run the between-meetings follow-up schedule now
followups: migrate
	DEBUG=1 $(MANAGE) run_followups

## bench: figures for pages, queries, the five-year PDF and pack delivery
bench: setup
	$(PY) bench/run.py

clean:
	rm -rf var/db.sqlite3 var/db.sqlite3-wal var/db.sqlite3-shm var/mail var/media var/static
