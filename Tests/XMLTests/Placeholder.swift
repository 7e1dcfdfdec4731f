import Testing

@Test func placeholder_XMLTests() { #expect(Bool(true)) }
