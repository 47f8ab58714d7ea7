#!/usr/bin/env bash
# Starts (or stops) a private, throwaway PostgreSQL cluster on 127.0.0.1 and a free port, for the PostgreSQL tests
# and benchmarks. Usage:
#   eval "$(scripts/pg-cluster.sh start)"   # exports DASHBOARD_TEST_POSTGRES (an Npgsql connection string)
#   scripts/pg-cluster.sh stop
# Runs the server as the 'postgres' user when started as root (PostgreSQL refuses to run as root).
set -euo pipefail
dir="${PG_CLUSTER_DIR:-/tmp/expansiondashboard-pg}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$bin/initdb" ] || { echo "echo 'PostgreSQL server binaries not found (apt-get install -y postgresql)' >&2; exit 1"; exit 1; }

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    if [ -f "$dir/port" ] && as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      port=$(cat "$dir/port")
    else
      rm -rf "$dir"; mkdir -p "$dir"
      [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
      port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
      as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1
      # Tests do not need durability; PG_DURABLE=1 keeps the defaults (use it for benchmarks).
      fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
      [ "${PG_DURABLE:-0}" = "1" ] && fast=""
      as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 $fast" start >/dev/null
      echo "$port" > "$dir/port"
    fi
    echo "export DASHBOARD_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Include Error Detail=true'"
    ;;
  stop)
    [ -d "$dir/data" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
