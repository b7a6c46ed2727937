#!/usr/bin/env bash
# Install (if missing) and start a local PostgreSQL cluster with a role and database for the store tests.
# Usage: eval "$(bash .ci/start-postgres.sh)"   -> exports NEWSPROBE_TEST_POSTGRES_URL
# Progress goes to stderr; stdout carries only the export line.
set -euo pipefail
ROLE=${NEWSPROBE_PG_ROLE:-newsprobe}
PASSWORD=${NEWSPROBE_PG_PASSWORD:-newsprobe}
DB=${NEWSPROBE_PG_DB:-newsprobe_test}
PORT=${NEWSPROBE_PG_PORT:-5432}

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    echo "installing postgresql" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi
VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION main"; then
    pg_createcluster "$VERSION" main --port "$PORT" >&2
fi
if ! pg_lsclusters -h | awk '$1=="'"$VERSION"'" && $2=="main" {print $4}' | grep -q online; then
    pg_ctlcluster "$VERSION" main start >&2
fi
PORT=$(pg_lsclusters -h | awk '$1=="'"$VERSION"'" && $2=="main" {print $3}')
for _ in $(seq 1 30); do
    su postgres -c "pg_isready -q -p $PORT" && break
    sleep 1
done
psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -p $PORT $*"; }
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname='$ROLE'\"")" != "1" ]; then
    psql_admin "-c \"CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'\"" >&2
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname='$DB'\"")" != "1" ]; then
    psql_admin "-c \"CREATE DATABASE $DB OWNER $ROLE\"" >&2
fi
echo "export NEWSPROBE_TEST_POSTGRES_URL=postgresql+psycopg://$ROLE:$PASSWORD@localhost:$PORT/$DB"
