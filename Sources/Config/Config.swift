// The Config module (placeholder until it lands).
