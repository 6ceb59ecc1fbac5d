#!/bin/bash
# Builds the CSV reader's libFuzzer target with clang (-fsanitize=fuzzer,address,undefined) and
# runs it for a bounded time from the seed corpus in tests/fuzz/corpus. Exit 77 (skipped) when
# clang or libFuzzer is missing (bash .ci/setup tests installs them).
# Usage: run.sh SOURCE_DIR [SECONDS]
set -euo pipefail
source_dir=$1
seconds=${2:-30}
command -v clang++ >/dev/null || { echo "skipped: clang++ is not installed (bash .ci/setup tests)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fmt_flags=$(pkg-config --cflags --libs fmt 2>/dev/null || echo -lfmt)
if ! clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -I"$source_dir/src" "$source_dir/tests/fuzz/csv_reader_fuzz.cpp" \
    "$source_dir/src/needlebook/exchange/csv_reader.cpp" \
    "$source_dir/src/needlebook/render/csv_writer.cpp" $fmt_flags -o "$work/csv_reader_fuzz" \
    2>"$work/build.log"; then
    if grep -q "libclang_rt.fuzzer\|cannot find -l\|fuzzer" "$work/build.log"; then
        echo "skipped: libFuzzer is not available (apt-get install libclang-rt-14-dev)"
        cat "$work/build.log"
        exit 77
    fi
    cat "$work/build.log"
    exit 1
fi
mkdir "$work/corpus"
cp "$source_dir"/tests/fuzz/corpus/* "$work/corpus/"
# -max_total_time bounds the run. libFuzzer's own failure code is 77, which ctest would read as
# "skipped": a finding must fail the test, so it exits 1 instead, and prints the input.
status=0
"$work/csv_reader_fuzz" -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 \
    -error_exitcode=1 -timeout_exitcode=1 -artifact_prefix="$work/" "$work/corpus" \
    >"$work/fuzz.log" 2>&1 || status=$?
if [ $status -eq 0 ]; then grep -E '^(Done|stat::)' "$work/fuzz.log"; else tail -n 40 "$work/fuzz.log"; fi
for artifact in "$work"/crash-* "$work"/leak-* "$work"/timeout-*; do
    [ -e "$artifact" ] && { echo "input that failed (base64): $(base64 -w0 "$artifact")"; status=1; }
done
exit $status
