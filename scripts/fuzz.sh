#!/usr/bin/env bash
# Run every fuzz target for MINUTES minutes each (default 10), JOBS at a time (default 1).
#
#   scripts/fuzz.sh [MINUTES] [TARGET...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). Builds with AddressSanitizer through
# RUSTC_BOOTSTRAP=1 on a stable toolchain (set FUZZ_SANITIZER=none to build without it).
# The committed seeds in fuzz/seeds/TARGET are copied into the working corpus
# fuzz/corpus/TARGET (gitignored) first; crashes land in fuzz/artifacts/TARGET. Each run's
# log is fuzz/logs/TARGET.log; the last `cov:` and `exec/s` figures are printed at the end.
# Set JOBS=2 to run two targets at a time.
set -euo pipefail

cd "$(dirname "$0")/.."
minutes="${1:-10}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(ingest segment times check rule baseline input_html input_jsonl input_feed)
fi
jobs="${JOBS:-1}"
seconds=$((minutes * 60))
sanitizer="${FUZZ_SANITIZER:-address}"
features=()
if [ -n "${FUZZ_FEATURES:-}" ]; then
    features=(--features "$FUZZ_FEATURES")
fi
flags=(--sanitizer "$sanitizer" "${features[@]}")
export RUSTC_BOOTSTRAP=1

mkdir -p fuzz/logs
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
    if [ -d "fuzz/seeds/$t" ]; then
        cp -n fuzz/seeds/"$t"/* "fuzz/corpus/$t/" 2>/dev/null || true
    fi
done

# Build first (one at a time), so the timed runs only fuzz.
for t in "${targets[@]}"; do
    cargo fuzz build "${flags[@]}" "$t"
done

run_one() {
    local t="$1"
    echo "fuzzing $t for $minutes min"
    # -rss_limit_mb: a run over 2 GB is a bug too. -timeout: one input over 10 s is a hang.
    if cargo fuzz run "${flags[@]}" "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        >"fuzz/logs/$t.log" 2>&1; then
        echo "$t: no crash"
    else
        echo "$t: FAILED (see fuzz/logs/$t.log and fuzz/artifacts/$t)"
        return 1
    fi
}

status=0
running=0
for t in "${targets[@]}"; do
    run_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n || status=1
        running=$((running - 1))
    fi
done
while [ "$running" -gt 0 ]; do
    wait -n || status=1
    running=$((running - 1))
done

echo
echo "target: last status line (cov = edges covered, exec/s = executions per second)"
for t in "${targets[@]}"; do
    line=$(grep -E '#[0-9]+.*(cov:|DONE)' "fuzz/logs/$t.log" | tail -1 || true)
    echo "$t: $line"
done
exit "$status"
