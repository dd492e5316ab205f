package io.witness.jobs.config;

/** Encoding of records on a topic. */
public enum WireFormat {
    /** UTF-8 JSON with the Avro field names (the default). */
    JSON,
    /** Plain Avro binary of one record per message, with the schemas in schemas/ (no registry framing). */
    AVRO
}
