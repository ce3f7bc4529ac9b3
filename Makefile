# Two commands on a fresh machine:
#   make run    set everything up and serve the site on 127.0.0.1:$(PORT) (development server)
#   make test   the whole test suite on SQLite, then on PostgreSQL when one answers
# and, for the production stack on this machine:
#   make serve  the same setup, then gunicorn with DEBUG off and WhiteNoise (scripts/serve.sh)
# SQLite (var/db.sqlite3) unless DATABASE_URL says otherwise.

PYTHON ?= python3
PORT ?= 8000
YEAR ?= 2024
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# The settings turn DEBUG off unless told otherwise; the development targets say so.
MANAGE := DEBUG=1 $(PY) manage.py
# The requirements are installed again only when requirements.txt is newer than this stamp.
STAMP := $(VENV)/.requirements-installed
AXE := node_modules/axe-core/axe.min.js

.PHONY: run serve setup test venv system-packages system-packages-test migrate load demo clean-db help

help:
	@echo "make run       설정 후 개발 서버와 작업 처리기 실행 (http://127.0.0.1:$(PORT)/, PORT=로 변경)"
	@echo "make serve     같은 설정 후 운영 구성으로 실행: gunicorn, DEBUG 꺼짐, 정적 파일(WhiteNoise), 127.0.0.1:$(PORT)"
	@echo "make setup     서버 없이 설정만: 가상환경, 패키지, migrate, load_report $(YEAR), setup_demo"
	@echo "make test      전체 테스트: SQLite, 그리고 PostgreSQL이 응답하면 PostgreSQL에서도"
	@echo "make clean-db  로컬 SQLite 데이터베이스(var/db.sqlite3) 삭제"

# The task worker beside the development server (publishing, draft PDFs after a change and large
# imports run there; it reloads on code changes as runserver does); both stop together.
run: setup
	@$(MANAGE) task_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

serve: setup
	@PORT=$(PORT) scripts/serve.sh

setup: venv system-packages migrate load demo

venv: $(STAMP)

$(STAMP): requirements.txt
	@test -x $(PIP) || $(PYTHON) -m venv $(VENV) || { \
		rm -rf $(VENV); \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "python3-venv를 설치합니다."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
		else false; fi; } || { \
		echo "가상환경을 만들 수 없습니다. Debian에서는: apt-get install -y python3-venv"; exit 1; }
	$(PIP) install --disable-pip-version-check -q -r requirements.txt
	@touch $(STAMP)

system-packages:
	@scripts/system_packages.sh

system-packages-test:
	@scripts/system_packages.sh --browser

migrate: venv
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

# load_report refuses a year that is already there; ask first so that setup can be re-run.
load: migrate
	@if $(MANAGE) shell -v 0 -c "import sys; from reports.models import ReportEdition; sys.exit(0 if ReportEdition.objects.filter(year=$(YEAR)).exists() else 1)"; then \
		echo "$(YEAR)년 업무보고는 이미 불러와 있습니다."; \
	else \
		$(MANAGE) load_report $(YEAR); \
	fi

demo: migrate
	$(MANAGE) setup_demo

test: venv system-packages-test $(AXE)
	@scripts/test.sh $(PYTEST_ARGS)

# axe-core, the accessibility checker the browser tests inject into pages (package.json pins it).
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $(AXE); \
	else echo "npm이 없어 axe-core를 설치하지 못했습니다: 접근성 테스트가 실패합니다 (apt-get install npm)"; fi

clean-db:
	@if [ -n "$${DATABASE_URL:-}" ]; then \
		echo "DATABASE_URL이 설정되어 있습니다. 그 데이터베이스는 직접 관리하세요 (var/db.sqlite3만 지웁니다)."; exit 1; \
	fi
	rm -f var/db.sqlite3
	@echo "var/db.sqlite3를 지웠습니다. 'make setup'으로 다시 만듭니다."
