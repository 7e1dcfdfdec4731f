import Testing

@Test func placeholder_ServerCoreTests() { #expect(Bool(true)) }
