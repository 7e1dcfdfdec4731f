// IP addresses and networks, for `Listen` and for `Require ip`. Parsing them here (pure Swift,
// no `inet_pton`) keeps the Config module free of OS calls and lets it accept the forms
// mod_authz_host accepts: a full address, a partial IPv4 address (`10.1` is the network
// 10.1.0.0/16), an address with a prefix length (`192.168.0.0/16`) or with a netmask
// (`10.0.0.0/255.0.0.0`), and IPv6 in its usual compressed form (`::1`, `fe80::/10`).

/// An IPv4 (4 bytes) or IPv6 (16 bytes) address.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]
    public var isIPv6: Bool { bytes.count == 16 }

    public init?(_ text: String) {
        if let v4 = IPAddress.parseIPv4(text, allowPartial: false)?.bytes {
            bytes = v4
        } else if let v6 = IPAddress.parseIPv6(text) {
            bytes = v6
        } else {
            return nil
        }
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// `::ffff:a.b.c.d` is how an IPv4 client looks on a dual-stack socket: compare it as IPv4.
    public var unmapped: IPAddress {
        if isIPv6 && bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return IPAddress(bytes: Array(bytes[12..<16]))
        }
        return self
    }

    public var description: String {
        if !isIPv6 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2)
            .map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }

    /// Dotted IPv4; with `allowPartial`, 1 to 4 parts, also returning how many were given.
    static func parseIPv4(_ text: String, allowPartial: Bool) -> (bytes: [UInt8], parts: Int)? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 || (allowPartial && (1...4).contains(parts.count)) else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        let given = bytes.count
        while bytes.count < 4 { bytes.append(0) }
        return (bytes, given)
    }

    static func parseIPv6(_ input: String) -> [UInt8]? {
        var text = input
        // An IPv4 tail (`::ffff:127.0.0.1`) stands for the last two groups.
        if let colon = text.lastIndex(of: ":"), text[colon...].contains(".") {
            guard let v4 = parseIPv4(String(text[text.index(after: colon)...]), allowPartial: false)?.bytes else { return nil }
            text = String(text[...colon]) + String(UInt16(v4[0]) << 8 | UInt16(v4[1]), radix: 16)
                + ":" + String(UInt16(v4[2]) << 8 | UInt16(v4[3]), radix: 16)
        }
        guard text.contains(":"), text.allSatisfy({ $0.isHexDigit || $0 == ":" }) else { return nil }
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return nil }
        func groups(_ s: String) -> [UInt16]? {
            if s.isEmpty { return [] }
            var out: [UInt16] = []
            for g in s.split(separator: ":", omittingEmptySubsequences: false) {
                guard !g.isEmpty, g.count <= 4, let v = UInt16(g, radix: 16) else { return nil }
                out.append(v)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
    }
}

/// A network: an address and how many leading bits must match.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    public let address: IPAddress
    public let prefixLength: Int

    /// The forms `Require ip` accepts (see the file comment); nil when invalid.
    public init?(_ text: String) {
        let pieces = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let base = String(pieces[0])
        var address: IPAddress
        var length: Int
        if let v4 = IPAddress.parseIPv4(base, allowPartial: pieces.count == 1) {
            address = IPAddress(bytes: v4.bytes)
            length = v4.parts * 8
        } else if let v6 = IPAddress.parseIPv6(base) {
            address = IPAddress(bytes: v6)
            length = 128
        } else {
            return nil
        }
        if pieces.count == 2 {
            let suffix = String(pieces[1])
            if let bits = Int(suffix), suffix.allSatisfy({ $0.isNumber }) {
                guard bits >= 0 && bits <= address.bytes.count * 8 else { return nil }
                length = bits
            } else if !address.isIPv6, let mask = IPAddress.parseIPv4(suffix, allowPartial: false)?.bytes {
                // A netmask must be contiguous ones, then zeros.
                let value = mask.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                let ones = value.leadingZeroBitCount == 0 ? (~value).leadingZeroBitCount : 0
                guard value == (ones == 0 ? 0 : ~UInt32(0) << (32 - ones)) else { return nil }
                length = ones
            } else {
                return nil
            }
        }
        self.address = address
        self.prefixLength = length
    }

    public func contains(_ candidate: IPAddress) -> Bool {
        let other = candidate.unmapped
        guard other.bytes.count == address.bytes.count else { return false }
        var remaining = prefixLength
        for (a, b) in zip(address.bytes, other.bytes) {
            if remaining <= 0 { return true }
            let mask: UInt8 = remaining >= 8 ? 0xff : ~UInt8(0xff >> remaining)
            if a & mask != b & mask { return false }
            remaining -= 8
        }
        return true
    }

    public var description: String { "\(address)/\(prefixLength)" }
}
