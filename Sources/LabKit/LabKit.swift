// The LabKit module (placeholder until it lands).
