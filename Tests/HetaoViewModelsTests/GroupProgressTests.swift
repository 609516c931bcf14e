import HetaoBundled
import HetaoData
import HetaoDomain
import Testing

@Suite struct GroupProgressTests {
    let programme = try! BundledDataset.load()

    /// The combined curves weigh each planned building by its floor area, reported figures
    /// counting from their day until the next report, and 0 before a building's first.
    @Test func reportedAndPlannedAreFloorAreaWeighted() throws {
        let group = GroupProgress(programme: programme, group: .batch("p1-batch-1"))
        let b8 = try #require(group.buildings.firstIndex { $0.id == "B8" })
        let b9 = try #require(group.buildings.firstIndex { $0.id == "B9" })
        let total = group.weights.reduce(0, +)
        let jan = Day(iso: "2025-01-31")!, feb = Day(iso: "2025-02-28")!
        let points = [ProgressPoint(subject: "B8", asOf: jan, percent: 100), ProgressPoint(subject: "B9", asOf: jan, percent: 40),
                      ProgressPoint(subject: "B9", asOf: feb, percent: 50), ProgressPoint(subject: "not-here", asOf: feb, percent: 90)]
        let curve = group.reported(points, asOf: programme.asOf)
        #expect(curve.map(\.day) == [jan, feb])
        let w8 = group.weights[b8], w9 = group.weights[b9]
        #expect(abs(curve[0].share - (w8 + 0.4 * w9) / total) < 1e-9)
        #expect(abs(curve[1].share - (w8 + 0.5 * w9) / total) < 1e-9)
        // The plan: nothing before the earliest start, everything after the latest finish.
        let window = try #require(group.window)
        #expect(group.planned(on: window.lowerBound.adding(days: -1)) == 0)
        #expect(abs(group.planned(on: window.upperBound) - 1) < 1e-9)
        #expect(group.buildings.allSatisfy { programme.plannedWindow(of: $0) != nil })
    }

    @Test func aPhaseCoversItsBatchesAndTheProgrammeEverything() {
        #expect(programme.buildings(of: .programme).count == programme.buildings.count)
        let phase = programme.buildings(of: .phase("phase-1")).map(\.id)
        let batches = programme.batches(in: "phase-1").flatMap { programme.buildings(in: $0.id).map(\.id) }
        #expect(Set(phase) == Set(batches) && !phase.isEmpty)
    }
}
