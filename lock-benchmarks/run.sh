#!/usr/bin/env bash
# Build the benchmarks jar and run one suite in one JMH run, then write its table into docs/benchmarks.md.
#   lock-benchmarks/run.sh jdbc                 # database store vs ShedLock and Spring Integration (PostgreSQL, + hand-off latency)
#   HOLDFAST_BENCH_DATABASE=mariadb lock-benchmarks/run.sh jdbc   # the same on MariaDB (section jdbc-mariadb)
#   lock-benchmarks/run.sh redis                # Redis store vs Redisson, Spring Integration and ShedLock (+ hand-off latency)
#   lock-benchmarks/run.sh semaphore            # Redis semaphore and read/write lock vs Redisson's (+ permit hand-off latency)
#   lock-benchmarks/run.sh notify               # PUBLISH to waiter wake-up: the store's subscription vs RedisMessageListenerContainer
#   lock-benchmarks/run.sh scale                # cost as work grows, Redis and PostgreSQL (not JMH; writes docs/scale-*.svg)
#   lock-benchmarks/run.sh leases               # 20,000 leases held on Redis and PostgreSQL: renewal ticks, latency, memory, state
#   lock-benchmarks/run.sh mailbox              # mailboxes vs hand-made (Redisson lock + list, SELECT FOR UPDATE), Redis and PostgreSQL
#   lock-benchmarks/run.sh server               # the lock server's jar (child process) over HTTP: cycles/s, added latency, hand-off, 1,000 waiters; Redis and PostgreSQL
#   lock-benchmarks/run.sh <suite> [jmh opts]   # a suite is a package dev.holdfast.lock.benchmarks.<suite>
# JMH options after the suite override the defaults (1 fork, 2 x 2 s warmup, 3 x 3 s measurement), e.g. -i 5 -r 10s.
# A suite may repeat its benchmark classes in rounds (e.g. OneThreadRound1..3) so that drift on a shared machine
# hits every contender alike; the table then shows means with the range over the rounds.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 <suite> [jmh options]   (suites: $(ls "$(dirname "$0")/src/main/java/dev/holdfast/lock/benchmarks" | grep -v '\.java$' | tr '\n' ' '))" >&2
  exit 2
fi
suite="$1"
shift

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ ! -d "lock-benchmarks/src/main/java/dev/holdfast/lock/benchmarks/$suite" ]; then
  echo "unknown suite '$suite': no package dev.holdfast.lock.benchmarks.$suite" >&2
  exit 2
fi

mvn -q -B -P benchmarks -pl lock-benchmarks -am package -DskipTests
if [ "$suite" = server ]; then
  # The server suite starts lock-server's jar as a child process (not a dependency: it is repackaged).
  mvn -q -B -pl lock-server -am package -DskipTests
fi

machine="$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
cores="$(nproc)"
# A suite with its own SuiteMain (more than one JMH table, extra measurements) runs that instead of SuiteRunner.
main=dev.holdfast.lock.benchmarks.SuiteRunner
if [ -f "lock-benchmarks/src/main/java/dev/holdfast/lock/benchmarks/$suite/SuiteMain.java" ]; then
  main="dev.holdfast.lock.benchmarks.$suite.SuiteMain"
fi
# The scale suite reads Redis's CPU and command counters, the mailbox suite counts commands with MONITOR: each gets a
# private server (when none is named), so that other builds on the shared one do not count. It is stopped by its pid
# when the run ends.
if { [ "$suite" = scale ] || [ "$suite" = mailbox ]; } && [ -z "${HOLDFAST_BENCH_REDIS_URL:-}" ] \
  && command -v redis-server >/dev/null; then
  if [ "$suite" = mailbox ]; then
    scale_port="${HOLDFAST_MAILBOX_REDIS_PORT:-6398}"
  else
    scale_port="${HOLDFAST_SCALE_REDIS_PORT:-6399}"
  fi
  scale_dir="$(mktemp -d)"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$scale_port" --save "" --appendonly no \
    --dir "$scale_dir" --pidfile "$scale_dir/redis.pid" --logfile "$scale_dir/redis.log"
  trap 'kill "$(cat "$scale_dir/redis.pid" 2>/dev/null)" 2>/dev/null; rm -rf "$scale_dir"' EXIT
  for _ in $(seq 50); do
    redis-cli -p "$scale_port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  export HOLDFAST_BENCH_REDIS_URL="redis://127.0.0.1:$scale_port"
fi
java ${HOLDFAST_JAVA_OPTS:-} -Dholdfast.machine="${machine:-unknown}" -Dholdfast.cores="$cores" \
  -Dholdfast.database="${HOLDFAST_BENCH_DATABASE:-postgresql}" \
  -cp lock-benchmarks/target/benchmarks.jar "$main" \
  "$suite" docs/benchmarks.md "$@"
