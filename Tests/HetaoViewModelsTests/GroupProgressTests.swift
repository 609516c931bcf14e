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
        let curve = group.reported(.reports(points), asOf: programme.asOf)
        #expect(curve.map(\.day) == [jan, feb])
        let w8 = group.weights[b8], w9 = group.weights[b9]
        #expect(abs(curve[0].share - (w8 + 0.4 * w9) / total) < 1e-9)
        #expect(abs(curve[1].share - (w8 + 0.5 * w9) / total) < 1e-9)
        // The plan: nothing before the earliest start, everything after the latest finish.
        let window = try #require(group.window)
        #expect(group.planned(on: window.lowerBound.adding(days: -1)) == 0)
        #expect(abs(group.planned(on: window.upperBound) - 1) < 1e-9)
        #expect(group.buildings.allSatisfy { programme.plannedWindow(of: $0) != nil })
        // The store's daily sums of the same reports draw the same curve.
        let daily = [DailyChange(day: jan, weighted: 100 * w8 + 40 * w9), DailyChange(day: feb, weighted: 10 * w9)]
        let summed = group.reported(.daily(daily), asOf: programme.asOf)
        #expect(summed.map(\.day) == curve.map(\.day))
        #expect(zip(summed, curve).allSatisfy { abs($0.share - $1.share) < 1e-12 })
    }

    /// The weights' fingerprint changes with any building's weight or batch, and with which
    /// buildings count: sums made with other weights are never read as these.
    @Test func curveWeightsFingerprintTheirBuildings() throws {
        let weights = CurveWeights(programme: programme)
        #expect(weights.byBuilding.count == GroupProgress(programme: programme, group: .programme).buildings.count)
        #expect(CurveWeights(programme: programme).fingerprint == weights.fingerprint)
        var larger = programme
        let i = try #require(larger.buildings.firstIndex { weights.byBuilding[$0.id] != nil })
        larger.buildings[i].floorArea.value += 1
        #expect(CurveWeights(programme: larger).fingerprint != weights.fingerprint)
        var moved = programme
        moved.buildings[i].batchID = try #require(programme.batches.first { $0.id != programme.buildings[i].batchID }).id
        #expect(CurveWeights(programme: moved).fingerprint != weights.fingerprint)
        var fewer = programme
        fewer.buildings.remove(at: i)
        #expect(CurveWeights(programme: fewer).fingerprint != weights.fingerprint)
    }

    @Test func aPhaseCoversItsBatchesAndTheProgrammeEverything() {
        #expect(programme.buildings(of: .programme).count == programme.buildings.count)
        let phase = programme.buildings(of: .phase("phase-1")).map(\.id)
        let batches = programme.batches(in: "phase-1").flatMap { programme.buildings(in: $0.id).map(\.id) }
        #expect(Set(phase) == Set(batches) && !phase.isEmpty)
    }
}
