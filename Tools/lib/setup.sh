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
    install_debian_packages liblz4-dev libsqlite3-dev pkg-config python3-venv openssl
}

# Installs those of the named Debian packages that are missing (after one `apt-get update`).
install_debian_packages() {
    local missing=()
    for package in "$@"; do
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

# The operator console's tests in a real browser (Tools/console-browser-test.py, run by
# ConsoleBrowserTests): headless Chromium and its driver from Debian, and from PyPI into the
# virtual environment Selenium (pointed at /usr/bin/chromedriver, so Selenium Manager never
# downloads a browser) and axe-core-python, whose wheel carries axe.min.js (the accessibility
# check runs offline). Returns 0 when all is there; otherwise says what is missing and returns 2,
# and the browser tests fail saying to run Tools/test.
ensure_browser_tests() {
    if ! install_debian_packages chromium chromium-driver; then
        echo "error: apt-get could not install chromium and chromium-driver; the console's browser tests will fail." >&2
        return 2
    fi
    ensure_python_venv || return 2
    "$LEAFSYNC_VENV/bin/python" -c 'import selenium, axe_core_python' 2>/dev/null && return 0
    echo "installing selenium and axe-core-python into $LEAFSYNC_VENV" >&2
    if ! "$LEAFSYNC_VENV/bin/pip" install -q "selenium==4.51.0" "axe-core-python==0.1.0"; then
        echo "error: pip could not install selenium==4.51.0 and axe-core-python==0.1.0 (no PyPI access?); the console's browser tests will fail." >&2
        return 2
    fi
}
