// A live scoreboard as inline SVG: one square per slot, one row per process (prefork: sixteen
// processes a row), the slot's letter inside and its state as a class, so colours come from
// the stylesheet and the picture prints in black and white. A `<title>` and `<desc>` give
// screen readers the scoreboard string itself.
import XML

struct ScoreboardPicture {
    let language: Language
    static let cell = 26.0, gap = 4.0, margin = 8.0, labelWidth = 70.0

    func render(_ status: LiveStatus, id: String, into parent: OutputElement) {
        let rows = status.rows
        let widest = rows.map(\.count).max() ?? 1
        let width = Self.labelWidth + Double(widest) * (Self.cell + Self.gap) + Self.margin
        let height = Self.margin * 2 + Double(rows.count) * (Self.cell + Self.gap)
        let svg = parent.element("svg", ["xmlns": "http://www.w3.org/2000/svg",
                                         "viewBox": "0 0 \(DiagramRenderer.n(width)) \(DiagramRenderer.n(height))",
                                         "role": "img", "aria-labelledby": "\(id)-title \(id)-desc",
                                         "class": "scoreboard-svg \(status.mpm)"])
        svg.element("title", ["id": "\(id)-title"], text: "server-status — \(status.mpm)")
        svg.element("desc", ["id": "\(id)-desc"], text: "Scoreboard: " + String(rows.flatMap { $0 }))
        let perProcess = status.mpm != "prefork"
        for (r, row) in rows.enumerated() {
            let y = Self.margin + Double(r) * (Self.cell + Self.gap)
            let label = perProcess ? (language == .fr ? "enfant \(r)" : "child \(r)") : "\(r * 16)–\(r * 16 + row.count - 1)"
            svg.element("text", ["x": "0", "y": DiagramRenderer.n(y + Self.cell / 2 + 5), "class": "row-label"], text: label)
            for (c, letter) in row.enumerated() {
                let x = Self.labelWidth + Double(c) * (Self.cell + Self.gap)
                let g = svg.element("g", ["class": "slot \(Self.stateClass(letter))"])
                g.element("rect", ["x": DiagramRenderer.n(x), "y": DiagramRenderer.n(y), "width": DiagramRenderer.n(Self.cell),
                                   "height": DiagramRenderer.n(Self.cell), "rx": "4"])
                g.element("text", ["x": DiagramRenderer.n(x + Self.cell / 2), "y": DiagramRenderer.n(y + Self.cell / 2 + 5),
                                   "text-anchor": "middle"], text: String(letter))
            }
        }
    }

    /// The stylesheet class of a scoreboard letter.
    static func stateClass(_ letter: Character) -> String {
        switch letter {
        case "_": "idle"
        case ".": "open"
        case "K": "keepalive"
        case "W", "R", "L", "C", "D": "busy"
        case "G", "I": "leaving"
        case "S": "starting"
        default: "other"
        }
    }
}
