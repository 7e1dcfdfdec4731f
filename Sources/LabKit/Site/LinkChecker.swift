// Checks a rendered site the way a reader would click through it: every `href` and `src` must
// be relative and lead to a file of the output, and every `#anchor` to an element with that id.
// Outbound web links (http, https, mailto) are left alone: the site has no control over them.
import Posix
import XML

public enum LinkChecker {
    /// Every broken link under `directory`, as `FILE:LINE: message`.
    public static func brokenLinks(in directory: String) throws(SystemError) -> [XMLProblem] {
        let pages = try htmlFiles(below: directory, prefix: "")
        var documents: [String: XMLDocument] = [:]
        for page in pages {
            documents[page] = XMLDocument.parseHTML(bytes: try FileSystem.readBytes(directory + "/" + page), file: page)
        }
        var problems: [XMLProblem] = []
        for page in pages {
            guard let document = documents[page] else {
                problems.append(XMLProblem(file: page, line: 0, message: "page does not parse as HTML"))
                continue
            }
            for attribute in (try? document.select("//@href | //@src")) ?? [] {
                let link = attribute.text
                if link.hasPrefix("http://") || link.hasPrefix("https://") || link.hasPrefix("mailto:") { continue }
                func report(_ message: String) {
                    problems.append(XMLProblem(file: page, line: attribute.line, message: "\(attribute.name)=\"\(link)\": \(message)"))
                }
                if link.hasPrefix("/") || link.contains("://") { report("not a relative link"); continue }
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let target = parts[0].isEmpty ? page : resolve(String(parts[0]), from: page)
                guard let target, FileSystem.exists(directory + "/" + target) else { report("no such file"); continue }
                guard parts.count == 2, !parts[1].isEmpty else { continue }
                let anchor = String(parts[1])
                guard target.hasSuffix(".html") else { continue }
                let ids = documents[target].flatMap { try? $0.select("//*[@id]") } ?? []
                let found = ids.contains { $0.attribute("id") == anchor }
                if !found { report("no element with id \"\(anchor)\" in \(target)") }
            }
        }
        return problems
    }

    /// `../en/x.html` seen from `fr/index.html` is `en/x.html`; nil when it climbs out of the site.
    static func resolve(_ link: String, from page: String) -> String? {
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for component in link.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if parts.popLast() == nil { return nil }
            default: parts.append(String(component))
            }
        }
        return parts.joined(separator: "/")
    }

    private static func htmlFiles(below directory: String, prefix: String) throws(SystemError) -> [String] {
        var out: [String] = []
        for name in try FileSystem.list(directory) {
            let path = directory + "/" + name
            if FileSystem.isDirectory(path) { out += try htmlFiles(below: path, prefix: prefix + name + "/") }
            else if name.hasSuffix(".html") { out.append(prefix + name) }
        }
        return out
    }
}
