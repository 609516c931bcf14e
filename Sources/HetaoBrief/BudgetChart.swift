import HetaoDomain
import HetaoText
import TerminalKit

/// The budget as SVG bars: for each allocation the brief shows (`shown`), the approved amount as
/// a pale bar, what is committed over it, and what is spent over that, each labelled.
public struct BudgetChart {
    struct Bar {
        var label: String
        var depth: Int
        var approved: Double
        var committed: Double?
        var spent: Double?
        var isIllustrative: Bool
        var text: String
    }

    let bars: [Bar]
    let texts: Texts

    static let width = 760, labelWidth = 250, amountWidth = 170, rowHeight = 13, legendHeight = 22

    /// The funds and their first allocations, and any deeper one with money committed or spent:
    /// what a brief shows of the budget, in the chart and in the table.
    static func shown(_ p: Programme) -> [AllocationNode] {
        p.allAllocations.filter { $0.depth <= 1 || $0.allocation.committed != nil || $0.allocation.spent != nil }
    }

    init(programme p: Programme, texts t: Texts) {
        texts = t
        bars = Self.shown(p).map { node in
            let a = node.allocation
            let illustrative = [a.committed?.sourceID, a.spent?.sourceID].compactMap { $0 }.contains(where: p.isIllustrative)
            func figure(_ value: Sourced<HKD>?) -> String {
                value.map { " · " + t.amount($0.value) + Format.mark(p.isIllustrative($0.sourceID)) } ?? ""
            }
            return Bar(label: t.name(a.name, chinese: a.chinese["name"]), depth: node.depth, approved: Double(a.amount.dollars),
                       committed: a.committed.map { Double($0.value.dollars) }, spent: a.spent.map { Double($0.value.dollars) },
                       isIllustrative: illustrative, text: t.amount(a.amount) + figure(a.committed) + figure(a.spent))
        }
    }

    public func svg(standalone: Bool = false) -> String {
        let t = texts
        let height = bars.count * Self.rowHeight + Self.legendHeight + 8
        var svg = SVG(width: Self.width, height: height, title: t[.briefBudgetTitle])
        let left = Double(Self.labelWidth), room = Double(Self.width - Self.labelWidth - Self.amountWidth)
        let most = max(1, bars.map { max($0.approved, $0.committed ?? 0, $0.spent ?? 0) }.max() ?? 1)
        for (i, bar) in bars.enumerated() {
            let y = Double(4 + i * Self.rowHeight)
            let label = TextWidth.truncate(bar.label, to: 44 - bar.depth * 3)
            svg.text(label, x: 2 + Double(bar.depth) * 10, y: y + 10, size: 8.5, bold: bar.depth == 0)
            func width(_ value: Double) -> Double { room * value / most }
            svg.rect(x: left, y: y + 1, width: width(bar.approved), height: 11, fill: SVG.Colour.approved)
            if let committed = bar.committed {
                svg.rect(x: left, y: y + 3, width: width(committed), height: 7, fill: SVG.Colour.committed,
                         opacity: bar.isIllustrative ? 0.6 : 1)
            }
            if let spent = bar.spent {
                svg.rect(x: left, y: y + 5, width: width(spent), height: 3, fill: SVG.Colour.spent, opacity: bar.isIllustrative ? 0.6 : 1)
            }
            svg.text(bar.text, x: left + width(max(bar.approved, bar.committed ?? 0, bar.spent ?? 0)) + 4, y: y + 10, size: 8.5, fill: SVG.Colour.muted)
        }
        let legendY = Double(height) - 10
        var x = 2.0
        for (phrase, colour) in [(Phrase.briefApproved, SVG.Colour.approved), (.committed, SVG.Colour.committed), (.spent, SVG.Colour.spent)] {
            svg.rect(x: x, y: legendY - 8, width: 16, height: 9, fill: colour)
            svg.text(t[phrase], x: x + 20, y: legendY, size: 9, fill: SVG.Colour.muted)
            x += 34 + Double(TextWidth.of(t[phrase])) * 5.2
        }
        return svg.document(standalone: standalone)
    }
}
