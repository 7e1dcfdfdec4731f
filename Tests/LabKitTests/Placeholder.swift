import Testing

@Test func placeholder_LabKitTests() { #expect(Bool(true)) }
