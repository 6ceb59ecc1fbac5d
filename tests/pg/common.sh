# Sourced by the scripts of tests/pg that run the needlebook binary against a server
# (run_with_server.sh provides it): a private work folder removed at exit, the fixed clock and
# zone of the golden cases, and failures counted, each printed as it is found.
#   source "$(dirname "$0")/common.sh"   # then: fail "what"; … finish "summary"
needlebook=${1:?usage: $0 NEEDLEBOOK_BINARY}
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TZ=Europe/London NEEDLEBOOK_NOW=2026-11-23T15:00:00Z NO_COLOR=1

# Exits 1 after naming how many failures there were, else prints `summary` and exits 0.
finish() {
    if [ "$failures" -gt 0 ]; then
        echo "$failures failure(s)"
        exit 1
    fi
    echo "$1"
}
