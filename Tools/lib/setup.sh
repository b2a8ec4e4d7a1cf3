# Shared by Tools/demo and Tools/test: make a fresh Debian machine ready to build LeafSync.
# Installs only what is missing, so a prepared machine pays nothing.

ensure_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        for candidate in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
            [ -x "$candidate/swift" ] && export PATH="$candidate:$PATH"
        done
    fi
    command -v swift >/dev/null 2>&1 || {
        echo "error: no Swift toolchain on PATH; install Swift 6.3 (https://swift.org/install) and retry" >&2
        exit 1
    }
}

ensure_system_packages() {
    local wanted=(liblz4-dev libsqlite3-dev pkg-config python3-venv openssl)
    local missing=()
    for package in "${wanted[@]}"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "installing system packages: ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The Python virtual environment the tests use (LeafSyncMail's SMTP tests run aiosmtpd from it).
# The tests look for it at the same path, relative to the repository: keep the two in step.
LEAFSYNC_VENV=".build/venv"

ensure_python_venv() {
    [ -x "$LEAFSYNC_VENV/bin/python" ] && return 0
    python3 -m venv "$LEAFSYNC_VENV"
}

# aiosmtpd from PyPI in the virtual environment: a real SMTP server for LeafSyncMail's tests
# (Tools/smtp-test-server.py). Returns 0 when it is importable; when pip cannot install it (no
# PyPI access) says so and returns 2, and the tests that need it skip, saying why.
ensure_aiosmtpd() {
    ensure_python_venv || return 2
    "$LEAFSYNC_VENV/bin/python" -c 'import aiosmtpd' 2>/dev/null && return 0
    echo "installing aiosmtpd into $LEAFSYNC_VENV" >&2
    if ! "$LEAFSYNC_VENV/bin/pip" install -q "aiosmtpd==1.4.6"; then
        echo "SKIPPED: pip could not install aiosmtpd==1.4.6 (no PyPI access?); the SMTP delivery tests will skip." >&2
        return 2
    fi
}
