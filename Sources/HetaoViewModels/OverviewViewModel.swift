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
    }

    public let parks: [Park]
    public let headline: [Fact]
    public let money: [Fact]
    public let asOf: String

    public init(programme p: Programme) {
        parks = p.parks.map { Park(name: $0.name, nameZH: $0.nameZH, location: $0.location, role: $0.role) }
        asOf = p.asOf.iso
        var facts: [Fact] = []
        let figure = { (id: String) in p.figures.first { $0.id == id } }
        let areas = p.figures.filter { $0.label.hasPrefix("Site area") }
        if !areas.isEmpty {
            facts.append(Fact("Site area", areas.map { "\(Format.grouped($0.value)) \($0.unit)" }.joined(separator: " / ")))
        }
        if let gfa = figure("phase1-gfa") {
            facts.append(Fact("Phase 1 floor area", "\(Format.grouped(gfa.value)) \(gfa.unit)"))
        }
        if let total = figure("total-gfa") {
            facts.append(Fact("Both phases", "\(Format.grouped(total.value)) \(total.unit)"))
        }
        facts.append(Fact("Phases", p.phases.map(\.name).joined(separator: " → ")))
        let counts = p.statusCounts()
        let building = p.buildings.count
        facts.append(Fact("Buildings", "\(counts[.completed] ?? 0) of \(building) complete, "
                          + "\((counts[.underConstruction] ?? 0) + (counts[.toppedOut] ?? 0)) under construction",
                          severity: .good))
        for phase in p.phases {
            let c = p.completion(ofPhase: phase.id)
            let short = phase.name.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? phase.name
            facts.append(Fact("\(short) complete", Format.percent(c.percent) + (c.isIllustrative ? "*" : ""),
                              illustrative: c.isIllustrative))
        }
        if let opening = p.milestones.first(where: { $0.id == "opening" }), let when = opening.when {
            facts.append(Fact("Opened", when.display))
        }
        if let next = p.nextMilestone, let when = next.when {
            facts.append(Fact("Next milestone", "\(when.display) \(next.name)",
                              illustrative: p.isIllustrative(when.sourceID)))
        }
        headline = facts
        money = p.allAllocations.filter { $0.depth <= 1 }.map { entry in
            Fact(String(repeating: "  ", count: entry.depth) + entry.allocation.name, entry.allocation.amount.formatted)
        }
    }
}
