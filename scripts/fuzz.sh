#!/usr/bin/env bash
# Fuzzes for a bounded time: each target of fuzz/ (or those named) runs for [seconds], then a
# table (markdown, for docs/security.md) gives each target's executions, speed, coverage and
# findings. Exits 1 if a target crashed, ran out of memory or timed out: the input that did it
# is in fuzz/artifacts/<target>/, the run's output in fuzz/logs/<target>.log. See fuzz/README.md.
#
#   scripts/fuzz.sh [seconds] [target...]      seconds: FUZZ_SECONDS, else 60
#
# FUZZ_SANITIZER=address builds with AddressSanitizer, which needs a nightly toolchain; the
# default, none, builds with the repository's toolchain. FUZZ_CODEGEN_UNITS (16) trades fuzzing
# speed for build time: 1 fuzzes fastest and builds slowest. FUZZ_TIMEOUT (10 s) is the longest
# one input may take, FUZZ_RSS_MB (2048) the most memory a run may use.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MEDLEDGER_ROOT"

seconds="${FUZZ_SECONDS:-60}"
if [[ ${1:-} =~ ^[0-9]+$ ]]; then
	seconds=$1
	shift
fi
if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds == 0)); then
	echo "fuzz: the time per target is a whole number of seconds above 0, not '$seconds'" >&2
	exit 2
fi
sanitizer="${FUZZ_SANITIZER:-none}"
codegen_units="${FUZZ_CODEGEN_UNITS:-16}"
cargo_fuzz_version=0.13.2

# Every function of an instrumented build counts coverage (and ASan's checks memory): nothing
# in it can be shared with the main build, and switching sanitizer would rebuild everything, so
# each sanitizer has a target dir of its own, outside the clone like the main one.
fuzz_target_dir="${MEDLEDGER_FUZZ_TARGET_DIR:-$HOME/.cache/medledger/fuzz-target}"
export CARGO_TARGET_DIR="$fuzz_target_dir/$sanitizer"
# The targets decode with the runtime's native code; its wasm blob is not needed.
export SKIP_WASM_BUILD=1

if [[ "$(cargo fuzz --version 2>/dev/null)" != *" $cargo_fuzz_version" ]]; then
	echo "fuzz: installing cargo-fuzz $cargo_fuzz_version" >&2
	# In a temporary target dir, not the fuzz builds'.
	env -u CARGO_TARGET_DIR cargo install cargo-fuzz --locked --version "$cargo_fuzz_version"
fi

# cargo-fuzz passes -Zsanitizer for a sanitizer, which only a nightly compiler takes; with none
# it passes only stable flags (-Cpasses=sancov-module, -Cllvm-args=..., --cfg fuzzing), so the
# toolchain of rust-toolchain.toml builds it.
toolchain=()
if [[ $sanitizer != none ]]; then
	if ! rustup run nightly rustc --version >/dev/null 2>&1; then
		echo "fuzz: FUZZ_SANITIZER=$sanitizer needs a nightly toolchain; installing one" >&2
		if ! rustup toolchain install nightly --profile minimal; then
			echo "fuzz: no nightly toolchain could be installed; fuzz without a sanitizer" \
				"(FUZZ_SANITIZER=none, the default)" >&2
			exit 2
		fi
	fi
	toolchain=(+nightly)
fi
fuzz() { cargo "${toolchain[@]}" fuzz "$@"; }

# The fuzz workspace has a Cargo.lock of its own. Starting it from the main one keeps the crates
# both use (polkadot-sdk, subxt, axum, ...) at the versions the node is built and tested with.
[[ -f fuzz/Cargo.lock ]] || cp Cargo.lock fuzz/Cargo.lock

mapfile -t known < <(fuzz list)
targets=("$@")
((${#targets[@]})) || targets=("${known[@]}")
for target in "${targets[@]}"; do
	if ! printf '%s\n' "${known[@]}" | grep -qx -- "$target"; then
		echo "fuzz: no target '$target'; the targets are: ${known[*]}" >&2
		exit 2
	fi
done

# Release (cargo-fuzz's default) with debug assertions and overflow checks, so that an overflow
# or a broken invariant is a crash.
build=(--sanitizer "$sanitizer" --debug-assertions --codegen-units "$codegen_units")
echo "fuzz: building ${targets[*]} with sanitizer $sanitizer in $CARGO_TARGET_DIR" \
	"(a first build compiles the runtime and the gateway instrumented: allow an hour)" >&2
for target in "${targets[@]}"; do
	fuzz build "${build[@]}" "$target"
done

# The last value of a libFuzzer statistic in a log: `stat::name: N` or `name: N`.
last_stat() { grep -Eo "$1:? +[0-9]+" "$2" | tail -n 1 | grep -Eo '[0-9]+$' || true; }

mkdir -p fuzz/logs
summary=fuzz/logs/summary.md
{
	echo "Fuzzed on $(date -u +%Y-%m-%d) at $(git rev-parse --short HEAD) for ${seconds} s a target," \
		"sanitizer $sanitizer, $(rustc "${toolchain[@]}" --version | cut -d' ' -f1-2)," \
		"cargo-fuzz $cargo_fuzz_version, on $(nproc) cores."
	echo
	echo "| target | seconds | executions | exec/s | coverage | corpus | peak RSS (MB) | findings |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
} >"$summary"

failed=0
for target in "${targets[@]}"; do
	corpus=fuzz/corpus/$target
	artifacts=fuzz/artifacts/$target
	log=fuzz/logs/$target.log
	mkdir -p "$corpus" "$artifacts"
	# New inputs go to the first directory; the committed seeds are read only.
	corpora=("$corpus")
	[[ -d fuzz/seeds/$target ]] && corpora+=("fuzz/seeds/$target")
	options=(
		-max_total_time="$seconds"
		-timeout="${FUZZ_TIMEOUT:-10}"
		-rss_limit_mb="${FUZZ_RSS_MB:-2048}"
		-print_final_stats=1
	)
	[[ -f fuzz/dicts/$target.dict ]] && options+=(-dict="fuzz/dicts/$target.dict")

	echo "fuzz: $target for ${seconds} s (output in $log)" >&2
	stamp=$(mktemp)
	started=$SECONDS
	status=0
	fuzz run "${build[@]}" "$target" "${corpora[@]}" -- "${options[@]}" >"$log" 2>&1 || status=$?
	elapsed=$((SECONDS - started))

	executions=$(last_stat stat::number_of_executed_units "$log")
	[[ -n $executions ]] ||
		executions=$(grep -Eo 'Done [0-9]+ runs' "$log" | tail -n 1 | grep -Eo '[0-9]+' || true)
	[[ -n $executions ]] || executions=$(grep -Eo '^#[0-9]+' "$log" | tail -n 1 | tr -d '#' || true)
	per_second=$(last_stat stat::average_exec_per_sec "$log")
	[[ -n $per_second ]] || per_second=$(last_stat exec/s "$log")
	coverage=$(last_stat cov "$log")
	corpus_size=$(grep -Eo 'corp: [0-9]+' "$log" | tail -n 1 | grep -Eo '[0-9]+$' || true)
	rss=$(last_stat stat::peak_rss_mb "$log")
	[[ -n $rss ]] || rss=$(last_stat rss "$log")

	mapfile -t found < <(find "$artifacts" -type f -newer "$stamp" -printf '%f\n' | sort)
	rm -f "$stamp"
	if ((${#found[@]})); then
		findings="${#found[@]} in $artifacts: $(IFS=,; echo "${found[*]}")"
		# slow-unit-* only warns; a crash, leak, out-of-memory or timeout fails.
		if printf '%s\n' "${found[@]}" | grep -qE '^(crash|leak|oom|timeout)-'; then
			failed=1
		fi
	elif ((status != 0)); then
		findings="exited with $status, no input saved: see $log"
		failed=1
	else
		findings=none
	fi
	row=("$target" "$elapsed" "${executions:-?}" "${per_second:-?}" "${coverage:-?}"
		"${corpus_size:-?}" "${rss:-?}" "$findings")
	(IFS='|'; echo "|${row[*]}|") | sed 's/|/ | /g; s/^ //; s/ $//' >>"$summary"
	grep -E '^#[0-9]+|^Done|panicked|ERROR' "$log" | tail -n 2 >&2 || true
done

echo >&2
cat "$summary"
if ((failed)); then
	echo >&2
	echo "fuzz: a target failed. Reproduce an input with SKIP_WASM_BUILD=1" \
		"CARGO_TARGET_DIR=$CARGO_TARGET_DIR" \
		"cargo ${toolchain[*]:+${toolchain[*]} }fuzz run ${build[*]} <target> <artifact>" >&2
	exit 1
fi
