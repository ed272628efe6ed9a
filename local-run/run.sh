#!/usr/bin/env bash
# Runs the YAML routes in routes/ under Camel JBang 4.17.0 (camel-jbang-core from Maven Central), with no Spring Boot
# and no JBang install: it needs only Java 17 and the repository's Maven wrapper, and works offline once ~/.m2 holds
# what the first run fetched. It does what this does with the `camel` command that JBang installs:
#
#   camel run target/mce-gateway-*-plain.jar --properties=config/local.properties --dep=<the deps below> "$@"
#
# Run it from the folder that holds routes/ and config/ (the repository root) after `./mvnw -DskipTests package`.
# Options go to `camel run`, e.g.:  local-run/run.sh --dev
#                                   local-run/run.sh --dev --prop=mce.token.retry.initial-delay=200ms
set -euo pipefail

# What the gateway's classes need besides what Camel JBang finds in the routes: camel-http (MCE calls),
# camel-micrometer (metrics), camel-spring with spring-jdbc (the transacted batch route, JdbcTemplate), HikariCP,
# Flyway and the JDBC drivers (the message store). The same list as in the README's camel run command and in
# local-run/pom.xml, which resolves them into ~/.m2 (LocalRunFilesTest keeps the three in step).
deps="camel:http,camel:micrometer,camel:spring,org.springframework:spring-jdbc:6.2.15,com.zaxxer:HikariCP:6.3.3,\
org.flywaydb:flyway-core:11.7.2,org.flywaydb:flyway-database-postgresql:11.7.2,com.h2database:h2:2.3.232,\
org.postgresql:postgresql:42.7.8"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$(ls -t "$repo"/target/mce-gateway-*-plain.jar 2>/dev/null | head -n 1 || true)"
if [[ -z "$jar" ]]; then
  echo "No target/mce-gateway-*-plain.jar yet: run ./mvnw -DskipTests package first." >&2
  exit 1
fi
if [[ ! -f config/local.properties ]]; then
  echo "Run this from the folder that holds routes/ and config/local.properties (the repository root)." >&2
  exit 1
fi

# Camel JBang's class path, resolved by Maven into ~/.m2 (no download once it is there). Kept in target/ and
# resolved again when local-run/pom.xml changed or a jar of it is gone from ~/.m2.
classpath_file="$repo/target/local-run/camel-jbang.classpath"
classpath_is_current() {
  [[ -s "$classpath_file" && "$classpath_file" -nt "$repo/local-run/pom.xml" ]] || return 1
  local entry
  while IFS= read -r -d ':' entry; do
    [[ -e "$entry" ]] || return 1
  done < <(cat "$classpath_file"; printf ':')
}
if ! classpath_is_current; then
  "$repo/mvnw" -q -B -f "$repo/local-run/pom.xml" dependency:build-classpath -Dmdep.outputFile="$classpath_file"
  touch "$classpath_file"  # the plugin leaves an unchanged file as it was
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# --add-opens: lets the embedded sandbox's connection-reset fault send a real TCP reset (see the README).
exec "$java" --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED \
  -cp "$(cat "$classpath_file")" "$repo/local-run/CamelJBangLauncher.java" \
  run "$jar" --properties=config/local.properties --dep="$deps" "$@"
