// JSON out, for the results files grading platforms read (Gradescope, PrairieLearn, GitHub
// Classroom). A result is built as a value — objects keep their keys in the order written, so
// the files read like the platforms' documentation — then written with every string escaped
// and every number as a plain decimal (`2`, `0.25`; never `2.0e-05`). Reading JSON is never
// needed: the grader only writes it.

public indirect enum JSONValue: Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// The value as JSON text, indented by two spaces, ending with a newline.
    public func text() -> String {
        var out = ""
        write(into: &out, indent: "")
        return out + "\n"
    }

    func write(into out: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .string(let text): out += Self.quoted(text)
        case .number(let value): out += Decimal.format(value)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += inner
                item.write(into: &out, indent: inner)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += inner + Self.quoted(key) + ": "
                value.write(into: &out, indent: inner)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    /// A JSON string literal (RFC 8259: quote, backslash and control characters escaped).
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The manifest as an object, for the `extra_data` and similar fields of every format.
    static func manifest(_ entries: [ManifestEntry]) -> JSONValue {
        .object(entries.map { ($0.name, .string($0.value)) })
    }
}
