// The MPMPrefork module (placeholder until it lands).
