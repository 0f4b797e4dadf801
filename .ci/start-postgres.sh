#!/usr/bin/env bash
# Install (if needed) and start a local PostgreSQL, and print the test database URL.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >&2
fi
pg_ctlcluster "$version" main start >&2 || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='mitra'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE ROLE mitra LOGIN SUPERUSER PASSWORD 'mitra'\"" >&2
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='mitra_test'\"" | grep -q 1 ||
  su postgres -c "createdb -O mitra mitra_test" >&2
echo "postgresql://mitra:mitra@127.0.0.1:5432/mitra_test"
