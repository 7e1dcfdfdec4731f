// The libFuzzer entry point of one fuzz target: each input goes to ConfigHarness, and an
// input that breaks the harness's promise becomes a crash that libFuzzer keeps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    if let failure = ConfigHarness.check(input) { fatalError(failure) }
    return 0
}
