// The XML module (placeholder until it lands).
