# TheraSim. The two commands:
#   make run    install what is missing and open the simulator on the default scenario
#   make test   install what the tests need and run the whole test suite

GO ?= go

.PHONY: run test check fuzz bench build

run:
	@scripts/setup.sh
	$(GO) run ./cmd/therasim

test:
	@scripts/setup.sh test
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test ./...

# Check every shipped scenario, as an instructor checks theirs.
check:
	$(GO) run ./cmd/therasim check scenarios/*.toml

# Fuzz each parser for a while (FUZZTIME=1m by default).
FUZZTIME ?= 1m
fuzz:
	$(GO) test ./sim -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME)
	$(GO) test ./sim -run '^$$' -fuzz '^FuzzLocate$$' -fuzztime $(FUZZTIME)
	$(GO) test ./sim -run '^$$' -fuzz '^FuzzReadRecording$$' -fuzztime $(FUZZTIME)

bench:
	$(GO) test ./sim -run '^$$' -bench . -benchmem

build:
	$(GO) build -o therasim ./cmd/therasim
