# TheraSim. The two commands:
#   make run    install what is missing and open the simulator's window
#   make test   install what the tests need and run the whole test suite

GO ?= go
BIN := bin

.PHONY: run test build web check fuzz bench calibrate pgo

run: build
	$(BIN)/therasim

# therasim (every command; needs no display) and therasim-play (the window).
# therasim carries the browser version, compressed, for 'therasim serve':
# it is built first, into cmd/therasim/web, which go:embed reads.
build:
	@scripts/setup.sh
	@$(MAKE) --no-print-directory web
	@rm -f $(WEBEMBED)/*.gz
	cp $(BIN)/web/index.html $(BIN)/web/boot.js $(BIN)/web/style.css $(BIN)/web/wasm_exec.js $(WEBEMBED)/
	gzip -9 -c $(BIN)/web/therasim.wasm > $(WEBEMBED)/therasim.wasm.gz
	$(GO) build -o $(BIN)/ ./cmd/therasim ./cmd/therasim-play

WEBEMBED := cmd/therasim/web

# The browser version: serve bin/web (any static web server) and open
# index.html, or let 'therasim serve' serve it to a class.
web:
	@mkdir -p $(BIN)/web
	GOOS=js GOARCH=wasm $(GO) build -o $(BIN)/web/therasim.wasm ./cmd/therasim-play
	cp "$$($(GO) env GOROOT)/lib/wasm/wasm_exec.js" cmd/therasim-play/web/* $(BIN)/web/

# Every test, on a virtual display (the window's tests draw real frames).
test:
	@scripts/setup.sh test
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags display ./...
	GOOS=js GOARCH=wasm $(GO) vet ./sim ./ui ./cmd/therasim-play
	xvfb-run -a -s "-screen 0 1920x1080x24" $(GO) test -tags display -timeout 25m ./...

# Check every shipped scenario (and the model), as an instructor checks theirs.
check:
	$(GO) run ./cmd/therasim check scenarios/*.toml

# The standard calibration of the model against the published effects.
calibrate:
	$(GO) run ./cmd/therasim calibrate

# Fuzz each parser for a while (FUZZTIME=1m by default).
FUZZTIME ?= 1m
fuzz:
	$(GO) test ./sim -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME)
	$(GO) test ./sim -run '^$$' -fuzz '^FuzzLocate$$' -fuzztime $(FUZZTIME)
	$(GO) test ./sim -run '^$$' -fuzz '^FuzzReadRecording$$' -fuzztime $(FUZZTIME)
	$(GO) test ./sim -run '^$$' -fuzz '^FuzzReplay$$' -fuzztime $(FUZZTIME)
	$(GO) test ./sim -run '^$$' -fuzz '^FuzzExpression$$' -fuzztime $(FUZZTIME)
	$(GO) test ./sim -run '^$$' -fuzz '^FuzzPolicy$$' -fuzztime $(FUZZTIME)

bench:
	$(GO) test ./sim ./cohort -run '^$$' -bench . -benchmem

# The profile Go's compiler optimises therasim with (profile-guided
# optimisation: cmd/therasim/default.pgo, used by every build of it): a
# cohort streamed to files, the command's heaviest work. Remake it when the
# engine changes much.
pgo:
	$(GO) test ./cohort -run '^$$' -bench 'Stream/files=true/workers=2' -benchtime 300x -cpuprofile cmd/therasim/default.pgo
