import Foundation
import HetaoDomain

/// A label and a value, with whether the value is illustrative.
public struct Fact: Hashable, Sendable {
    public var label: String
    public var value: String
    public var isIllustrative: Bool
    public var severity: Severity

    public init(_ label: String, _ value: String, illustrative: Bool = false, severity: Severity = .normal) {
        self.label = label
        self.value = value
        self.isIllustrative = illustrative
        self.severity = severity
    }
}

/// The overview pane: the three parks, the Hetao park at a glance, the headline money.
public struct OverviewViewModel: Sendable {
    public struct Park: Hashable, Sendable {
        public var name, nameZH, location, role: String
        public var fullNameZH: String?
    }

    public let parks: [Park]
    public let headline: [Fact]
    public let money: [Fact]
    public let asOf: String

    public init(programme p: Programme) {
        parks = p.parks.map {
            Park(name: $0.name, nameZH: $0.nameZH, location: $0.location, role: $0.role, fullNameZH: $0.fullNameZH)
        }
        asOf = p.asOf.iso
        var facts: [Fact] = []
        let figure = { (id: String) in p.figures.first { $0.id == id } }
        let areas = p.figures.filter { $0.label.hasPrefix("Site area") }
        if !areas.isEmpty {
            facts.append(Fact("Site area", areas.map { "\(Format.grouped($0.value)) \($0.unit)" }.joined(separator: " / ")))
        }
        let floorAreas = [("Phase 1", figure("phase1-gfa")), ("both phases", figure("total-gfa"))]
            .compactMap { label, f in f.map { "\(label) \(Format.grouped($0.value)) \($0.unit)" } }
        if !floorAreas.isEmpty { facts.append(Fact("Floor area", floorAreas.joined(separator: "; "))) }
        let targets = p.phases.compactMap { phase in phase.target.map { "\(phase.name.split(separator: " ").prefix(2).joined(separator: " ")) by \($0.display)" } }
        facts.append(Fact("Phases", "\(p.phases.count), west to east" + (targets.isEmpty ? "" : "; " + targets.joined(separator: ", "))))
        let counts = p.statusCounts()
        facts.append(Fact("Buildings", "\(counts[.completed] ?? 0) complete, "
                          + "\((counts[.underConstruction] ?? 0) + (counts[.toppedOut] ?? 0)) under construction"
                          + ((counts[.planned] ?? 0) > 0 ? ", \(counts[.planned] ?? 0) planned" : ""), severity: .good))
        let completions = p.phases.map { phase -> (String, Completion) in
            let short = phase.name.split(separator: "(").first.map { String($0).trimmedWhitespace } ?? phase.name
            return (short, p.completion(ofPhase: phase.id))
        }
        facts.append(Fact("Complete", completions.map { "\($0.0) \(Format.percent($0.1.percent))\($0.1.isIllustrative ? "*" : "")" }
                            .joined(separator: ", "), illustrative: completions.contains { $0.1.isIllustrative }))
        if let opening = p.milestones.first(where: { $0.id == "opening" }), let when = opening.when {
            facts.append(Fact("Opened", when.display))
        }
        if let next = p.nextMilestone, let when = next.when {
            facts.append(Fact("Next milestone", "\(when.display) \(next.name)",
                              illustrative: p.isIllustrative(when.sourceID)))
        }
        headline = facts
        // Headline allocations; one whose parent is also a headline is indented under it.
        let headlineIDs = Set(p.allAllocations.filter(\.allocation.isHeadline).map(\.allocation.id))
        money = p.allAllocations.filter(\.allocation.isHeadline).map { entry in
            let nested = entry.parentID.map(headlineIDs.contains) ?? false
            return Fact((nested ? "  " : "") + entry.allocation.name, entry.allocation.amount.formatted)
        }
    }
}
