// C's printf number formats, for outputs whose exact text other programs parse
// (`server-status?auto` prints its rates with %g, as Apache does).
import Glibc

public enum CFormat {
    /// Formats one floating-point value with a printf format such as "%g" or "%.2f".
    public static func double(_ format: String, _ value: Double) -> String {
        var buf = [CChar](repeating: 0, count: 64)
        _ = withVaList([value]) { vsnprintf(&buf, buf.count, format, $0) }
        return cString(buf)
    }
}
