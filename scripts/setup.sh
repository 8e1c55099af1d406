#!/usr/bin/env bash
# Installs what TheraSim needs on a Debian or Ubuntu machine that has Go.
#   scripts/setup.sh        what running the simulator needs
#   scripts/setup.sh test   that, plus what the test suite needs
# It installs only what is missing, so running it again is quick.
set -euo pipefail

want=()
need() { # need COMMAND PACKAGE
	command -v "$1" >/dev/null 2>&1 || want+=("$2")
}

if ! command -v go >/dev/null 2>&1; then
	echo "setup: Go is not installed; install Go 1.26 or newer from https://go.dev/dl/ first." >&2
	exit 1
fi

if [ "${1:-}" = test ]; then
	need node nodejs                           # runs the engine's wasm build in the determinism test
	need qemu-aarch64-static qemu-user-static  # runs the engine's arm64 build in the determinism test
fi

if [ ${#want[@]} -gt 0 ]; then
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
			echo "setup: need root (or sudo) to install: ${want[*]}" >&2
			exit 1
		fi
	fi
	echo "setup: installing ${want[*]}"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -q >/dev/null || true
	$sudo apt-get install -y -q --no-install-recommends "${want[@]}" >/dev/null
fi

go mod download
