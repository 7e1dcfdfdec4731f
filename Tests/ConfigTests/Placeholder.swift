import Testing

@Test func configPlaceholder() { #expect(Bool(true)) }
