#!/usr/bin/env bash
# Makes sure a PostgreSQL streaming standby of the primary (127.0.0.1:5432) answers on
# 127.0.0.1:5433, for the read-replica tests (docs/decisions/0027). A real standby, made
# with pg_basebackup -R and replaying the primary's WAL: not a second copy of a database.
# Idempotent: one pg_isready when it already runs. Run as root or as the postgres user.
set -euo pipefail
PRIMARY_HOST=${PGHOST_TEST:-127.0.0.1}
PRIMARY_PORT=${PGPORT_TEST:-5432}
PORT=${REPLICA_PORT:-5433}
DIR=${REPLICA_DIR:-/tmp/opkoers-replica-$PORT}
LOG="$DIR.log"

bin=""
for candidate in /usr/lib/postgresql/*/bin; do bin=$candidate; done
[ -x "$bin/pg_ctl" ] || { echo "ensure_replica: no PostgreSQL server binaries found" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
primary() { psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -Atqc "$1"; }
standby() { psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atqc "$1" 2>/dev/null; }
is_standby() { [ "$(standby 'select pg_is_in_recovery()' || true)" = t ]; }

if is_standby; then exit 0; fi
if pg_isready -q -h 127.0.0.1 -p "$PORT" 2>/dev/null; then
  echo "ensure_replica: something answers on port $PORT but it is not a standby" >&2
  exit 1
fi

# Two worktrees may run make test at once: one of them builds the standby.
exec 9>"/tmp/opkoers-replica-$PORT.lock"
flock 9
if is_standby; then exit 0; fi

# The primary: WAL for a standby (PostgreSQL 15's default) and a replication login.
if [ "$(primary 'show wal_level')" = minimal ] || [ "$(primary 'show max_wal_senders')" = 0 ]; then
  echo "ensure_replica: the primary needs wal_level=replica and max_wal_senders>0 (restart)" >&2
  primary "alter system set wal_level = replica"
  primary "alter system set max_wal_senders = 10"
  for version in $(ls /etc/postgresql); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main restart >&2
  done
fi
replication_ok() {
  psql "host=$PRIMARY_HOST port=$PRIMARY_PORT user=postgres replication=true" \
    -Atqc "IDENTIFY_SYSTEM" >/dev/null 2>&1
}
if ! replication_ok; then
  hba=$(primary 'show hba_file')
  if ! grep -q "opkoers-replica" "$hba"; then
    sed -i "1i host replication postgres 127.0.0.1/32 trust # opkoers-replica" "$hba"
  fi
  primary "select pg_reload_conf()" >/dev/null
  sleep 1
  replication_ok || { echo "ensure_replica: the primary refuses replication connections" >&2; exit 1; }
fi

start() {
  as_postgres "$bin/pg_ctl" -D "$DIR" -l "$LOG" -w -t 120 start >/dev/null
  for _ in $(seq 1 60); do is_standby && return 0; sleep 1; done
  return 1
}

# A standby that was only stopped picks up where it left; one that fell too far behind
# (the primary recycled the WAL it needs) is made again.
if [ -f "$DIR/standby.signal" ] && start; then exit 0; fi
as_postgres "$bin/pg_ctl" -D "$DIR" -m immediate stop >/dev/null 2>&1 || true
rm -rf "$DIR"

echo "ensure_replica: pg_basebackup of $PRIMARY_HOST:$PRIMARY_PORT into $DIR (standby on $PORT)" >&2
mkdir -p "$DIR"
chown postgres:postgres "$DIR" 2>/dev/null || true
chmod 700 "$DIR"
as_postgres pg_basebackup -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -D "$DIR" \
  -R -X stream -c fast

# Debian keeps the configuration in /etc, so the copy has none: a minimal one. A hot
# standby needs these limits at least as high as on the primary.
{
  echo "port = $PORT"
  echo "listen_addresses = '127.0.0.1'"
  echo "unix_socket_directories = '/tmp'"
  echo "hot_standby = on"
  echo "hot_standby_feedback = on"
  echo "shared_buffers = 128MB"
  for name in max_connections max_worker_processes max_wal_senders \
    max_prepared_transactions max_locks_per_transaction; do
    echo "$name = $(primary "show $name")"
  done
} | as_postgres tee "$DIR/postgresql.conf" >/dev/null
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' \
  | as_postgres tee "$DIR/pg_hba.conf" >/dev/null
as_postgres touch "$DIR/pg_ident.conf"

start || { echo "ensure_replica: the standby did not come up; see $LOG" >&2; tail -20 "$LOG" >&2; exit 1; }
echo "ensure_replica: standby streaming on 127.0.0.1:$PORT" >&2
