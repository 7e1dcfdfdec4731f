// The HTTP module (placeholder until it lands).
