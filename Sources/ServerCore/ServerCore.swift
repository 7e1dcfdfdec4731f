// The ServerCore module (placeholder until it lands).
