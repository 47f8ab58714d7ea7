#!/usr/bin/env bash
# Until the first release each provider keeps ONE migration, Initial: after a model change, delete it and create it again.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for p in Sqlite PostgreSql; do
  rm -f src/ExpansionDashboard.Data.$p/Migrations/*.cs
  dotnet ef migrations add Initial --project src/ExpansionDashboard.Data.$p --output-dir Migrations
done
