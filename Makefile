# SampleTok — the two commands a newcomer needs:
#   make run    install what is missing, build, start a PulseAudio if none answers, run the app on the embedded demo
#   make test   install what is missing, build, run every test
# Both install Debian packages with apt-get when they are missing (as root, or through sudo).

SWIFT ?= swift
APT_PACKAGES := libncursesw5-dev libpulse-dev libcurl4-openssl-dev libavcodec-dev libavformat-dev \
	libavutil-dev libswresample-dev librubberband-dev ffmpeg pulseaudio pulseaudio-utils tmux wrk openssl python3 gdb postgresql sqlite3
BIN := .build/debug/sampletok
# The API fuzzer `make test` runs against the built server (scripts/fuzz-api.sh), from PyPI.
SCHEMATHESIS := 4.32.5

.PHONY: run test build deps bench clean

# scripts/sound.sh starts a user PulseAudio when none answers (or says in one line how to get
# sound); the app runs either way.
run: deps build
	@scripts/sound.sh
	$(BIN)

# Tests run one at a time: several drive real servers, subprocesses and encoders on loopback,
# and on two cores parallel suites starve each other's timers. The watchdog ends a run that
# prints nothing for 5 minutes (a hang) with every thread's stack, instead of a silent timeout.
# The database suites run on SQLite and on a throwaway PostgreSQL server started for the run
# (scripts/postgres-test.sh), the blob store suites on the local folder and on a throwaway S3
# server (moto, scripts/s3-test.sh); both are stopped after the run, pass or fail.
test: deps
	$(SWIFT) build --build-tests
	url=$$(scripts/postgres-test.sh start) && s3=$$(scripts/s3-test.sh start) && \
	  SAMPLETOK_TEST_DATABASE_URL="$$url" SAMPLETOK_TEST_S3_URL="$$s3" python3 scripts/watchdog.py --silence 300 -- $(SWIFT) test --skip-build --no-parallel; \
	  status=$$?; scripts/postgres-test.sh stop; scripts/s3-test.sh stop; exit $$status
	scripts/fuzz-api.sh $(BIN)

build:
	$(SWIFT) build --product sampletok

# Installs the Debian packages that are not installed yet.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "Swift 6 is needed: https://www.swift.org/install/linux/"; exit 1; }
	@python3 -m schemathesis.cli --version >/dev/null 2>&1 || python3 -m pip install -q 'schemathesis==$(SCHEMATHESIS)'
	@command -v moto_server >/dev/null 2>&1 || python3 -m pip install -q 'moto[server]'

# Benchmarks print figures; they are not tests. Release build for real numbers.
bench: deps
	$(SWIFT) build -c release --product sampletok
	.build/release/sampletok bench process

clean:
	rm -rf .build
