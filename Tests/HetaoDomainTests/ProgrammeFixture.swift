@testable import HetaoDomain

/// A small programme built in code, with figures simple enough to check by hand.
enum Fixture {
    static let asOf = Day(iso: "2026-11-20")!

    static func day(_ text: String) -> DatedValue {
        let (day, precision) = DatePrecision.parse(text)!
        return DatedValue(day: day, precision: precision, sourceID: "paper")
    }

    static func building(_ id: String, batch: String = "b1", area: Double, percent: Double,
                         percentSource: String = "paper", start: DatePlan = DatePlan(),
                         toppingOut: DatePlan = DatePlan(), completion: DatePlan = DatePlan()) -> Building {
        Building(id: id, label: id, isPlaceholder: false, batchID: batch, nameEN: id, nameZH: id, use: Sourced(.wetLab, source: "paper"),
                 storeys: nil, floorArea: Sourced(area, source: "paper"), start: start, toppingOut: toppingOut,
                 completion: completion, percentComplete: Sourced(percent, source: percentSource), shareLeased: nil,
                 note: nil, sourceID: "paper")
    }

    static func programme(buildings: [Building], milestones: [Milestone] = [], allocations: [Allocation] = []) -> Programme {
        Programme(
            title: "Fixture", asOf: asOf, parks: [], figures: [],
            phases: [Phase(id: "p1", name: "Phase 1", order: 1, summary: "", floorArea: Sourced(5000, source: "paper"),
                           target: nil, sourceID: "paper")],
            batches: [
                Batch(id: "b1", phaseID: "p1", name: "Batch 1", delivery: "", sites: nil,
                      floorArea: Sourced(1000, source: "paper"), sourceID: "paper"),
                Batch(id: "b2", phaseID: "p1", name: "Batch 2", delivery: "", sites: nil,
                      floorArea: Sourced(2000, source: "paper"), sourceID: "paper"),
            ],
            buildings: buildings, milestones: milestones, allocations: allocations, institutions: [],
            sources: [
                Source(id: "paper", title: "A paper", publisher: "LegCo", date: nil, url: nil, confidence: .high),
                Source(id: "illustrative", title: "Illustrative", publisher: "editors", date: nil, url: nil,
                       confidence: .illustrative),
            ])
    }
}
