import HetaoDomain
import HetaoText
import HetaoViewModels

/// The programme's S-curve as SVG: the planned share done over time as a line, the reported
/// share as points joined, and today dashed, from 0 to 100%.
public struct SCurveChart {
    let curve: SCurve
    let today: Day
    let texts: Texts
    /// The buildings the curve is about (those with a plan), and all the programme lists.
    let planned: Int
    let listed: Int

    /// What the curve is of: the buildings with a plan, not the whole programme's floor area.
    var title: String { texts(.briefSCurveTitle, planned, listed) }

    static let width = 760, height = 160
    static let left = 44.0, right = 740.0, top = 10.0, bottom = 122.0

    public func svg(standalone: Bool = false) -> String {
        let t = texts
        var svg = SVG(width: Self.width, height: Self.height, title: title + (curve.isIllustrative ? " *" : ""))
        func x(_ day: Day) -> Double { Self.left + (Self.right - Self.left) * curve.position(of: day) }
        func y(_ share: Double) -> Double { Self.bottom - (Self.bottom - Self.top) * min(1, max(0, share)) }
        for share in [0.0, 0.25, 0.5, 0.75, 1.0] {
            svg.line(x1: Self.left, y1: y(share), x2: Self.right, y2: y(share), stroke: SVG.Colour.grid)
            svg.text(Format.percent(ratio: share), x: Self.left - 4, y: y(share) + 3, size: 9, anchor: .end, fill: SVG.Colour.muted)
        }
        for year in curve.start.year...curve.end.year {
            guard let jan = Day(year: year, month: 1, day: 1), jan >= curve.start, jan <= curve.end else { continue }
            svg.line(x1: x(jan), y1: Self.bottom, x2: x(jan), y2: Self.bottom + 4, stroke: SVG.Colour.muted)
            svg.text(String(year), x: x(jan), y: Self.bottom + 14, size: 9, anchor: .middle, fill: SVG.Colour.muted)
        }
        let last = Double(SCurve.samples - 1)
        svg.polyline(curve.planned.enumerated().map { i, share in
            (Self.left + (Self.right - Self.left) * Double(i) / last, y(share))
        }, stroke: SVG.Colour.baseline, width: 2, dashed: curve.isIllustrative)
        let reported = curve.reported.map { (x($0.day), y($0.share)) }
        svg.polyline(reported, stroke: SVG.Colour.bar, width: 2)
        for point in reported { svg.circle(x: point.0, y: point.1, radius: 2.2, fill: SVG.Colour.bar) }
        if today >= curve.start && today <= curve.end {
            svg.line(x1: x(today), y1: Self.top, x2: x(today), y2: Self.bottom, stroke: SVG.Colour.today, width: 1.2, dashed: true)
        }
        let legendY = Double(Self.height) - 10
        svg.line(x1: Self.left, y1: legendY - 3, x2: Self.left + 18, y2: legendY - 3, stroke: SVG.Colour.baseline, width: 2)
        svg.text(t[.briefPlanned] + (curve.isIllustrative ? " *" : ""), x: Self.left + 22, y: legendY, size: 9, fill: SVG.Colour.muted)
        svg.line(x1: Self.left + 120, y1: legendY - 3, x2: Self.left + 138, y2: legendY - 3, stroke: SVG.Colour.bar, width: 2)
        svg.text(t[.briefReported], x: Self.left + 142, y: legendY, size: 9, fill: SVG.Colour.muted)
        svg.line(x1: Self.left + 240, y1: legendY - 9, x2: Self.left + 240, y2: legendY + 3, stroke: SVG.Colour.today, dashed: true)
        svg.text(t[.briefToday] + " " + t.day(today), x: Self.left + 246, y: legendY, size: 9, fill: SVG.Colour.muted)
        return svg.document(standalone: standalone)
    }
}
