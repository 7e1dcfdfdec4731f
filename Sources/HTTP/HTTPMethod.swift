// Which methods the server knows. Method names are case-sensitive tokens, so `get` is not
// `GET`: Apache looks the name up in its table of registered methods and answers 501 Not
// Implemented for anything else, after the headers have been read and checked.

/// The methods Apache registers at startup (`ap_method_number_of`). Any other method, and
/// any method not spelled in capitals, is unknown and answered with 501.
public enum HTTPMethod {
    public static let registered: Set<String> = [
        "GET", "HEAD", "PUT", "POST", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
        "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK",
        "VERSION-CONTROL", "CHECKOUT", "UNCHECKOUT", "CHECKIN", "UPDATE", "LABEL", "REPORT",
        "MKWORKSPACE", "MKACTIVITY", "BASELINE-CONTROL", "MERGE",
    ]
}

extension HTTPMethod {
    /// The method as a String. Every registered name is at most 15 bytes, which Swift keeps
    /// inline in the String value: no allocation for any method a server knows.
    static func name(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Whether Apache knows this method; the three everyday ones skip the hashing.
    static func isRegistered(_ method: String) -> Bool {
        method == "GET" || method == "HEAD" || method == "POST" || registered.contains(method)
    }
}
