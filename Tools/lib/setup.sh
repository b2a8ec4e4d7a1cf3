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
    local wanted=(liblz4-dev libsqlite3-dev pkg-config)
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
