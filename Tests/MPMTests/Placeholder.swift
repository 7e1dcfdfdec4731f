import Testing

@Test func mpmPlaceholder() { #expect(Bool(true)) }
