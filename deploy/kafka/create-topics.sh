#!/usr/bin/env bash
# Creates Witness's output topics (and, optionally, an input topic) on an existing Kafka cluster with
# the stock kafka-topics.sh. Usage:
#   BOOTSTRAP=broker:9092 [REPLICATION=3] [INPUT_TOPIC=service.metrics INPUT_PARTITIONS=12] \
#     deploy/kafka/create-topics.sh [--command-config client.properties]
# Choices (edit to taste):
#   witness.alerts        few records, read by people's tooling: 3 partitions, 30 days.
#   witness.evidence      one record per decision step per key: as many partitions as the input, 3 days.
#   witness.dead-letters  raw payloads of rejected records for debugging: 3 partitions, 7 days.
# All are written transactionally; consumers should read with isolation.level=read_committed.
set -euo pipefail
: "${BOOTSTRAP:?set BOOTSTRAP=host:port}"
REPLICATION="${REPLICATION:-3}"
INPUT_PARTITIONS="${INPUT_PARTITIONS:-12}"
DAY=86400000

CLIENT_ARGS=("$@")   # e.g. --command-config client.properties (SASL/TLS)

create() { # name partitions retention-ms
  kafka-topics.sh --bootstrap-server "$BOOTSTRAP" "${CLIENT_ARGS[@]}" --create --if-not-exists --topic "$1" \
    --partitions "$2" --replication-factor "$REPLICATION" \
    --config retention.ms="$3" --config min.insync.replicas="$(( REPLICATION > 1 ? 2 : 1 ))"
}

create witness.alerts 3 $((30 * DAY))
create witness.evidence "$INPUT_PARTITIONS" $((3 * DAY))
create witness.dead-letters 3 $((7 * DAY))
if [ -n "${INPUT_TOPIC:-}" ]; then
  create "$INPUT_TOPIC" "$INPUT_PARTITIONS" $((7 * DAY))
fi
