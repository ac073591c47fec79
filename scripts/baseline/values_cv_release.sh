#!/bin/sh
# Builds the release cross-source driver from the FulcrumValues target alone (minutes instead of the
# whole product's cold release build) and runs it: values_cv_release.sh eval|train DATA OUT [key=value ...] (or any cv-driver mode: safety, safety-train, bench, safety-bench)
set -e
cd "$(dirname "$0")/../.."
R=.build/release
swift build -c release --target FulcrumValues >/dev/null
swiftc -O -I $R/Modules -I Sources/CZlib scripts/baseline/cv-driver/main.swift \
  $R/FulcrumCore.build/*.o $R/FulcrumReport.build/*.o $R/FulcrumValues.build/*.o -lz -o $R/cv-driver
exec $R/cv-driver "$@"
