#!/usr/bin/env bash
# Runs Khidma on SQLite with the Arabic demo company. Data lives in ./data (Khidma__DataDir).
# The first start prints the administrator's sign-in details. Extra arguments go to the app (e.g. --urls).
set -euo pipefail
cd "$(dirname "$0")"
command -v node >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; }
export Khidma__DataDir=${Khidma__DataDir:-$(pwd)/data}
export Khidma__SeedDemo=${Khidma__SeedDemo:-true}
dotnet build src/Khidma.Web -c Release -nologo -v q -clp:ErrorsOnly
cd src/Khidma.Web
[ $# -gt 0 ] || set -- --urls http://localhost:5080
exec dotnet bin/Release/net10.0/Khidma.Web.dll "$@"
