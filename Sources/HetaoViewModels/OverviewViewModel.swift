import Foundation
import HetaoDomain
import HetaoText

/// The overview pane: the three parks, the Hetao park at a glance, the headline money.
public struct OverviewViewModel: Sendable {
    public struct Park: Hashable, Sendable {
        public var name, nameZH, location, role: String
        public var fullNameZH: String?
    }

    public let parks: [Park]
    public let headline: [Fact]
    public let money: [Fact]
    /// The Hetao park's name, for the pane's title.
    public let parkName: String

    /// `completions` is the programme's, when the caller already has them; statuses and the
    /// next milestone are reckoned on `day`.
    public init(programme p: Programme, on day: Day, completions: CompletionTable? = nil, texts t: Texts = .english) {
        parks = p.parks.map {
            Park(name: $0.name, nameZH: $0.nameZH, location: t.name($0.location, chinese: $0.chinese["location"]),
                 role: t.name($0.role, chinese: $0.chinese["role"]), fullNameZH: $0.fullNameZH)
        }
        parkName = p.parks.first.map { t.name($0.name, chinese: $0.nameZH) } ?? ""
        var facts: [Fact] = []
        let figure = { (id: String) in p.figures.first { $0.id == id } }
        func quantity(_ f: Figure) -> String {
            let unit = t.name(f.unit, chinese: f.chinese["unit"])
            return t.language == .traditionalChinese ? "\(t.number(f.value))\(unit)" : "\(Format.grouped(f.value)) \(unit)"
        }
        let areas = p.figures.filter { $0.id.hasPrefix("loop-area") }
        if !areas.isEmpty { facts.append(Fact(t[.siteArea], areas.map(quantity).joined(separator: " / "))) }
        let floorAreas = [(Phrase.floorAreaPhase1, figure("phase1-gfa")), (.floorAreaBothPhases, figure("total-gfa"))]
            .compactMap { phrase, f in f.map { t(phrase, quantity($0)) } }
        if !floorAreas.isEmpty { facts.append(Fact(t[.floorArea], floorAreas.joined(separator: "; "))) }
        func short(_ phase: Phase) -> String {
            let name = t.name(phase.name, chinese: phase.chinese["name"])
            let cut = name.split(whereSeparator: { $0 == "(" || $0 == "（" }).first.map(String.init) ?? name
            return cut.trimmedWhitespace
        }
        let targets = p.phases.compactMap { phase in phase.target.map { t(.phaseBy, short(phase), t.date($0)) } }
        facts.append(Fact(t[.phasesFact], t(.phasesCount, p.phases.count) + (targets.isEmpty ? "" : "; " + targets.joined(separator: ", "))))
        let counts = p.statusCounts(on: day)
        let planned = counts[.planned] ?? 0
        facts.append(Fact(t[.buildingsFact], t(.buildingsCounts, counts[.completed] ?? 0,
                                                (counts[.underConstruction] ?? 0) + (counts[.toppedOut] ?? 0))
                          + (planned > 0 ? t(.buildingsPlanned, planned) : ""), severity: .good))
        let table = completions ?? p.completions()
        let completions = p.phases.map { phase in (short(phase), table.phase(phase.id)) }
        facts.append(Fact(t[.completeFact], completions.map { "\($0.0) \(Format.percent($0.1.percent))\(Format.mark($0.1.isIllustrative))" }
                            .joined(separator: ", "), illustrative: completions.contains { $0.1.isIllustrative }))
        if let opening = p.milestone("opening"), let when = opening.when {
            facts.append(Fact(t[.openedFact], t.date(when)))
        }
        // The share of the two lab buildings let, as each report gave it: a trend, not one number.
        let lets = p.figures.filter { $0.id.hasPrefix("labs-let-") }
            .compactMap { f in p.source(f.sourceID)?.date.map { (f, $0) } }
            .sorted { $0.1.day < $1.1.day }
        if !lets.isEmpty {
            facts.append(Fact(t[.labsLetFact], lets.map { "\(Format.percent($0.0.value)) (\(t.date($0.1)))" }.joined(separator: " → ")))
        }
        if let next = p.nextMilestone(on: day), let when = next.when {
            facts.append(Fact(t[.nextMilestoneFact], "\(t.date(when)) \(t.name(next.name, chinese: next.chinese["name"]))",
                              illustrative: p.isIllustrative(when.sourceID)))
        }
        headline = facts
        // Headline allocations; one whose parent is also a headline is indented under it.
        let headlineIDs = Set(p.allAllocations.filter(\.allocation.isHeadline).map(\.allocation.id))
        money = p.allAllocations.filter(\.allocation.isHeadline).map { entry in
            let nested = entry.parentID.map(headlineIDs.contains) ?? false
            let a = entry.allocation
            return Fact((nested ? "  " : "") + t.name(a.name, chinese: a.chinese["name"]), t.amount(a.amount))
        }
    }
}
