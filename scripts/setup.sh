#!/usr/bin/env bash
# Installs what TheraSim needs on a Debian or Ubuntu machine that has Go.
#   scripts/setup.sh        what building and running the simulator needs
#   scripts/setup.sh test   that, plus what the test suite needs
# It installs only what is missing, so running it again is quick.
set -euo pipefail

if ! command -v go >/dev/null 2>&1; then
	echo "setup: Go is not installed; install Go 1.26 or newer from https://go.dev/dl/ first." >&2
	exit 1
fi

# The window (Ebiten, through GLFW) is built with cgo against X11 and OpenGL.
packages=(gcc libc6-dev pkg-config libx11-dev libxrandr-dev libxcursor-dev libxinerama-dev
	libxi-dev libxxf86vm-dev libgl1-mesa-dev)
if [ "${1:-}" = test ]; then
	packages+=(
		xvfb xauth libgl1-mesa-dri # a virtual display with software OpenGL for the UI tests
		nodejs                     # runs the engine's wasm build in the determinism test
		npm                        # installs Taplo, which checks scenarios against their schema
		qemu-user-static           # runs the engine's arm64 build in the determinism test
		chromium                   # loads the web build in the browser test
		git make
	)
fi

missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done
# Node may come from elsewhere than Debian (nvm, nodesource): accept any node,
# and the npm that comes with it.
if command -v node >/dev/null 2>&1; then
	missing=("${missing[@]/nodejs/}")
fi
if command -v npm >/dev/null 2>&1; then
	missing=("${missing[@]/npm/}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))

if [ ${#missing[@]} -gt 0 ]; then
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
			echo "setup: need root (or sudo) to install: ${missing[*]}" >&2
			exit 1
		fi
	fi
	echo "setup: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -q >/dev/null || true
	$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# Taplo, the TOML checker editors run, checks the shipped scenarios against
# scenarios/scenario.schema.json as an editor would (sim/schema's tests). It
# goes into the user's cache, at the version sim/schema/taplo_test.go names.
if [ "${1:-}" = test ]; then
	taplo_version=0.7.0
	taplo_dir="${XDG_CACHE_HOME:-$HOME/.cache}/therasim/taplo-$taplo_version"
	if [ ! -x "$taplo_dir/node_modules/.bin/taplo" ]; then
		echo "setup: installing Taplo $taplo_version (npm @taplo/cli)"
		npm install --prefix "$taplo_dir" --no-save --no-audit --no-fund --loglevel=error "@taplo/cli@$taplo_version" >/dev/null
	fi
fi

go mod download
