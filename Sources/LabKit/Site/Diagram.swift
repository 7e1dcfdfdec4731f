// A diagram is data: boxes, arrows and labels on a small canvas. DiagramRenderer turns it into
// inline SVG (no image files, nothing to fetch), with a `<title>` and `<desc>` for screen readers
// and colours left to the stylesheet, so diagrams follow the theme and print in black and white.

struct Diagram {
    enum Style: String {
        case master, process, thread, busy, idle, listener, memory, page, copied, client, space
    }

    enum Shape {
        case box(x: Double, y: Double, w: Double, h: Double, label: String, note: String?, style: Style)
        case arrow(from: (Double, Double), to: (Double, Double), label: String?, dashed: Bool)
        case caption(x: Double, y: Double, String)
    }

    var width: Double
    var height: Double
    /// Short name (the SVG `<title>`).
    var title: String
    /// What the picture shows, in a sentence (the SVG `<desc>`).
    var description: String
    var shapes: [Shape] = []

    mutating func box(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ label: String, note: String? = nil, _ style: Style) {
        shapes.append(.box(x: x, y: y, w: w, h: h, label: label, note: note, style: style))
    }

    mutating func arrow(_ from: (Double, Double), _ to: (Double, Double), _ label: String? = nil, dashed: Bool = false) {
        shapes.append(.arrow(from: from, to: to, label: label, dashed: dashed))
    }

    mutating func caption(_ x: Double, _ y: Double, _ text: String) {
        shapes.append(.caption(x: x, y: y, text))
    }
}
