#!/bin/bash
# Runs once, on the first start of an empty data volume (postgres image entrypoint).
# The app and Temporal get their own roles: the app cannot touch Temporal's tables, and the
# superuser password is never handed to either. Temporal's schema one-shot (compose service
# temporal-schema) creates its own databases (temporal, temporal_visibility), hence CREATEDB.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v veza_password="$VEZA_DB_PASSWORD" \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE veza LOGIN PASSWORD :'veza_password';
CREATE DATABASE veza OWNER veza;
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_password';
SQL
