// Package grade runs declarative test suites against a nachos binary and
// turns what happened into verdicts a course can trust.
//
// A suite is a YAML file of tests. A test names what to run (a user
// program or a kernel self-test), with which flags and input, under which
// limits, what must come out, how many points it is worth and which tests
// it depends on. The grader runs every test under one or more -rs seeds,
// each run as a separate nachos process: a student's kernel that panics,
// loops or eats memory ends its own run, never the grader.
//
// Correctness is kept apart from scoring, as in test161: a run is right or
// wrong (its checks), a test passes only if every seed's run is right,
// and only then does it earn its points. The verdicts are pass, fail,
// skip (a test it depends on did not pass) and abort (the grader itself
// could not run the test: the suite names a missing program, the nachos
// binary will not start). Abort is never the student's fault.
//
// Console text alone can be forged: a user program can print "all 9
// visits were alone". So a test can also check what the kernel itself
// observed: the exit status, the statistics the machine prints when it
// halts, and events in the structured trace (--trace), which user code
// cannot write to. See checks.go for the trace checks.
package grade
