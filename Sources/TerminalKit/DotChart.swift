/// A line chart on a grid of terminal cells, each cell a 2×4 block of Braille dots, so a
/// 40-column chart has 80 points across: enough to show the shape of an S-curve. Several
/// series share the grid; a cell shows the dots of every series in it and belongs to the last
/// series drawn there. Without Unicode each cell shows one mark per series instead (`.` `*`).
public struct DotChart {
    public let width: Int
    public let height: Int
    private var dots: [UInt8]
    private var owner: [Int?]

    public init(width: Int, height: Int) {
        self.width = max(1, width)
        self.height = max(1, height)
        dots = Array(repeating: 0, count: self.width * self.height)
        owner = Array(repeating: nil, count: self.width * self.height)
    }

    /// Plots `points` (x and y in 0–1, x rising) for `series`, joined by straight segments; a
    /// `dotted` series sets every other dot, so two series differ without colour too.
    public mutating func plot(series: Int, points: [(x: Double, y: Double)], dotted: Bool = false) {
        let columns = width * 2, rows = height * 4
        func dot(_ x: Double, _ y: Double) -> (Int, Int) {
            (min(columns - 1, max(0, Int((x * Double(columns - 1)).rounded()))),
             min(rows - 1, max(0, Int(((1 - y) * Double(rows - 1)).rounded()))))
        }
        var previous: (Int, Int)?
        var count = 0
        func mark(_ x: Int, _ y: Int) {
            defer { count += 1 }
            if !dotted || count % 2 == 0 { set(x, y, series) }
        }
        for point in points {
            let current = dot(point.x, point.y)
            if let previous {
                let steps = max(abs(current.0 - previous.0), abs(current.1 - previous.1), 1)
                for s in 1...steps {
                    let t = Double(s) / Double(steps)
                    mark(Int((Double(previous.0) + t * Double(current.0 - previous.0)).rounded()),
                         Int((Double(previous.1) + t * Double(current.1 - previous.1)).rounded()))
                }
            } else {
                mark(current.0, current.1)
            }
            previous = current
        }
    }

    private mutating func set(_ x: Int, _ y: Int, _ series: Int) {
        // Braille dot numbering: columns of 1-2-3-7 and 4-5-6-8, top to bottom.
        let bits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
        let cell = (y / 4) * width + x / 2
        dots[cell] |= bits[y % 4][x % 2]
        owner[cell] = series
    }

    /// Each row as runs of text with the series that owns them (nil: empty cells).
    public func rows(unicode: Bool, marks: [Character] = [".", "*", "+"]) -> [[(text: String, series: Int?)]] {
        (0..<height).map { row in
            var runs: [(text: String, series: Int?)] = []
            for column in 0..<width {
                let cell = row * width + column
                let character: Character
                if dots[cell] == 0 {
                    character = " "
                } else if unicode {
                    character = Character(Unicode.Scalar(0x2800 + UInt32(dots[cell]))!)
                } else {
                    character = marks[min(marks.count - 1, owner[cell] ?? 0)]
                }
                let series = dots[cell] == 0 ? nil : owner[cell]
                if let last = runs.last, last.series == series {
                    runs[runs.count - 1].text.append(character)
                } else {
                    runs.append((String(character), series))
                }
            }
            return runs
        }
    }
}
