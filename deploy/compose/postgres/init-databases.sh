#!/bin/bash
# Runs once, when the PostgreSQL volume is empty (docker-entrypoint-initdb.d): a database and a
# login of its own for each service that keeps data in PostgreSQL. Each service creates its
# tables itself on start; it only needs to own its database.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v referral_password="$REFERRAL_DB_PASSWORD" \
     -v placement_password="$PLACEMENT_DB_PASSWORD" \
     -v imports_password="$IMPORTS_DB_PASSWORD" <<'SQL'
-- referral-service: its event store, tracking tokens and the clients list.
CREATE ROLE referral LOGIN PASSWORD :'referral_password';
CREATE DATABASE referral OWNER referral;
-- placement-service: its event store and the client -> placements index.
CREATE ROLE placement LOGIN PASSWORD :'placement_password';
CREATE DATABASE placement OWNER placement;
-- import-service: imports in progress and their reports.
CREATE ROLE imports LOGIN PASSWORD :'imports_password';
CREATE DATABASE imports OWNER imports;
SQL
