#!/usr/bin/env bash
# Publishes the Lambda executable (functions/Serverless.Functions.Lambda) for linux-x64 in each deploy mode that
# `./run.sh bench lambda-startup` compares (docs/lambda-runtime.md):
#   jit             framework-dependent, JIT only       managed dotnet10 runtime: _HANDLER=Serverless.Functions.Lambda, FUNCTION_HANDLER=<function>
#   r2r             framework-dependent, ReadyToRun     managed dotnet10 runtime, as above
#   self-contained  self-contained, ReadyToRun, trimmed provided.al2023: the executable is named bootstrap, _HANDLER=<function>
#   composite       as self-contained, with the framework and the app compiled as one composite ReadyToRun image
#                   (one version bubble: generic code across framework and app is precompiled too)
#   aot-net9        Native AOT built for net9.0         provided.al2023, as above; the reference point only: this package
#                                                       source lacks .NET 10's NativeAOT runtime pack
#                                                       (Microsoft.NETCore.App.Runtime.NativeAOT.linux-x64)
# Usage: bench/publish-function-modes.sh [--out DIR] [MODE...]     (default: artifacts/lambda, every mode)
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/lambda
if [ "${1:-}" = "--out" ]; then out=$2; shift 2; fi
modes=("$@")
[ ${#modes[@]} -eq 0 ] && modes=(jit r2r self-contained composite aot-net9)
project=functions/Serverless.Functions.Lambda/Serverless.Functions.Lambda.csproj

publish() {
  local mode=$1; shift
  # Each mode restores and builds under its own artifacts path, so its runtime identifier (and net9.0) never touch
  # the obj/ folders of the everyday net10 build.
  local props=(-r linux-x64 -p:UseArtifactsOutput=true "-p:ArtifactsPath=$PWD/$out/.build/$mode" "$@")
  echo "== $mode"
  rm -rf "${out:?}/$mode"
  dotnet publish "$project" -c Release "${props[@]}" -o "$out/$mode" -v:q -nologo
}

for mode in "${modes[@]}"; do
  case "$mode" in
    jit)            publish jit -p:SelfContained=false -p:PublishReadyToRun=false ;;
    r2r)            publish r2r -p:SelfContained=false -p:PublishReadyToRun=true ;;
    self-contained) publish self-contained -p:SelfContained=true -p:PublishReadyToRun=true -p:PublishTrimmed=true
                    mv "$out/self-contained/Serverless.Functions.Lambda" "$out/self-contained/bootstrap" ;;
    composite)      publish composite -p:SelfContained=true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -p:PublishTrimmed=true
                    mv "$out/composite/Serverless.Functions.Lambda" "$out/composite/bootstrap" ;;
    # Not -p:TargetFramework: a ProjectReference drops that global property (and `dotnet publish` drops it from its
    # implicit restore); Directory.Build.props maps ReferenceTargetFramework onto every project instead.
    aot-net9)       publish aot-net9 -p:ReferenceTargetFramework=net9.0 -p:PublishAot=true
                    mv "$out/aot-net9/Serverless.Functions.Lambda" "$out/aot-net9/bootstrap" ;;
    *) echo "unknown mode '$mode' (jit, r2r, self-contained, composite, aot-net9)" >&2; exit 2 ;;
  esac
  echo "   $(du -sh "$out/$mode" | cut -f1) in $out/$mode"
done
