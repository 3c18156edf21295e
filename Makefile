# nachos: the two commands that matter are `make run` and `make test`.

GO      ?= go
PROGRAM ?= test/matmult

.PHONY: all build run test vet programs check-programs bench clean

all: build

# build the simulator into bin/nachos.
build:
	$(GO) build -o bin/nachos ./cmd/nachos

# run: a real MIPS program on the default machine. The prebuilt programs in
# test/ are used as they are, so only Go is needed.
run: build
	./bin/nachos -x $(PROGRAM)

# test: the whole suite. Tests that need the cross-compiler, objdump or
# qemu-mipsel skip with an install hint when those are missing.
test: vet
	$(GO) test -count=1 ./...
	$(GO) test -count=1 -race ./...

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

clean:
	rm -rf bin
