// A small deterministic fuzz: mutate valid requests at random and check that the parser
// always settles (a request, an error, or "need more") within a bounded number of steps.
// The generator is a fixed-seed xorshift, so a failure reproduces exactly.
@testable import HTTP
import Testing

@Suite("Fuzzing")
struct FuzzTests {
    struct XorShift {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let seeds: [String] = [
        "GET /index.html?x=1 HTTP/1.1\r\nHost: example.org\r\nConnection: keep-alive\r\n\r\n",
        "POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\nhello world",
        "PUT /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\r\nhello\r\n0\r\nT: v\r\n\r\n",
        "GET / HTTP/1.0\r\nX-Fold: a\r\n b\r\n\r\nGET /2 HTTP/1.1\r\nHost: y\r\n\r\n",
    ]

    @Test("Random mutations of valid requests never crash or spin", arguments: 0..<seeds.count)
    func mutationsSettle(seedIndex: Int) {
        var random = XorShift(state: 0x9E37_79B9_7F4A_7C15 &+ UInt64(seedIndex))
        let alphabet: [UInt8] = Array("\r\n :;,-0123456789abcdefGHPT/%.\t\u{0}\u{7F}\u{FF}".utf8)
        let limits = HTTPLimits(requestLine: 64, fieldSize: 64, fields: 8, body: 64)
        for _ in 0..<400 {
            var bytes = Array(Self.seeds[seedIndex].utf8)
            for _ in 0..<(1 + random.below(6)) {
                let position = random.below(bytes.count + 1)
                switch random.below(4) {
                case 0 where position < bytes.count: bytes[position] = alphabet[random.below(alphabet.count)]
                case 1: bytes.insert(alphabet[random.below(alphabet.count)], at: position)
                case 2 where position < bytes.count: bytes.remove(at: position)
                default: bytes.insert(contentsOf: bytes[position...].prefix(random.below(20)), at: position)
                }
            }
            let whole = outcomes(bytes, limits: limits)
            let split = outcomes(bytes, limits: limits, byteByByte: true)
            #expect(whole.filter { $0 != .sendContinue } == split.filter { $0 != .sendContinue })
        }
    }
}
