// Writes a Diagram as inline SVG. Markers (arrow heads) get ids prefixed with the figure's id, so
// several diagrams on one page never collide.
import XML

struct DiagramRenderer {
    let language: Language

    func render(_ kind: String, id: String, into parent: OutputElement) {
        guard let diagram = DiagramLibrary(language: language).diagram(kind) else {
            parent.element("p", ["class": "missing"], text: "[diagram: \(kind)]")
            return
        }
        let svg = parent.element("svg", ["xmlns": "http://www.w3.org/2000/svg",
                                         "viewBox": "0 0 \(Self.n(diagram.width)) \(Self.n(diagram.height))",
                                         "role": "img", "aria-labelledby": "\(id)-title \(id)-desc",
                                         "class": "diagram-svg \(kind)"])
        svg.element("title", ["id": "\(id)-title"], text: diagram.title)
        svg.element("desc", ["id": "\(id)-desc"], text: diagram.description)
        let marker = svg.element("defs").element("marker", ["id": "\(id)-head", "viewBox": "0 0 10 10", "refX": "9", "refY": "5",
                                                             "markerWidth": "7", "markerHeight": "7", "orient": "auto-start-reverse"])
        marker.element("path", ["d": "M0,0 L10,5 L0,10 z", "class": "arrow-head"])
        for shape in diagram.shapes {
            switch shape {
            case .box(let x, let y, let w, let h, let label, let note, let style):
                let g = svg.element("g", ["class": "box \(style.rawValue)"])
                g.element("rect", ["x": Self.n(x), "y": Self.n(y), "width": Self.n(w), "height": Self.n(h), "rx": "6"])
                let labelY = note == nil && h < 60 ? y + h / 2 + 5 : y + 20
                g.element("text", ["x": Self.n(x + w / 2), "y": Self.n(labelY), "text-anchor": "middle", "class": "label"], text: label)
                if let note {
                    g.element("text", ["x": Self.n(x + w / 2), "y": Self.n(y + 37), "text-anchor": "middle", "class": "note"], text: note)
                }
            case .arrow(let from, let to, let label, let dashed):
                let g = svg.element("g", ["class": dashed ? "arrow dashed" : "arrow"])
                g.element("line", ["x1": Self.n(from.0), "y1": Self.n(from.1), "x2": Self.n(to.0), "y2": Self.n(to.1),
                                   "marker-end": "url(#\(id)-head)"])
                if let label {
                    g.element("text", ["x": Self.n((from.0 + to.0) / 2 + 6), "y": Self.n((from.1 + to.1) / 2 - 4),
                                       "class": "arrow-label"], text: label)
                }
            case .caption(let x, let y, let text):
                svg.element("text", ["x": Self.n(x), "y": Self.n(y), "class": "caption"], text: text)
            }
        }
    }

    /// Coordinates without a useless `.0`.
    static func n(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
