# Shared by the data scripts: run the project's DataGen job through Maven (Java 17 + Maven only).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

datagen() {
  (cd "$ROOT" && mvn -q -B compile exec:exec -Djob.main=io.github.sparkasgd.cli.DataGen -Djob.args="$*")
}
