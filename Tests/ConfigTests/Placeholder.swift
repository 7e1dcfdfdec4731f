import Testing

@Test func placeholder_ConfigTests() { #expect(Bool(true)) }
