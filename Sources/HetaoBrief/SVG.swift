import TerminalKit

/// A drawing as SVG, for a page that needs no script, no network and no font of its own: text
/// from data is escaped as HTML's is (`HTML.escape`), and numbers are written short.
struct SVG {
    let width: Int
    let height: Int
    let title: String
    private var body = ""

    /// Fonts every system has, with Traditional Chinese ones named before the fallback.
    static let fonts = "system-ui, 'Noto Sans CJK TC', 'Noto Sans TC', 'Microsoft JhengHei', 'PingFang TC', sans-serif"

    /// The colours of the charts: printable on white, and told apart without colour by form
    /// (a thin baseline, a thick bar, a dashed today line, hollow and filled milestones).
    enum Colour {
        static let ink = "#222", grid = "#ddd", muted = "#888", baseline = "#aaa", bar = "#1f6fb2", done = "#2e7d32"
        static let late = "#d98300", veryLate = "#c62828", today = "#c62828", approved = "#c6dbef", committed = "#6baed6"
        static let spent = "#08519c"
    }

    init(width: Int, height: Int, title: String) {
        self.width = width
        self.height = height
        self.title = title
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
                       opacity: Double = 1) {
        let n = Self.number
        body += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(height))\" fill=\"\(fill)\""
            + (stroke.map { " stroke=\"\($0)\"" } ?? "") + (opacity < 1 ? " fill-opacity=\"\(n(opacity))\"" : "") + "/>"
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dashed: Bool = false) {
        let n = Self.number
        body += "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
            + (dashed ? " stroke-dasharray=\"4 3\"" : "") + "/>"
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1.5, dashed: Bool = false) {
        guard points.count > 1 else { return }
        let n = Self.number
        body += "<polyline fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
            + (dashed ? " stroke-dasharray=\"5 3\"" : "")
            + " points=\"" + points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ") + "\"/>"
    }

    mutating func circle(x: Double, y: Double, radius: Double, fill: String) {
        let n = Self.number
        body += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(fill)\"/>"
    }

    /// A milestone: a diamond, filled when achieved.
    mutating func diamond(x: Double, y: Double, size: Double, filled: Bool, colour: String) {
        let n = Self.number
        let points = [(x, y - size), (x + size, y), (x, y + size), (x - size, y)].map { "\(n($0.0)),\(n($0.1))" }
        body += "<polygon points=\"\(points.joined(separator: " "))\" fill=\"\(filled ? colour : "#fff")\" stroke=\"\(colour)\"/>"
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ text: String, x: Double, y: Double, size: Double = 10, anchor: Anchor = .start,
                       fill: String = Colour.ink, bold: Bool = false) {
        let n = Self.number
        body += "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\"" + (anchor == .start ? "" : " text-anchor=\"\(anchor.rawValue)\"")
            + (fill == Colour.ink ? "" : " fill=\"\(fill)\"") + (bold ? " font-weight=\"bold\"" : "") + ">" + HTML.escape(text) + "</text>"
    }

    /// The drawing as an element of a page, or as a file of its own (with the XML declaration).
    func document(standalone: Bool = false) -> String {
        (standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : "")
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\""
            + " role=\"img\" font-family=\"\(Self.fonts)\"><title>\(HTML.escape(title))</title>" + body + "</svg>"
            + (standalone ? "\n" : "")
    }
}
