#!/bin/sh
# Builds and runs the backup benchmark. Examples:
#   benchmarks/backup/run.sh --db h2 --customers 10000
#   benchmarks/backup/run.sh --db pg --url 'jdbc:postgresql://127.0.0.1:5432/bench?user=bench' --customers 10000
# Needs org.sightline.api, org.sightline.core, org.sightline.family.support, org.sightline.family.backup and the five backup products installed
# (mvn install -DskipTests -pl bundles/families/backup,bundles/products/m365-backup,... -am).
set -e
here=$(cd "$(dirname "$0")" && pwd)
[ -d "$here/target/lib" ] || mvn -q -o package -f "$here/pom.xml"
exec java -Xms1g -Xmx4g -cp "$here/target/classes:$here/target/lib/*" org.sightline.benchmark.backup.BackupBenchmark "$@"
