// The MPMWorker module (placeholder until it lands).
