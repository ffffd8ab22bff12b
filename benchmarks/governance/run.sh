#!/bin/sh
# Builds and runs the governance benchmark: the risk product's detailed report for a customer with 500 workspaces,
# in a JVM whose heap is capped at 64 MiB (-Xmx64m), so a run that needed more would fail with OutOfMemoryError.
#   benchmarks/governance/run.sh [--workspaces 500] [--runs 20]
# Needs org.sightline.api, the governance family, the risk product, org.sightline.reports and the test kit installed
# (mvn install -DskipTests -pl bundles/api,bundles/families/governance,bundles/products/testkit,bundles/products/risk,bundles/reports).
set -e
here=$(cd "$(dirname "$0")" && pwd)
[ -d "$here/target/lib" ] || mvn -q -o package -f "$here/pom.xml"
exec java -Xms64m -Xmx64m -XX:+UseSerialGC -cp "$here/target/classes:$here/target/lib/*" \
    org.sightline.benchmark.governance.RiskReportBenchmark "$@"
