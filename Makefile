# devops-cli: build, test and demo. Everything a fresh machine needs is installed from here.
SHELL := /bin/bash
JAR := target/devops-cli.jar
# The replication Lambda's package (lambda/pom.xml, built from the same sources); the CLI jar carries it.
LAMBDA := lambda/target/devops-cli-replication.jar
DEMO_PORT := 4566
DEMO_URL := http://127.0.0.1:$(DEMO_PORT)

.PHONY: build test test-unit demo demo-stop emulator clean

# The class-data-sharing archive bin/devops-cli starts from when present (see ClassArchiveTraining).
JSA := target/devops-cli.jsa
# The SHA-256 of the replication package inside the jar (base64, as Lambda reports CodeSha256), which
# bin/devops-cli passes to the run so it does not hash 14 MB each time (see ReplicationPackage).
LAMBDA_SHA := target/devops-cli.lambda-sha256
# The top-level help as picocli renders it, with and without colours at every width (TopLevelHelp.main),
# which bin/devops-cli passes to the run so `--help` prints it without loading picocli (PrerenderedHelp).
HELP := target/devops-cli.help
JVM_OPTS := -XX:TieredStopAtLevel=1 -XX:+UseSerialGC

# With a JDK 25 or later on the machine (scripts/aot-java.sh; DEVOPS_CLI_AOT_JAVA=none for none), its AOT
# cache, which bin/devops-cli runs that JDK with when present; target/devops-cli.aot-java names the java.
AOT := target/devops-cli.aot

build: $(JAR) $(JSA) $(AOT) $(LAMBDA_SHA) $(HELP)

# Recorded by a training run against a loopback server (no network); a failed recording leaves the
# launcher without an archive, which is slower but correct.
# scripts/class-archive-classes.txt (scripts/record-class-list.sh) names what real runs load beyond that,
# and scripts/class-archive-answers.jsonl.gz holds a converged run's answers, which the training replays.
# The jar's absolute path, as bin/devops-cli gives it: the JVM resolves a relative one against the working
# directory, so an archive recorded with one is refused when the tool runs from anywhere else.
$(JSA): $(JAR) scripts/class-archive-classes.txt $(wildcard scripts/class-archive-answers.jsonl.gz)
	@rm -f $(JSA)
	@java $(JVM_OPTS) -XX:ArchiveClassesAtExit=$(JSA) -Xlog:disable -Xlog:all=error:stderr \
	  -cp $(abspath $(JAR)) io.devopscli.cli.ClassArchiveTraining config/topology.yaml scripts/class-archive-classes.txt || rm -f $(JSA)

# Always run: the script itself decides whether the cache is up to date, since it also depends on which
# java is chosen now (DEVOPS_CLI_AOT_JAVA, the JDKs installed), which make cannot see.
.PHONY: $(AOT)
$(AOT): $(JAR)
	@scripts/aot-cache.sh $(abspath $(JAR)) scripts/class-archive-classes.txt $(AOT)

# Hashed from the copy inside the jar; without unzip or openssl there is no file and each run hashes it.
$(LAMBDA_SHA): $(JAR)
	@set -o pipefail; rm -f $@; unzip -p $(JAR) lambda/devops-cli-replication.jar | openssl dgst -sha256 -binary \
	  | base64 >$@.tmp && [[ $$(wc -c <$@.tmp) -eq 45 ]] && mv $@.tmp $@ || { rm -f $@.tmp; echo "no $@: each run hashes the package" >&2; }

# Without it `--help` is rendered by picocli on each run: the same text, slower.
$(HELP): $(JAR)
	@rm -f $@; java $(JVM_OPTS) -Xlog:disable -Xlog:all=error:stderr -cp $(JAR) io.devopscli.cli.TopLevelHelp $@ \
	  || { rm -f $@; echo "no $@: picocli renders --help on each run" >&2; }

$(LAMBDA): lambda/pom.xml $(shell find src/main/java/io/devopscli/lambda src/main/java/io/devopscli/replication src/main/java/io/devopscli/aws -type f 2>/dev/null)
	mvn -B -q -f lambda/pom.xml -DskipTests package

# --version names the commit the jar was built from (with -dirty when the tree had local changes).
GIT_COMMIT := $(shell git describe --always --dirty 2>/dev/null || echo unknown)

$(JAR): pom.xml $(LAMBDA) $(shell find src/main -type f 2>/dev/null)
	mvn -B -q -DskipTests -Dgit.commit=$(GIT_COMMIT) package

# Starts a private emulator on a free loopback port, runs every test against it (the pure tests in
# surefire, the @EmulatorTest classes in failsafe), then the sample app's, and stops the emulator even
# when tests fail. `make test TEST='ClassA,ClassB*'` runs only those classes, of either kind (pom.xml
# hands the filter to failsafe too), and not the sample app's.
TEST ?=
test: $(LAMBDA)
	@scripts/emulator.sh install
	@dir=$$(mktemp -d); url=$$(scripts/emulator.sh start --dir $$dir); \
	trap "scripts/emulator.sh stop --dir $$dir; rm -rf $$dir" EXIT; \
	mvn -B verify -Ddevopscli.test.endpoint=$$url -Dgit.commit=$(GIT_COMMIT) \
	  $(if $(TEST),-Dtest='$(TEST)' -Dsurefire.failIfNoSpecifiedTests=false)
	$(if $(TEST),,mvn -B -f sample-app/pom.xml verify)

# The pure tests only (surefire): no emulator, no network.
test-unit:
	mvn -B test

# The main job against a local emulator on 127.0.0.1:4566: up, then status. `make demo-stop` ends it.
demo: build
	@scripts/emulator.sh start --port $(DEMO_PORT) >/dev/null
	bin/devops-cli up --yes --endpoint-url $(DEMO_URL)
	bin/devops-cli status --endpoint-url $(DEMO_URL)
	@echo
	@echo "The emulator keeps running at $(DEMO_URL): try 'bin/devops-cli status --endpoint-url $(DEMO_URL)'."
	@echo "Stop it with: make demo-stop"

demo-stop:
	@scripts/emulator.sh stop

clean:
	rm -rf target lambda/target sample-app/target .emulator

# The sample app the pipeline deploys, run locally on :8080 (see sample-app/README.md).
.PHONY: run-app
run-app:
	mvn -q -f sample-app/pom.xml package -DskipTests && java -jar sample-app/target/sample-app.jar
