# Shared by scripts/quickstart and scripts/test: install what is missing, start a display when there is none.
# Sourced, not run.

# Debian packages the build and the tests need (C libraries, a virtual X server, Mesa's software OpenGL).
JEPALAB_PACKAGES=(libode-dev libopenblas-dev libglfw3-dev libpng-dev pkg-config xvfb xauth libgl1-mesa-dri)

fail() { echo "error: $*" >&2; exit 1; }

# Installs the packages of JEPALAB_PACKAGES that are not installed yet; `apt-get update` runs only if one is missing.
ensure_packages() {
    local missing=()
    for package in "${JEPALAB_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || fail "missing packages ${missing[*]} and no apt-get to install them"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing ${missing[*]}"
    $sudo apt-get update -qq || fail "apt-get update failed; install ${missing[*]} by hand"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || fail "could not install ${missing[*]}; install them by hand and run again"
}

# Checks that the Swift toolchain is on PATH (it is the one thing these scripts do not install).
ensure_swift() {
    if ! command -v swift >/dev/null && [ -x /opt/swift/usr/bin/swift ]; then export PATH="/opt/swift/usr/bin:$PATH"; fi
    command -v swift >/dev/null || fail "no Swift toolchain on PATH (Swift 6 or newer is needed)"
}

# Starts Xvfb on a free display when DISPLAY is unset, and stops it when the calling script exits.
ensure_display() {
    [ -n "${DISPLAY:-}" ] && return 0
    local display
    for display in $(seq 90 120); do
        [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ] || break
    done
    Xvfb ":$display" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
    JEPALAB_XVFB_PID=$!
    trap 'kill "$JEPALAB_XVFB_PID" 2>/dev/null' EXIT
    for _ in $(seq 50); do
        [ -e "/tmp/.X11-unix/X$display" ] && break
        sleep 0.1
    done
    [ -e "/tmp/.X11-unix/X$display" ] || fail "Xvfb did not start on :$display"
    export DISPLAY=":$display"
}
