#!/usr/bin/env bash
# Restores services' databases from a backup.sh directory: each service's schema is emptied and filled from
# <dir>/<service>.dump, every object owned by the service's own role, as the migrations would have made it.
# Stop the service (all its replicas) first; start it again after.
#
#   PGHOST=... PGPORT=... PGUSER=postgres PGPASSWORD=... deploy/backup/restore.sh /backups/2026-11-30 tickets billing
#
# With no service named, every service in the backup is restored. Restore every service from the same
# backup run: each keeps events it consumed by id, and a service restored alone may be behind what the
# others already saw (README, "Backups").
set -euo pipefail

dir=${1:?usage: restore.sh <directory> [service...]}
shift
services=${*:-$(cd "$dir" && ls ./*.dump | sed 's|^\./||; s|\.dump$||')}
for service in $services; do
  dump="$dir/$service.dump"
  [ -s "$dump" ] || { echo "no backup of $service in $dir" >&2; exit 1; }
  # The service's schema (and with it everything its migrations made) goes; the database and role stay.
  psql --no-psqlrc --quiet --set=ON_ERROR_STOP=1 --dbname="$service" \
    --command="DROP SCHEMA IF EXISTS \"$service\" CASCADE"
  pg_restore --exit-on-error --no-owner --no-privileges --role="$service" --dbname="$service" "$dump"
  echo "restored $service from $dump"
done
