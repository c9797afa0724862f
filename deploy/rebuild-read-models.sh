#!/usr/bin/env bash
# Rebuilds outcomes-service's read models from the Kafka topics: the old ones keep serving until
# the new ones have caught up. Prints progress until done.
#   deploy/rebuild-read-models.sh [OUTCOMES_URL]        (default http://localhost:8083)
# Needs a coordinator's access token in $TOKEN; without one, it asks the local platform's
# authorisation server (http://localhost:9000) with the local demo credentials.
set -euo pipefail
url="${1:-http://localhost:8083}"
if [ -z "${TOKEN:-}" ]; then
  TOKEN=$(curl -fsS -u coordinator:coordinator-secret -d grant_type=client_credentials http://localhost:9000/oauth2/token \
    | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
fi
auth="Authorization: Bearer $TOKEN"
curl -fsS -X POST -H "$auth" "$url/actuator/rebuild"; echo
while true; do
  status=$(curl -fsS -H "$auth" "$url/actuator/rebuild")
  echo "$status"
  case "$status" in
    *'"state":"DONE"'*) exit 0 ;;
    *'"state":"FAILED"'*) exit 1 ;;
  esac
  sleep 2
done
