#!/usr/bin/env bash
# Creates Witness's topics on an existing Kafka cluster with the stock kafka-topics.sh, with the same
# partitions, retention and cleanup policy as the Strimzi KafkaTopic resources in witness-topics.yaml
# (the reasons are written there; DeployManifestsTest checks that the two agree). Usage:
#   BOOTSTRAP=broker:9092 [REPLICATION=3] [INPUT_TOPIC=service.metrics] \
#     deploy/kafka/create-topics.sh [--command-config client.properties]
# All outputs are written transactionally; consumers should read with isolation.level=read_committed.
set -euo pipefail
: "${BOOTSTRAP:?set BOOTSTRAP=host:port}"
REPLICATION="${REPLICATION:-3}"
INPUT_TOPIC="${INPUT_TOPIC:-service.metrics}"
DAY=86400000

CLIENT_ARGS=("$@")   # e.g. --command-config client.properties (SASL/TLS)

create() { # name partitions retention-ms [extra --config ...]
  local name="$1" partitions="$2" retention="$3"
  shift 3
  kafka-topics.sh --bootstrap-server "$BOOTSTRAP" "${CLIENT_ARGS[@]}" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor "$REPLICATION" \
    --config cleanup.policy=delete --config retention.ms="$retention" \
    --config min.insync.replicas="$(( REPLICATION > 1 ? 2 : 1 ))" "$@"
}

create "$INPUT_TOPIC" 12 $((7 * DAY))
create witness.alerts 3 $((30 * DAY))
create witness.evidence 12 $((3 * DAY)) --config compression.type=zstd
create witness.dead-letters 3 $((7 * DAY))
