import Testing

@Test func placeholder_PosixTests() { #expect(Bool(true)) }
