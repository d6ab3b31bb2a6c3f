#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 for the test suite:
# start the cluster when it is installed but stopped; install it when it is missing.
set -euo pipefail
HOST=${PGHOST_TEST:-127.0.0.1}
PORT=${PGPORT_TEST:-5432}

ready() { pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; }

if command -v pg_isready >/dev/null && ready; then exit 0; fi

if ! command -v pg_ctlcluster >/dev/null; then
  echo "PostgreSQL is not installed: installing Debian's postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

for version in $(ls /etc/postgresql 2>/dev/null); do
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
done
for _ in $(seq 1 30); do ready && break; sleep 1; done
ready || { echo "PostgreSQL did not come up on $HOST:$PORT" >&2; exit 1; }

# Our machines use trust auth for local TCP; a fresh Debian install uses md5/scram.
# Allow the test role in without a password on loopback only.
if ! psql -h "$HOST" -p "$PORT" -U postgres -c "select 1" >/dev/null 2>&1; then
  for hba in /etc/postgresql/*/main/pg_hba.conf; do
    if ! grep -q "opkoers-test" "$hba"; then
      sed -i '1i host all postgres 127.0.0.1/32 trust # opkoers-test' "$hba"
    fi
  done
  for version in $(ls /etc/postgresql); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload >&2
  done
fi
psql -h "$HOST" -p "$PORT" -U postgres -c "select 1" >/dev/null
