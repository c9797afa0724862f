#!/usr/bin/env bash
# Rebuilds outcomes-service's read models from the Kafka topics: the old ones keep serving until
# the new ones have caught up. Prints progress until done.
#   deploy/rebuild-read-models.sh [OUTCOMES_URL]        (default http://localhost:8083)
# Needs a coordinator's access token in $TOKEN; without one, it asks the local platform's
# authorisation server (http://localhost:9000) with the local demo credentials.
set -euo pipefail
url="${1:-http://localhost:8083}"
if [ -z "${TOKEN:-}" ]; then
  echo "No \$TOKEN: asking the local platform's authorisation server (localhost:9000) with its demo credentials." >&2
  TOKEN=$(curl -fsS -u coordinator:coordinator-secret -d grant_type=client_credentials http://localhost:9000/oauth2/token \
    | sed 's/.*"access_token":"\([^"]*\)".*/\1/') \
    || { echo "No token from localhost:9000. For a deployment, set TOKEN to a coordinator's access token (docs/operations.md)." >&2; exit 2; }
fi
auth="Authorization: Bearer $TOKEN"
field() { printf '%s' "$status" | sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p"; }
status=$(curl -fsS -X POST -H "$auth" "$url/actuator/rebuild")
started=$(field collection)
echo "Rebuilding into $started"
while true; do
  if [ "$(field collection)" != "$started" ]; then
    # The service restarted (a rebuild does not survive that) or another rebuild took over.
    echo "The rebuild into $started is no longer the service's own: $status" >&2; exit 2
  fi
  case "$(field state)" in
    DONE) echo "Done: $(field replayed) events replayed; the rebuilt read models serve the figures"; exit 0 ;;
    FAILED) echo "Failed; the previous read models keep serving (see outcomes-service's log): $status" >&2; exit 1 ;;
    RUNNING) if [ "$(field total)" = 0 ]; then echo "$(date +%T) $(field step)"
             else echo "$(date +%T) $(field step): $(field replayed) of $(field total) events"; fi ;;
    *) echo "Unexpected answer: $status" >&2; exit 2 ;;
  esac
  sleep 2
  status=$(curl -fsS -H "$auth" "$url/actuator/rebuild")
done
