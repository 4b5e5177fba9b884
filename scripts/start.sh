#!/usr/bin/env bash
# Installs whatever is missing, then runs the main command (npm start = scripts/start.ts).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec npm start -- "$@"
