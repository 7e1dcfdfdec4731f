// Checking a JSON file against a schema of Fixtures/platforms/, which write down each grading
// platform's documented contract. Only the JSON Schema keywords those files use are read —
// type, enum, required, properties, additionalProperties (false), items, minimum, maximum,
// pattern and anyOf — and an unknown keyword is itself a problem, so a schema cannot say more
// than this checker checks.
import Foundation

enum JSONSchemaCheck {
    static let known: Set<String> = ["description", "type", "enum", "required", "properties", "additionalProperties", "items",
                                     "minimum", "maximum", "pattern", "anyOf"]

    /// The problems of `text` against the schema file `schema` (in Fixtures/platforms/); empty when it conforms.
    static func problems(_ text: String, schema name: String) throws -> [String] {
        let path = GradingSupport.repositoryRoot + "/Tests/GradingTests/Fixtures/platforms/" + name
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        return problems(value, schema as? [String: Any] ?? [:], at: "$")
    }

    static func problems(_ value: Any, _ schema: [String: Any], at path: String) -> [String] {
        var out: [String] = []
        for key in schema.keys where !known.contains(key) { out.append("\(path): the schema uses \(key), which this checker does not read") }
        if let types = schema["type"] {
            let allowed = (types as? [String]) ?? [types as? String ?? ""]
            if !allowed.contains(where: { matches(value, type: $0) }) { out.append("\(path): \(describe(value)) is not \(allowed.joined(separator: " or "))") }
        }
        if let choices = schema["enum"] as? [Any], !choices.contains(where: { equal($0, value) }) {
            out.append("\(path): \(describe(value)) is not one of \(choices)")
        }
        if let number = value as? NSNumber, !isBoolean(value) {
            if let minimum = schema["minimum"] as? Double, number.doubleValue < minimum { out.append("\(path): \(number) < \(minimum)") }
            if let maximum = schema["maximum"] as? Double, number.doubleValue > maximum { out.append("\(path): \(number) > \(maximum)") }
        }
        if let pattern = schema["pattern"] as? String, let text = value as? String,
           text.range(of: pattern, options: .regularExpression) == nil {
            out.append("\(path): \"\(text)\" does not match \(pattern)")
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { out.append("\(path): no \"\(key)\"") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, member) in object {
                if let sub = properties[key] as? [String: Any] {
                    out += problems(member, sub, at: path + "." + key)
                } else if schema["additionalProperties"] as? Bool == false {
                    out.append("\(path): \"\(key)\" is not a field of this format")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() { out += problems(item, items, at: "\(path)[\(index)]") }
        }
        if let options = schema["anyOf"] as? [[String: Any]],
           !options.contains(where: { problems(value, $0, at: path).isEmpty }) {
            out.append("\(path): matches none of \(options.count) alternatives: " + options.map { problems(value, $0, at: path).joined(separator: "; ") }.joined(separator: " | "))
        }
        return out
    }

    /// JSON's true and false, which Foundation reads as NSNumbers of type `c` (char).
    static func isBoolean(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": value is [String: Any]
        case "array": value is [Any]
        case "string": value is String
        case "boolean": isBoolean(value)
        case "number": value is NSNumber && !isBoolean(value)
        case "integer": (value as? NSNumber).map { !isBoolean(value) && $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "null": value is NSNull
        default: false
        }
    }

    static func equal(_ a: Any, _ b: Any) -> Bool {
        if isBoolean(a) || isBoolean(b) { return isBoolean(a) && isBoolean(b) && (a as? NSNumber)?.boolValue == (b as? NSNumber)?.boolValue }
        if let x = a as? NSNumber, let y = b as? NSNumber { return x.doubleValue == y.doubleValue }
        if let x = a as? String, let y = b as? String { return x == y }
        return false
    }

    static func describe(_ value: Any) -> String {
        "\(value)".count > 60 ? String("\(value)".prefix(60)) + "…" : "\(value)"
    }
}
