#!/usr/bin/env bash
# Installs whatever is missing, then runs the whole test suite (npm test = scripts/run-tests.ts).
# Extra arguments go to the runner, e.g. a glob: ./scripts/test.sh 'packages/devstack/test/*.test.ts'
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec npm test -- "$@"
