#!/usr/bin/env bash
# The 1M-row import the way a CS team's automation does it, against the sqlite3 shell in the same run:
#   1. publishes the app in Release and starts it on an empty SQLite store (Production, no demo data);
#   2. writes an mrr file (ROWS rows, default 1,000,000; 50 months per account, like the benchmarks' MrrFile);
#   3. times sqlite3 loading the same file into the same shape (accounts + lines with the natural-key unique index);
#   4. times POST /api/imports/mrr with the file, then GET /api/metrics/summary right after it, then a second summary;
#   5. reports the app's peak resident memory (VmHWM) over the whole run.
# Usage: scripts/bench-api-import.sh [ROWS]     needs: dotnet, sqlite3, curl, python3.   See docs/performance.md.
#   POSTGRES="Host=…;Username=…;Database=postgres" runs the app on a fresh PostgreSQL database on that server instead
#   (created and dropped here; needs psql); the sqlite3 anchor is the same.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
WORK="$(mktemp -d /tmp/ed-api-bench.XXXXXX)"
PORT="${PORT:-5091}"
KEY="bench-key-0123456789abcdef0123456789"
trap 'kill "${APP:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

dotnet publish src/ExpansionDashboard.Web -c Release -o "$WORK/app" -v q >/dev/null
python3 - "$WORK/mrr.csv" "$ROWS" <<'EOF'
import random, sys
path, rows = sys.argv[1], int(sys.argv[2])
accounts = max(1, rows // 50)
rng = random.Random(7)
with open(path, "w") as f:
    f.write("account_id,month,product,mrr,seats,plan\n")
    for i in range(rows):
        a, m = i % accounts, i // accounts
        f.write(f"ACC-{a:06d},{2020 + m // 12}-{m % 12 + 1:02d},Core Platform,{rng.randint(1000, 499999) / 100:.2f},{rng.randint(1, 399)},Plus\n")
EOF
echo "file: $ROWS rows, $(du -m "$WORK/mrr.csv" | cut -f1) MB"

PROVIDER=Sqlite
STORE="Data Source=$WORK/dashboard.db"
if [ -n "${POSTGRES:-}" ]; then
  PROVIDER=PostgreSql
  DB="ed_api_bench_$$"
  STORE="$(python3 -c 'import re,sys; print(re.sub(r"(?i)database=[^;]*", "Database=" + sys.argv[2], sys.argv[1]) if re.search(r"(?i)database=", sys.argv[1]) else sys.argv[1] + ";Database=" + sys.argv[2])' "$POSTGRES" "$DB")"
  PGURL="$(python3 -c 'import sys; kv={k.strip().lower(): v for k, v in (p.split("=", 1) for p in sys.argv[1].split(";") if "=" in p)}; print("postgresql://%s@%s:%s/postgres" % (kv.get("username", "postgres"), kv.get("host", "127.0.0.1"), kv.get("port", "5432")))' "$POSTGRES")"
  psql -q "$PGURL" -c "CREATE DATABASE \"$DB\""
  trap 'kill "${APP:-0}" 2>/dev/null || true; sleep 1; psql -q "$PGURL" -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)"; rm -rf "$WORK"' EXIT
fi
echo "store: $PROVIDER"

ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
  Dashboard__Database__Provider="$PROVIDER" ConnectionStrings__Dashboard="$STORE" Dashboard__DemoData=false \
  Dashboard__BootstrapApiKey="$KEY" Dashboard__BootstrapAdmin__Email=admin@bench.local \
  Dashboard__BootstrapAdmin__Password='Bench-Password-2026!' \
  "$WORK/app/ExpansionDashboard.Web" >"$WORK/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs -H "X-Api-Key: $KEY" "http://127.0.0.1:$PORT/api/metrics/summary" >/dev/null

anchor_start=$(date +%s.%N)
sqlite3 "$WORK/anchor.db" <<EOF
CREATE TABLE Accounts (Id INTEGER PRIMARY KEY AUTOINCREMENT, ExternalId TEXT NOT NULL, Name TEXT NOT NULL);
CREATE UNIQUE INDEX IX_Accounts_ExternalId ON Accounts (ExternalId);
CREATE TABLE RevenueLines (Id INTEGER PRIMARY KEY AUTOINCREMENT, AccountId INTEGER NOT NULL, Month TEXT NOT NULL, Product TEXT NOT NULL, Currency TEXT NOT NULL DEFAULT '', Mrr TEXT NOT NULL, Seats INTEGER, Plan TEXT);
CREATE UNIQUE INDEX IX_RevenueLines_Key ON RevenueLines (AccountId, Month, Product, Currency);
CREATE TEMP TABLE staging(account_id TEXT, month TEXT, product TEXT, mrr TEXT, seats TEXT, plan TEXT);
.mode csv
.import --skip 1 $WORK/mrr.csv staging
BEGIN;
INSERT INTO Accounts (ExternalId, Name) SELECT DISTINCT account_id, account_id FROM staging;
INSERT INTO RevenueLines (AccountId, Month, Product, Mrr, Seats, Plan) SELECT a.Id, s.month || '-01', s.product, s.mrr, CAST(s.seats AS INTEGER), s.plan FROM staging s JOIN Accounts a ON a.ExternalId = s.account_id;
COMMIT;
EOF
anchor=$(echo "$(date +%s.%N) - $anchor_start" | bc)

import=$(curl -fsS -o "$WORK/import.json" -w '%{time_total}' -H "X-Api-Key: $KEY" -H "Content-Type: text/csv" \
  --data-binary @"$WORK/mrr.csv" "http://127.0.0.1:$PORT/api/imports/mrr")
first=$(curl -fsS -o "$WORK/summary.json" -w '%{time_total}' -H "X-Api-Key: $KEY" "http://127.0.0.1:$PORT/api/metrics/summary")
second=$(curl -fsS -o /dev/null -w '%{time_total}' -H "X-Api-Key: $KEY" "http://127.0.0.1:$PORT/api/metrics/summary")
hwm=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$APP/status")

echo "import answer: $(head -c 300 "$WORK/import.json")"
echo "app log: $(grep -o 'Upload received[^"]*' "$WORK/app.log" | head -1) $(grep -o 'Import timings[^"]*' "$WORK/app.log" | head -1)"
echo "summary: $(head -c 300 "$WORK/summary.json")"
echo
echo "| measure ($ROWS rows) | seconds |"
echo "|---|---|"
echo "| anchor: sqlite3 into accounts + lines with the natural-key unique index | $anchor |"
echo "| POST /api/imports/mrr (upload, validate, commit) | $import |"
echo "| ratio import ÷ anchor | $(echo "scale=2; $import / $anchor" | bc) |"
echo "| first GET /api/metrics/summary right after | $first |"
echo "| second GET /api/metrics/summary | $second |"
echo "| app peak resident memory (VmHWM) | ${hwm} MB |"
