# devops-cli: build, test and demo. Everything a fresh machine needs is installed from here.
SHELL := /bin/bash
MVN ?= mvn -B -q
JAR := target/devops-cli.jar

.PHONY: build test demo demo-stop emulator-start emulator-stop clean

build: $(JAR)

$(JAR): pom.xml $(shell find src/main -type f 2>/dev/null)
	$(MVN) -DskipTests package

# Starts a private emulator on a free loopback port, runs every test against it, stops it even on failure.
test:
	@scripts/emulator.sh install
	@dir=$$(mktemp -d); url=$$(scripts/emulator.sh start --dir $$dir); \
	trap "scripts/emulator.sh stop --dir $$dir" EXIT; \
	mvn -B verify -Ddevopscli.test.endpoint=$$url

clean:
	rm -rf target .emulator
