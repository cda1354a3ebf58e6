# akscompute task runner: the targets are what CI runs (`.ci/run` calls `make test`).
# `make help` lists them. Every install step is idempotent and skips what is there.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
CARGO ?= cargo

.PHONY: setup-pgo python-wheel profile-wasm sdist test-sdist check-tls package-rust test-parity test-npm jvm swift help demo wasm-profile test test-rust check-core-pure lint bench cli wasm setup-wasm setup-web test-wasm test-web bench-wasm setup-python python test-python bench-python setup-uniffi uniffi test-uniffi bench-client bench-cli fuzz fuzz-long generate bench-all test-bench profile

VENV = .venv
PY = $(VENV)/bin/python
# mypy needs pathspec >= 1 and azureml-core pins it below 1: type checks get their own venv.
TYPES_PY = .venv-types/bin/python

# The one version of every package (the workspace's, in Cargo.toml).
VERSION = $(shell sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
WASM_BINDGEN_VERSION = $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/version = "\(.*\)"/\1/p;}' Cargo.lock)
WASM_OUT = target/wasm32-unknown-unknown/wasm-release/akscompute_wasm.wasm
# -Os, and what binaryen may assume of a module that owns its memory (fresh pages are zero, the
# low 1 KiB holds no data: Rust's data starts past the stack), without the producers section.
# Measured on the gzipped lean module: the three flags 0.7 KiB less than -Oz alone, -Os 0.3-0.7 KiB
# less again than -Oz (2.6 KB more before gzip, which is not what is sent); --converge 0.1 KiB
# for 30 s more per module, and opt-level "s" for rustc 15 KiB more, so neither is used.
# -Oz then -Os (the passes run twice, the second after the first's inlining and merging): the
# lean module 0.7 KB gzipped less than -Os alone (121,325 vs 122,000 B; -Os -Oz 121,355,
# -Oz -Oz -Os 121,314, -Os -Os -Os 121,249: a third run buys under 0.1 KB).
WASM_OPT = web/node_modules/.bin/wasm-opt -Oz -Os --low-memory-unused --zero-filled-memory --strip-producers
# The modules' std is built from source by the preinstalled nightly (TOOLCHAIN.md) for size:
# optimize_for_size picks std's smaller code paths and panic=immediate-abort drops the panic
# machinery (its messages and core::fmt paths; on wasm32-unknown-unknown a panic printed nothing
# anyway, it trapped). Measured on the lean module: 20.8 KiB gzipped less than stable's std.
# `make wasm WASM_STD=` builds with stable's prebuilt std instead, and so does a machine without
# a nightly toolchain (the package is then about 20 KiB larger, and the same otherwise).
WASM_NIGHTLY := $(shell rustup toolchain list 2>/dev/null | grep -q '^nightly' && echo yes)
WASM_STD_NIGHTLY = +nightly -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
WASM_STD = $(if $(WASM_NIGHTLY),$(WASM_STD_NIGHTLY))
WASM_STD_FLAGS = $(if $(WASM_STD),-Zunstable-options -Cpanic=immediate-abort)
# std built from source would take the profile's opt-level "z": at 3 (as the prebuilt std is)
# it costs the lean module 0.7 KiB gzipped and wins back the 7-10% of validation time that "z"
# lost (Node, min of 300 rounds: create 30.9 -> 29.3 us, attach 31.2 -> 28.6; compiler_builtins'
# memcmp/memcpy are never inlined by LTO).
WASM_STD_OPT = $(if $(WASM_STD),$(foreach c,core alloc std compiler_builtins,--config 'profile.wasm-release.package.$(c).opt-level=3'))
WASM_BUILD = RUSTFLAGS="$(WASM_STD_FLAGS)" $(CARGO) $(WASM_STD) build $(WASM_STD_OPT) -p akscompute-wasm --target wasm32-unknown-unknown --profile wasm-release
PKG = bindings/wasm/pkg
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

help: ## list the targets
	@grep -hE '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

demo: wasm setup-web ## build the WASM package and serve the create/attach form on 127.0.0.1
	node web/serve.mjs

test: lint test-rust check-core-pure check-tls test-bench package-rust test-wasm test-web test-npm test-python test-sdist test-uniffi test-parity ## everything CI runs: lint, every test of every language, the purity check, packaging, cross-binding parity

test-rust: ## the Rust tests, the shared vectors among them
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc
	$(CARGO) test -p akscompute-client --features azure-identity --test azure_identity
	$(CARGO) test -p akscompute-client --features azure-identity --doc

check-core-pure: ## fail if the core depends on an FFI, HTTP or async runtime crate
	@bad=$$($(CARGO) tree -p akscompute -e normal --prefix none | grep -E '^(pyo3|wasm-bindgen|serde-wasm-bindgen|js-sys|uniffi|reqwest|tokio|hyper)( |$$)' || true); \
	if [ -n "$$bad" ]; then echo "core/ must stay pure, but depends on:"; echo "$$bad"; exit 1; fi; \
	echo "core is pure: no pyo3, wasm-bindgen, uniffi, reqwest or tokio"

check-tls: ## fail if the TLS stack needs cmake: the client, CLI and wheel use rustls with ring, not aws-lc
	@bad=$$($(CARGO) tree -p akscompute-python -p akscompute-cli -e normal --prefix none | grep -E '^aws-lc' | sort -u || true); \
	if [ -n "$$bad" ]; then echo "the TLS stack must be rustls with ring, but these are built:"; echo "$$bad"; exit 1; fi; \
	echo "TLS: rustls with ring (no aws-lc, no cmake)"

PACKAGE_TARGET = target/package-verify
package-rust: ## cargo publish --dry-run of the published crates (akscompute, akscompute-client, akscompute-cli): packaged, built from the package
	@# cargo extracts a packaged crate into CARGO_HOME once per version and verifies the CLI
	@# against that copy ever after, so a second run checked today's CLI against the core of
	@# an earlier one: remove our own crates' extracted copies (the unnamed local registries').
	@# Cargo also keeps a registry crate's build-script output by name and version, not content,
	@# so the verification builds in a target of its own whose akscompute* artefacts are
	@# removed first; its dependencies stay warm.
	rm -rf target/package $(PACKAGE_TARGET)/package $${CARGO_HOME:-$$HOME/.cargo}/registry/src/-*/akscompute*-$(VERSION)
	rm -rf $(PACKAGE_TARGET)/debug/build/akscompute* $(PACKAGE_TARGET)/debug/.fingerprint/akscompute* $(PACKAGE_TARGET)/debug/deps/*akscompute*
	CARGO_TARGET_DIR=$(PACKAGE_TARGET) $(CARGO) publish --dry-run --allow-dirty -p akscompute -p akscompute-client -p akscompute-cli

generate: ## rewrite the files generated from the core's shape definitions (schemas/, the .d.ts shapes, python/akscompute/_shapes.py)
	AKSCOMPUTE_REGENERATE=1 $(CARGO) test -q -p akscompute --test generated

lint: ## formatting, clippy and the core's rustdoc (broken intra-doc links, bad HTML), warnings are errors
	$(CARGO) fmt --all --check
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc -p akscompute --no-deps -q
	$(CARGO) clippy --workspace --all-targets -q -- -D warnings
	$(CARGO) clippy -p akscompute-client --features azure-identity --all-targets -q -- -D warnings

bench: ## criterion benchmarks of full validations (figures, not pass/fail)
	$(CARGO) bench -p akscompute --bench validate

# Instruction counts do not depend on the machine's load, unlike the criterion times: the
# figure is (instructions of N validations - instructions of none) / N.
profile: ## instructions per validation (callgrind) of the benchmark's create_full, create_from_json, attach_full_preflight, attach_from_json and create_minimal_no_context inputs, and serde_json's own walk of the json case's texts (floor)
	@command -v valgrind >/dev/null || apt-get install -y -q valgrind >/dev/null
	$(CARGO) build -q --release -p akscompute --example prof_loop
	@for m in full json attach attach_json minimal floor; do \
	  ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/prof_loop $$m $$1 2>&1 | awk '/refs:/ {gsub(",", "", $$NF); print $$NF}'; }; \
	  a=$$(ir 0); b=$$(ir 2000); echo "$$m: $$(( (b - a) / 2000 )) instructions per validation"; done

BENCH = target/bench
BENCH_NOTE ?= One run on a shared 2-core machine loaded by other builds: figures are noisy, compare ratios within the run.

bench-all: wasm python ## every benchmark side by side in one run: criterion, Chromium, Python vs azureml-core, WASM size and twiggy; writes target/bench/report.md
	mkdir -p $(BENCH)
	@# Only this run's figures: criterion's folder otherwise keeps benches that are gone.
	rm -rf target/criterion
	$(CARGO) bench -p akscompute --bench validate
	BENCH_JSON=$(BENCH)/wasm.json node web/bench.mjs
	$(PY) -m pip install -q --force-reinstall --no-deps dist/akscompute-*.whl
	rm -f python/akscompute/_native*.so
	$(PY) python/bench/compare.py --no-footprint --json $(BENCH)/python.json
	@command -v twiggy >/dev/null || $(CARGO) install --locked twiggy || echo "twiggy could not be installed: the report says so"
	rm -f $(BENCH)/twiggy.txt
	if command -v twiggy >/dev/null; then $(MAKE) --no-print-directory wasm-profile >/dev/null && head -16 $(WASM_PROFILE)/akscompute_form.top.txt > $(BENCH)/twiggy.txt; fi
	python3 bench/report.py --criterion target/criterion --wasm $(BENCH)/wasm.json --python $(BENCH)/python.json \
	  --twiggy $(BENCH)/twiggy.txt --note "$(BENCH_NOTE)" --out $(BENCH)/report.md

test-bench: ## the report assembler of bench-all on canned figures (no benchmark runs)
	cd bench && python3 -m unittest -q test_report

cli: ## the command line, in target/release/akscompute
	$(CARGO) build --release -p akscompute-cli
	@echo "built target/release/akscompute"

setup-wasm: ## the wasm32 target, nightly's rust-src (std built for size) and wasm-bindgen-cli at the lockfile's version (skipped when there)
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@[ -z "$(WASM_STD)" ] || rustup +nightly component list --installed | grep -q '^rust-src' || rustup component add rust-src --toolchain nightly
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
	  $(CARGO) install --locked wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) 2>/dev/null || \
	  $(CARGO) install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi

setup-web: ## npm devDependencies (playwright-core, binaryen, esbuild) and Debian's Chromium for the browser tests
	@[ -x web/node_modules/.bin/wasm-opt ] && [ -x web/node_modules/.bin/esbuild ] && [ -d web/node_modules/playwright-core ] || (cd web && npm ci --no-audit --no-fund)
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium; }

wasm: setup-wasm setup-web ## the npm package in bindings/wasm/pkg (wasm-bindgen, then wasm-opt from npm binaryen)
	$(WASM_BUILD)
	rm -rf $(PKG) && wasm-bindgen --target web --out-dir $(PKG) --out-name akscompute $(WASM_OUT)
	$(WASM_OPT) $(PKG)/akscompute_bg.wasm -o $(PKG)/akscompute_bg.wasm
	@# The lean module a form loads first: every rule but no certificate or key reader and no
	@# request builder or export; akscompute/form (npm/form.js) loads the main module above on
	@# first use of one.
	$(WASM_BUILD) --no-default-features
	wasm-bindgen --target web --out-dir $(PKG) --out-name akscompute_form $(WASM_OUT)
	$(WASM_OPT) $(PKG)/akscompute_form_bg.wasm -o $(PKG)/akscompute_form_bg.wasm
	cp bindings/wasm/npm/* LICENSE $(PKG)/
	@# The JS a browser loads, minified (names kept, as errors and stack traces show them): what
	@# comes before the first validation is half the bytes gzipped. The .d.ts files keep the docs.
	@# The lean module's glue keeps no names: only form.js calls it (its exports are form.js's own
	@# functions), and its import shims' names, kept, were 0.4 KB of the first load gzipped.
	web/node_modules/.bin/esbuild --minify --keep-names --format=esm --legal-comments=none --log-level=warning --allow-overwrite \
	  --outbase=$(PKG) --outdir=$(PKG) $(PKG)/akscompute.js $(PKG)/form.js $(PKG)/snippets/*/*.js
	web/node_modules/.bin/esbuild --minify --format=esm --legal-comments=none --log-level=warning --allow-overwrite \
	  --outbase=$(PKG) --outdir=$(PKG) $(PKG)/akscompute_form.js
	node -e 'const f=process.argv[1],p=JSON.parse(require("fs").readFileSync(f));p.version=process.argv[2];require("fs").writeFileSync(f,JSON.stringify(p,null,2)+"\n")' $(PKG)/package.json $(VERSION)
	mkdir -p $(PKG)/schemas && cp schemas/*.schema.json $(PKG)/schemas/
	@# The message tables stay outside the lean module: English fetched with it, the others when chosen.
	@# The tables a browser fetches: without the command line's texts (English, which only the
	@# lean module reads, without the request builders' either) and without indentation.
	mkdir -p $(PKG)/messages && python3 bindings/wasm/tables.py core/data/messages $(PKG)/messages
	@for f in $(PKG)/messages/*.json web/i18n/*.json; do printf '  %s: %s bytes (%s gzipped)\n' $$f $$(stat -c %s $$f) $$(gzip -9c $$f | wc -c); done
	@# The service worker's cache is named after this build (web/sw.js imports it).
	@printf 'self.AKSCOMPUTE_BUILD = "%s";\n' $$(cat $(PKG)/akscompute_bg.wasm $(PKG)/akscompute.js $(PKG)/akscompute_form_bg.wasm $(PKG)/akscompute_form.js $(PKG)/form.js $(PKG)/messages/*.json | sha256sum | cut -c1-16) > $(PKG)/build.js
	@for m in akscompute akscompute_form; do printf 'built %s/%s: %s bytes of wasm (%s gzipped), %s bytes of JS glue\n' $(PKG) $$m \
	  $$(stat -c %s $(PKG)/$${m}_bg.wasm) $$(gzip -9c $(PKG)/$${m}_bg.wasm | wc -c) $$(stat -c %s $(PKG)/$$m.js); done

WASM_PROFILE = target/wasm-profile
wasm-profile: wasm ## where the module's bytes go: both modules with their function names kept, twiggy top 20 and dominators in target/wasm-profile
	@command -v twiggy >/dev/null || $(CARGO) install --locked twiggy
	rm -rf $(WASM_PROFILE) && mkdir -p $(WASM_PROFILE)
	@# The same builds as `make wasm` (the lean one is the last in target/), optimised alike but
	@# with the name section kept (-g), so twiggy names functions instead of code[123].
	$(WASM_BUILD) --no-default-features
	wasm-bindgen --target web --out-dir $(WASM_PROFILE)/bg --out-name akscompute_form $(WASM_OUT)
	$(WASM_BUILD)
	wasm-bindgen --target web --out-dir $(WASM_PROFILE)/bg --out-name akscompute $(WASM_OUT)
	for m in akscompute akscompute_form; do \
	  $(WASM_OPT) -g $(WASM_PROFILE)/bg/$${m}_bg.wasm -o $(WASM_PROFILE)/$$m.wasm && \
	  twiggy top -n 20 $(WASM_PROFILE)/$$m.wasm > $(WASM_PROFILE)/$$m.top.txt && \
	  twiggy dominators -d 4 -r 60 $(WASM_PROFILE)/$$m.wasm > $(WASM_PROFILE)/$$m.dominators.txt; done
	@head -30 $(WASM_PROFILE)/akscompute_form.top.txt

profile-wasm: wasm-profile ## where validateCreate's and validateAttach's time goes in Chromium (CDP sampling profiler, self time per function)
	node web/bench/profile.mjs create
	node web/bench/profile.mjs attach

test-wasm: wasm ## the shared vectors and the JS API through the built package, in Node
	node --test bindings/wasm/test/

test-web: wasm ## the form in Debian's Chromium, driven by playwright-core (screenshots in target/screenshots)
	node --test web/test/

NPM_TGZ = target/npm/akscompute-$(VERSION).tgz

test-npm: wasm setup-web ## the packed npm package installed into tests/npm-consumer: Node ESM, TypeScript, an esbuild bundle in Chromium, Chromium directly
	rm -rf target/npm && mkdir -p target/npm
	cd $(PKG) && npm pack --silent --pack-destination $(CURDIR)/target/npm >/dev/null
	@cd tests/npm-consumer && { [ -d node_modules/esbuild ] && [ -d node_modules/typescript ] && [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund; }
	cd tests/npm-consumer && npm install --no-save --no-audit --no-fund $(CURDIR)/$(NPM_TGZ)
	cd tests/npm-consumer && node --test test/

bench-wasm: wasm ## size, instantiate time and validation time of the package in Chromium
	node web/bench.mjs

setup-python: ## venvs: maturin, pytest and azureml-core 1.61 (the conformance reference); mypy apart
	@[ -x $(PY) ] || python3 -m venv $(VENV)
	@$(PY) -c "import maturin, pytest, azureml.core" 2>/dev/null || \
	  $(PY) -m pip install -q "maturin>=1.9,<2" pytest "azureml-core==1.61.0"
	@[ -x $(TYPES_PY) ] || python3 -m venv .venv-types
	@$(TYPES_PY) -c "import mypy.stubtest" 2>/dev/null || $(TYPES_PY) -m pip install -q mypy

# The wheel is built profile-guided, as pydantic-core's and CPython's are: built instrumented,
# run on python/pgo/train.py (what notebooks do, under every profile, and every shared vector),
# then built again with that profile, so that LLVM lays the hot code out together and inlines
# where calls are frequent. A constructor's rules run in scattered functions, and their
# instruction-cache misses (callgrind: 281 per call against azureml-core's 29, at the same
# instruction count) were what made `provisioning_configuration()` slower than azureml-core's;
# with the profile, 1.52x its time -> 1.01x (2021-11 rules, interleaved in one run). The
# profile comes from the LLVM of the toolchain itself (rustup's llvm-tools: llvm-profdata must
# read what this rustc writes); without it, or with `make python NO_PGO=1` (a quicker build
# while iterating), the wheel is built as before, with the same behaviour. Both builds have
# their own target directories, so that `cargo build --release` elsewhere does not rebuild
# them, nor they it.
PGO = target/pgo
LLVM_PROFDATA = $(shell echo "$$(rustc --print sysroot)/lib/rustlib/$$(rustc -vV | sed -n 's/^host: //p')/bin/llvm-profdata")
setup-pgo: ## rustup's llvm-tools (llvm-profdata of rustc's own LLVM), for the profile-guided wheel (skipped when there)
	@[ -n "$(NO_PGO)" ] || [ -x "$(LLVM_PROFDATA)" ] || timeout 300 rustup component add llvm-tools || \
	  echo "setup-pgo: llvm-tools could not be installed: the wheel is built without a profile"

python: setup-python setup-pgo ## the abi3 wheel in dist/ (profile-guided; NO_PGO=1 builds it without)
	rm -f dist/akscompute-*.whl
	$(MAKE) --no-print-directory python-wheel PGO_ON=$$([ -z "$(NO_PGO)" ] && [ -x "$(LLVM_PROFDATA)" ] && echo yes || true)

# A second make, so that PGO_ON is read after setup-pgo has installed llvm-profdata.
python-wheel:
ifeq ($(PGO_ON),yes)
	rm -rf $(PGO)/gen-wheel
	cd python && RUSTFLAGS="-Cprofile-generate=$(CURDIR)/$(PGO)/data" CARGO_TARGET_DIR=$(CURDIR)/$(PGO)/gen \
	  ../$(VENV)/bin/maturin build --release --out $(CURDIR)/$(PGO)/gen-wheel
	@# rustc reads the profile's contents into every crate's fingerprint: a new profile rebuilds
	@# them all (two minutes). So the workload runs again only when the instrumented module, the
	@# workload or its vectors changed; otherwise the profile, and the build, stay as they are.
	@stamp=$$(cat $(PGO)/gen/release/lib_native.so python/pgo/train.py tests/vectors/*.json | sha256sum | cut -c1-32); \
	if [ -f $(PGO)/train.profdata ] && [ "$$(cat $(PGO)/train.stamp 2>/dev/null)" = "$$stamp" ]; then \
	  echo "python: the profile of python/pgo/train.py is up to date ($(PGO)/train.profdata)"; \
	else \
	  set -x; rm -rf $(PGO)/data $(PGO)/gen-site; \
	  $(PY) -m pip install -q --no-deps --target $(PGO)/gen-site $(PGO)/gen-wheel/akscompute-*.whl; \
	  (cd /tmp && PYTHONHASHSEED=0 PYTHONPATH=$(CURDIR)/$(PGO)/gen-site $(CURDIR)/$(PY) $(CURDIR)/python/pgo/train.py); \
	  "$(LLVM_PROFDATA)" merge -o $(PGO)/train.profdata $(PGO)/data; \
	  echo "$$stamp" > $(PGO)/train.stamp; \
	fi
	cd python && RUSTFLAGS="-Cprofile-use=$(CURDIR)/$(PGO)/train.profdata" CARGO_TARGET_DIR=$(CURDIR)/$(PGO)/use \
	  ../$(VENV)/bin/maturin build --release --strip --out ../dist
else
	cd python && ../$(VENV)/bin/maturin build --release --strip --out ../dist
endif

test-python: python ## the built wheel installed and tested: drop-in, operations on the emulator, shared vectors, azureml-core conformance, stub check
	$(CARGO) build -q -p akscompute-emulator -p akscompute-cli
	$(PY) -m pip install -q --force-reinstall --no-deps dist/akscompute-*.whl
	rm -f python/akscompute/_native*.so
	cd $(CURDIR) && $(PY) -m pytest -q python/tests
	$(TYPES_PY) -m pip install -q --force-reinstall --no-deps dist/akscompute-*.whl
	$(TYPES_PY) -m mypy.stubtest akscompute._native
	$(TYPES_PY) -m mypy --strict python/akscompute

sdist: setup-python ## the Python source distribution in dist/ (the crates it needs inside)
	rm -f dist/akscompute-*.tar.gz
	cd python && ../$(VENV)/bin/maturin sdist --out ../dist

test-sdist: sdist ## a wheel built by pip from the sdist alone, as a user without the repository builds it, then used (tests/sdist/smoke.py)
	rm -rf target/sdist-wheel && CARGO_TARGET_DIR=$(CURDIR)/target/sdist-build $(PY) -m pip wheel -q --no-deps -w target/sdist-wheel dist/akscompute-$(VERSION).tar.gz
	rm -rf target/sdist-venv && python3 -m venv target/sdist-venv && target/sdist-venv/bin/pip install -q target/sdist-wheel/akscompute-*.whl
	cd /tmp && $(CURDIR)/target/sdist-venv/bin/python $(CURDIR)/tests/sdist/smoke.py

bench-python: python ## import time, size, per-call time: akscompute and azureml-core side by side
	$(PY) -m pip install -q --force-reinstall --no-deps dist/akscompute-*.whl
	rm -f python/akscompute/_native*.so
	$(PY) python/bench/compare.py

bench-client: ## how soon an operation's end is noticed: Retry-After against fixed 5-second polling
	$(CARGO) run -q --release -p akscompute-client --example polling

bench-cli: cli ## configurations per second of `akscompute check` over a folder of 10,000 files (N=...)
	bash bindings/cli/bench/check_many.sh

UNIFFI_OUT = bindings/uniffi/out
UNIFFI_LIB = target/debug/libakscompute_uniffi.so
KOTLINC = bindings/uniffi/node_modules/kotlin-compiler/bin/kotlinc
JNA = /usr/share/java/jna.jar

setup-uniffi: ## kotlinc (npm kotlin-compiler) and Debian's JNA and JDK for the Kotlin tests
	@[ -x $(KOTLINC) ] || (cd bindings/uniffi && npm ci --no-audit --no-fund)
	@[ -f $(JNA) ] && command -v java >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends libjna-java default-jre-headless; }

uniffi: ## Kotlin, Swift and Python sources in bindings/uniffi/out/ (library-mode bindgen)
	$(CARGO) build -p akscompute-uniffi
	rm -rf $(UNIFFI_OUT)
	@for l in kotlin swift python; do \
	  RUST_BACKTRACE=0 target/debug/uniffi-bindgen generate --library $(UNIFFI_LIB) --language $$l --out-dir $(UNIFFI_OUT)/$$l --no-format >/dev/null || exit 1; done
	cp $(UNIFFI_LIB) $(UNIFFI_OUT)/python/
	@echo "generated $(UNIFFI_OUT)/kotlin, $(UNIFFI_OUT)/swift (sources only: no Swift compiler here), $(UNIFFI_OUT)/python"

test-uniffi: jvm swift setup-uniffi setup-python ## the shared vectors and typed examples in Kotlin (against the JAR) and Python; the Swift package's layout checked
	PYTHONPATH=$(UNIFFI_OUT)/python $(PY) -m pytest -q -p no:cacheprovider bindings/uniffi/tests/python
	$(KOTLINC) -nowarn -cp $(JVM_JAR):$(JNA) bindings/uniffi/tests/kotlin/Main.kt -include-runtime -d target/akscompute-uniffi-tests.jar
	# No -Djna.library.path: JNA finds the native library inside the JAR (linux-x86-64/).
	java -cp target/akscompute-uniffi-tests.jar:$(JVM_JAR):$(JNA) MainKt tests/vectors
	$(PY) bindings/uniffi/swift/swift_package.py check $(SWIFT_PKG)

JVM = target/jvm
JVM_JAR = $(JVM)/akscompute-$(VERSION).jar

jvm: uniffi setup-uniffi ## the JAR in target/jvm/: the Kotlin (package dev.akscompute) compiled, the native library at JNA's resource path, its POM
	rm -rf $(JVM) && mkdir -p $(JVM)/classes/linux-x86-64 $(JVM)/classes/META-INF/maven/dev.akscompute/akscompute
	$(KOTLINC) -nowarn -cp $(JNA) $(UNIFFI_OUT)/kotlin/dev/akscompute/akscompute_uniffi.kt bindings/uniffi/jvm/src/dev/akscompute/Boundary.kt -d $(JVM)/classes
	strip --strip-debug -o $(JVM)/classes/linux-x86-64/libakscompute_uniffi.so $(UNIFFI_LIB)
	sed 's/@VERSION@/$(VERSION)/' bindings/uniffi/jvm/pom.xml > $(JVM)/akscompute-$(VERSION).pom
	cp $(JVM)/akscompute-$(VERSION).pom $(JVM)/classes/META-INF/maven/dev.akscompute/akscompute/pom.xml
	cd $(JVM)/classes && jar --create --file ../akscompute-$(VERSION).jar .
	@echo "built $(JVM_JAR): $$(stat -c %s $(JVM_JAR)) bytes"

SWIFT_PKG = target/swift/Akscompute

swift: uniffi setup-python ## the Swift package laid out in target/swift/Akscompute (Package.swift, Sources, the XCFramework's headers and module maps)
	$(PY) bindings/uniffi/swift/swift_package.py assemble $(SWIFT_PKG) $(UNIFFI_OUT)/swift

FUZZ_SECONDS ?= 60
FUZZ_TARGETS = validate_json parsers responses requests
FUZZ_RUNS ?= 10000000
FUZZ_LOGS = target/fuzz

fuzz: ## libFuzzer on the JSON entry point and the text parsers (nightly, FUZZ_SECONDS each; not part of make test)
	@command -v cargo-fuzz >/dev/null || $(CARGO) install --locked cargo-fuzz
	@mkdir -p core/fuzz/corpus/validate_json core/fuzz/corpus/parsers
	cp core/tests/fixtures/*.crt core/tests/fixtures/*.key core/fuzz/corpus/parsers/
	cd core && cargo +nightly fuzz run -O validate_json fuzz/corpus/validate_json -- -max_total_time=$(FUZZ_SECONDS) -max_len=4096
	cd core && cargo +nightly fuzz run -O parsers fuzz/corpus/parsers -- -max_total_time=$(FUZZ_SECONDS) -max_len=8192

fuzz-long: ## every cargo-fuzz target to FUZZ_RUNS executions (10 million) at low priority, printing the counts, then the corpus minimised (core/fuzz/corpus, kept in git; not part of make test)
	@command -v cargo-fuzz >/dev/null || $(CARGO) install --locked cargo-fuzz
	@mkdir -p $(FUZZ_LOGS) $(addprefix core/fuzz/corpus/,$(FUZZ_TARGETS))
	@# No sanitizer: the core forbids unsafe code, so ASan would only slow each run (3x here)
	@# without finding more; a panic, an overflow or a stack overflow still ends the run.
	@for t in $(FUZZ_TARGETS); do \
	  echo "fuzzing $$t for $(FUZZ_RUNS) executions"; \
	  (cd core && nice -n 19 cargo +nightly fuzz run -O -s none $$t fuzz/corpus/$$t -- -runs=$(FUZZ_RUNS) -max_len=8192 -print_final_stats=1) \
	    > $(FUZZ_LOGS)/$$t.log 2>&1 || { tail -40 $(FUZZ_LOGS)/$$t.log; echo "$$t found a crash: core/fuzz/artifacts/$$t/ (make it a regression test)"; exit 1; }; \
	  (cd core && nice -n 19 cargo +nightly fuzz cmin -O -s none $$t fuzz/corpus/$$t -- -max_len=8192) > $(FUZZ_LOGS)/$$t.cmin.log 2>&1; \
	  printf '%s: %s executions, corpus %s files (%s bytes)\n' $$t \
	    "$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_LOGS)/$$t.log | tail -1)" \
	    "$$(ls core/fuzz/corpus/$$t | wc -l)" "$$(cat core/fuzz/corpus/$$t/* | wc -c)"; \
	done

PARITY_SEED ?= 20261201
PARITY_COUNT ?= 4000
PARITY = target/parity

test-parity: wasm python uniffi ## the same answer in every binding: seeded random inputs through the core, the WASM package in Node, PyO3 and UniFFI's Python, compared
	$(CARGO) build -q -p akscompute-parity
	@mkdir -p $(PARITY)
	target/debug/parity generate $(PARITY_SEED) $(PARITY_COUNT) tests/vectors $(PARITY)/inputs.jsonl
	target/debug/parity core $(PARITY)/inputs.jsonl $(PARITY)/core.jsonl
	node tests/parity/run_wasm.mjs $(PARITY)/inputs.jsonl $(PARITY)/wasm.jsonl
	$(PY) -m pip install -q --force-reinstall --no-deps dist/akscompute-*.whl
	$(PY) tests/parity/run_python.py pyo3 $(PARITY)/inputs.jsonl $(PARITY)/pyo3.jsonl
	PYTHONPATH=$(UNIFFI_OUT)/python $(PY) tests/parity/run_python.py uniffi $(PARITY)/inputs.jsonl $(PARITY)/uniffi.jsonl
	target/debug/parity compare $(PARITY)/inputs.jsonl $(PARITY)/core.jsonl tests/parity/expected-differences.json \
	  wasm=$(PARITY)/wasm.jsonl pyo3=$(PARITY)/pyo3.jsonl uniffi=$(PARITY)/uniffi.jsonl
