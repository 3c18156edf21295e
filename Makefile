# nachos: the two commands that matter are `make run` and `make test`.

GO      ?= go
PROGRAM ?= test/matmult

.PHONY: all build run test vet programs check-programs bench grade handout clean

all: build

# build the simulator into bin/nachos: a static binary, without cgo (nachos
# has no C; cgo would come in only through the net package, which the flag
# library imports, and a binary linked with the C library takes about
# 1 ms longer to start: see BenchmarkNachosHaltCommand).
build:
	CGO_ENABLED=0 $(GO) build -o bin/nachos ./cmd/nachos

# run: a real MIPS program on the default machine. The prebuilt programs in
# test/ are used as they are, so only Go is needed.
run: build
	./bin/nachos -x $(PROGRAM)

# test: the whole suite. Tests that need the cross-compiler, objdump or
# qemu-mipsel skip with an install hint when those are missing, and note
# it in $(SKIPPED) (see test/tooltest); the last line sums them up.
SKIPPED = $(CURDIR)/bin/skipped-tools

test: vet
	@mkdir -p bin && rm -f $(SKIPPED)
	NACHOS_SKIPPED_TOOLS=$(SKIPPED) $(GO) test -count=1 ./...
	NACHOS_SKIPPED_TOOLS=$(SKIPPED) $(GO) test -count=1 -race ./...
	@if [ -s $(SKIPPED) ]; then \
		sort -u $(SKIPPED) | awk '{ tools = tools sep $$1; sep = ", " } !($$2 in seen) { seen[$$2]; pkgs = pkgs " " $$2 } \
			END { print "skipped the tests that need " tools "; to run them: apt-get install" pkgs }'; \
	fi

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...

# programs: rebuild the MIPS test programs (needs mipsel-linux-gnu-gcc).
programs:
	$(MAKE) -C test

# check-programs: fail if a committed program differs from a fresh build.
check-programs:
	$(MAKE) -C test check-stale

# bench: the CPU's speed, in guest instructions per second, and the cost
# of a context switch and of a whole run.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./machine/ ./kernel/ ./vm/ ./test/e2e/

# grade: every shipped suite (test/suites) against this tree's nachos, under
# SEEDS random-timer seeds; it must pass on the reference implementation.
SEEDS ?= 10
grade: build
	./bin/nachos grade test/suites --seeds $(SEEDS)

# handout: a student tree for project PROJECT, its solution regions
# replaced by their stubs, written to OUT. Grade it with
# ./bin/nachos grade test/suites --tree $(OUT).
PROJECT ?=
OUT     ?= handout/project$(PROJECT)
handout: build
	@if [ -z "$(PROJECT)" ]; then echo "make handout PROJECT=N (1: threads and synchronization, 2: system calls, 3: virtual memory)"; exit 2; fi
	./bin/nachos handout --project $(PROJECT) -o $(OUT)

clean:
	rm -rf bin
