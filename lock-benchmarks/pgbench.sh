#!/usr/bin/env bash
# The database's side of the jdbc suite, without any Java: pgbench runs Holdfast's and ShedLock's exact statements
# per lock cycle, and one synchronous UPDATE per transaction (the commit ceiling), with 1 and 8 clients, in
# interleaved rounds, on the benchmark schema of the jdbc suite (run lock-benchmarks/run.sh jdbc once first).
#   lock-benchmarks/pgbench.sh [seconds per run, default 5] [rounds, default 3]
set -euo pipefail
seconds="${1:-5}"
rounds="${2:-3}"
dir="$(cd "$(dirname "$0")" && pwd)/pgbench"
export PGOPTIONS="-c search_path=holdfast_bench"
psql -q -h localhost -U postgres -d test -c "INSERT INTO shedlock SELECT 'pgbench-' || g, now(), now(), 'pgbench' FROM generate_series(0, 7) g ON CONFLICT DO NOTHING"
results="$(mktemp)"
for clients in 1 8; do
  for round in $(seq "$rounds"); do
    for script in commit-ceiling holdfast-cycle shedlock-cycle; do
      tps=$(pgbench -M prepared -n -h localhost -U postgres -c "$clients" -j "$(( clients > 1 ? 2 : 1 ))" -T "$seconds" \
        -f "$dir/$script.sql" test 2>&1 | sed -n 's/^tps = \([0-9.]*\) .*/\1/p')
      printf '%s clients=%s round=%s %-15s %8.0f per second\n' "$(date +%T)" "$clients" "$round" "$script" "$tps"
      echo "$clients $round $script $tps" >> "$results"
    done
  done
done
echo
echo "| clients | commit ceiling (1 durable UPDATE/s) | holdfast cycles/s | shedlock cycles/s | holdfast ÷ shedlock | holdfast ÷ ceiling |"
echo "|---:|---:|---:|---:|---:|---:|"
awk '{ sum[$1" "$3] += $4; n[$1" "$3]++; if ($3 == "holdfast-cycle") h[$1" "$2] = $4; if ($3 == "shedlock-cycle") s[$1" "$2] = $4 }
  END {
    for (c = 1; c <= 8; c += 7) {
      ceil = sum[c" commit-ceiling"] / n[c" commit-ceiling"]; hf = sum[c" holdfast-cycle"] / n[c" holdfast-cycle"]
      sl = sum[c" shedlock-cycle"] / n[c" shedlock-cycle"]; lo = 1e9; hi = 0
      for (k in h) { split(k, p, " "); if (p[1] == c && s[k] > 0) { r = h[k] / s[k]; if (r < lo) lo = r; if (r > hi) hi = r } }
      printf "| %d | %.0f | %.0f | %.0f | %.2f× (%.2f–%.2f) | %.2f |\n", c, ceil, hf, sl, hf / sl, lo, hi, hf / ceil
    }
  }' "$results"
rm -f "$results"
