#!/bin/sh
# Builds and runs the usage benchmark. Examples:
#   benchmarks/usage/run.sh --db h2 --records 10000000
#   benchmarks/usage/run.sh --db pg --url 'jdbc:postgresql://127.0.0.1:5432/bench?user=bench' --records 10000000
# Needs org.sightline.api, org.sightline.core, org.sightline.family.support, org.sightline.family.usage and benchmarks/support installed (mvn install -DskipTests -f bundles/...).
set -e
here=$(cd "$(dirname "$0")" && pwd)
[ -d "$here/target/lib" ] || mvn -q -o package -f "$here/pom.xml"
exec java -Xms2g -Xmx6g -cp "$here/target/classes:$here/target/lib/*" org.sightline.benchmark.usage.UsageBenchmark "$@"
