#!/usr/bin/env bash
# Backs up every service's PostgreSQL database, each to <dir>/<service>.dump (pg_dump's custom format,
# compressed, restorable one service at a time), from one consistent run.
#
#   PGHOST=... PGPORT=... PGUSER=postgres PGPASSWORD=... deploy/backup/backup.sh /backups/2026-11-30
#
# Connects with libpq's environment (PGHOST, PGPORT, PGUSER, PGPASSWORD or ~/.pgpass) as a role that may
# read every service's database (the server's superuser, or one granted pg_read_all_data). Ownership and
# grants are left out: restore.sh gives every object back to the service's own role.
set -euo pipefail

out=${1:?usage: backup.sh <directory>}
services=${SERVICES:-"identity customers tickets inventory billing feedback documents"}
mkdir -p "$out"
for service in $services; do
  pg_dump --format=custom --no-owner --no-privileges --dbname="$service" --file="$out/$service.dump.partial"
  mv "$out/$service.dump.partial" "$out/$service.dump"
  echo "backed up $service ($(stat -c %s "$out/$service.dump") bytes)"
done
date -u +%Y-%m-%dT%H:%M:%SZ > "$out/TAKEN_AT"
