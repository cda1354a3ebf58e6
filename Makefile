# akscompute task runner: the targets are what CI runs (`.ci/run` calls `make test`).
# `make help` lists them. Every install step is idempotent and skips what is there.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
CARGO ?= cargo

.PHONY: help demo test test-rust check-core-pure lint bench cli

help: ## list the targets
	@grep -hE '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

demo: ## build and serve the create/attach form
	@echo "The browser form arrives with the WASM package (issue #5); until then, try the core:"
	$(CARGO) run -q -p akscompute --example show -- create examples/create.json examples/context.json

test: lint test-rust check-core-pure ## everything CI runs: lint, every test of every language, the purity check

test-rust: ## the Rust tests, the shared vectors among them
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc

check-core-pure: ## fail if the core depends on an FFI, HTTP or async runtime crate
	@bad=$$($(CARGO) tree -p akscompute -e normal --prefix none | grep -E '^(pyo3|wasm-bindgen|serde-wasm-bindgen|js-sys|uniffi|reqwest|tokio|hyper)( |$$)' || true); \
	if [ -n "$$bad" ]; then echo "core/ must stay pure, but depends on:"; echo "$$bad"; exit 1; fi; \
	echo "core is pure: no pyo3, wasm-bindgen, uniffi, reqwest or tokio"

lint: ## formatting and clippy, warnings are errors
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -q -- -D warnings

bench: ## criterion benchmarks of full validations (figures, not pass/fail)
	$(CARGO) bench -p akscompute --bench validate

cli: ## the command line, in target/release/akscompute
	$(CARGO) build --release -p akscompute-cli
	@echo "built target/release/akscompute"
