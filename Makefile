# Throughline — two commands: `make run` opens the app on the demo portfolio,
# `make test` runs every check CI runs. Both install what is missing first.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

export CGO_ENABLED := 1
export GOFLAGS := -buildvcs=false
# desktop,production: the Wails production build; webkit2_41: link
# WebKitGTK 4.1 and get the full asset server (POST, headers, status codes).
# Vet, test and build share the tags so cgo packages compile once.
TAGS    := desktop,production,webkit2_41
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/throughline/throughline/backend.Version=$(VERSION)
BIN     := build/bin
ART     := build/ci

FRONTEND_SRC := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/package.json -type f 2>/dev/null)
GO_SRC       := $(shell find . -name '*.go' -not -path './frontend/node_modules/*' -not -path './e2e/node_modules/*') $(shell find backend -name '*.sql') go.mod go.sum

# staticcheck, pinned; `go run` fetches it through the module proxy once and caches it.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.7.0

.PHONY: help deps frontend build run test test-go test-frontend test-e2e test-desktop bench lint clean

help:
	@echo "make run    build and open Throughline on the demo portfolio"
	@echo "make test   vet, unit tests (-race), frontend checks, browser e2e, desktop smoke"
	@echo "make bench  benchmarks (demo generation, overview computation)"
	@echo "make build  build $(BIN)/throughline-desktop and $(BIN)/throughline"

deps:
	@.ci/deps.sh

# go:embed needs at least one file in frontend/dist, and Vite empties it.
frontend/dist/.gitkeep:
	@mkdir -p frontend/dist && touch $@

frontend/dist/index.html: $(FRONTEND_SRC) frontend/node_modules/.package-lock.json
	npm run --prefix frontend build
	@touch frontend/dist/.gitkeep

frontend: deps frontend/dist/index.html

$(BIN)/throughline-desktop: frontend/dist/index.html $(GO_SRC)
	go build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $@ .

$(BIN)/throughline: frontend/dist/index.html $(GO_SRC)
	go build -ldflags "$(LDFLAGS)" -o $@ ./cmd/throughline

build: deps frontend $(BIN)/throughline-desktop $(BIN)/throughline

run: build
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  $(BIN)/throughline-desktop; \
	else \
	  echo "No display (DISPLAY is unset): running the window under Xvfb and saving a screenshot to $(ART)/run.png"; \
	  mkdir -p $(ART); \
	  ART=$(ART) e2e/desktop-smoke.sh $(BIN)/throughline-desktop run; \
	fi

test: deps frontend/dist/.gitkeep
	@mkdir -p $(ART)
	$(MAKE) --no-print-directory test-frontend
	$(MAKE) --no-print-directory build
	$(MAKE) --no-print-directory test-go
	$(MAKE) --no-print-directory test-e2e
	$(MAKE) --no-print-directory test-desktop
	@echo "make test: all checks passed"

test-go: frontend/dist/.gitkeep
	go vet -tags $(TAGS) ./...
	go run $(STATICCHECK) -tags $(TAGS) ./...
	go test -race -count=1 -tags $(TAGS) ./... 2>&1 | tee $(ART)/go-test.log

test-frontend: deps
	npm run --prefix frontend check
	npm run --prefix frontend test

test-e2e: $(BIN)/throughline
	THROUGHLINE_BIN=$(abspath $(BIN)/throughline) ART=$(abspath $(ART)) npm test --prefix e2e

test-desktop: $(BIN)/throughline-desktop
	ART=$(ART) e2e/desktop-smoke.sh $(BIN)/throughline-desktop test

lint: frontend/dist/.gitkeep
	go vet -tags $(TAGS) ./...
	go run $(STATICCHECK) -tags $(TAGS) ./...

bench: frontend/dist/.gitkeep
	go test -run '^$$' -bench . -benchmem -tags $(TAGS) ./backend/...

clean:
	rm -rf $(BIN) $(ART) frontend/dist
