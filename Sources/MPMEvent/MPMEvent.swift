// The MPMEvent module (placeholder until it lands).
